import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { type Actor, getActor } from "@/lib/auth/actor";
import { prisma } from "@/lib/db/client";
import { actOnStep } from "@/lib/incidents/act-on-step";
import { closeIncident } from "@/lib/incidents/close-incident";
import { kindFromDb } from "@/lib/incidents/codec";
import { createIncident } from "@/lib/incidents/create-incident";
import {
  ageOf,
  FINANCE_PAGE_ROWS,
  FINANCE_QUEUE_LIMIT,
  financeRowsToShow,
  listFinanceQueue,
} from "@/lib/incidents/list-finance-queue";
import type { StepKey } from "@/lib/incidents/rules";
import { referenceOf } from "@/lib/incidents/serialize";
import { type CreateIncidentInput, createIncidentSchema } from "@/lib/schemas/incident";
import { type DemoUser, sessionCookie } from "@/tests/helpers/api";

async function actorFor(user: DemoUser): Promise<Actor> {
  const actor = await getActor(new Headers({ cookie: await sessionCookie(user) }));
  if (!actor) throw new Error(`no actor for ${user}`);
  return actor;
}

async function logIncident(actor: Actor, input: Partial<CreateIncidentInput> & { hoursAgo: number }) {
  const { hoursAgo, ...rest } = input;
  const occurredAt = new Date(Date.now() - hoursAgo * 3_600_000).toISOString();
  const parsed = createIncidentSchema.parse({ kind: "wrong_amount", terminalId: "T1000001", occurredAt, ...rest });
  return (await createIncident({ actor, input: parsed })).incident;
}

async function complete(actor: Actor, id: string, keys: StepKey[], version: number): Promise<number> {
  let current = version;
  for (const key of keys) {
    current = (await actOnStep({ actor, id, key, input: { action: "complete", version: current } })).version;
  }
  return current;
}

describe("listFinanceQueue", () => {
  test("lists open incidents with reconcile pending, oldest first, and says which are ready", async () => {
    const cashier = await actorFor("cashier");
    const supervisor = await actorFor("supervisor");
    const finance = await actorFor("finance");

    const newer = await logIncident(cashier, { hoursAgo: 3, amount: "10.00" });
    const older = await logIncident(cashier, { hoursAgo: 50, kind: "duplicate_charge", amount: "99.90" });
    const declined = await logIncident(cashier, { hoursAgo: 60, kind: "pin_error" });
    const closed = await logIncident(cashier, { hoursAgo: 70 });
    let version = await complete(supervisor, closed.id, ["halt", "reverify", "notify"], 1);
    version = (
      await actOnStep({
        actor: supervisor,
        id: closed.id,
        key: "reconcile",
        input: { action: "skip", note: "no money moved", version },
      })
    ).version;
    await closeIncident({
      actor: supervisor,
      id: closed.id,
      input: { resolution: "no_loss", causes: ["distraction"], recoveredAmount: "0", lostAmount: "0", version },
    });

    await complete(supervisor, older.id, ["halt", "reverify", "notify"], older.version);

    const { items } = await listFinanceQueue({ actor: finance });
    const ids = items.map((item) => item.id);
    expect(ids).toContain(older.id);
    expect(ids).toContain(newer.id);
    expect(ids).not.toContain(declined.id);
    expect(ids).not.toContain(closed.id);
    expect(ids.indexOf(older.id)).toBeLessThan(ids.indexOf(newer.id));

    const olderItem = items.find((item) => item.id === older.id);
    expect(olderItem).toMatchObject({ ready: true, waitingFor: [], age: { value: 2, unit: "days" }, amount: "99.90" });
    const newerItem = items.find((item) => item.id === newer.id);
    expect(newerItem).toMatchObject({
      ready: false,
      waitingFor: ["halt", "reverify", "notify"],
      age: { value: 3, unit: "hours" },
      reference: newer.reference,
      terminalId: "T1000001",
      storeName: "Store 1",
    });
  });

  test("each queued case carries its incident's own fields, store and terminal", async () => {
    // The queue loads its rows with raw SQL (joins) instead of a Prisma findMany with relations.
    const finance = await actorFor("finance");
    await logIncident(await actorFor("cashier"), {
      hoursAgo: 5,
      amount: "12.34",
      cardLast4: "4242",
      rrn: "998877665544",
    });
    const { items } = await listFinanceQueue({ actor: finance });
    expect(items.length).toBeGreaterThan(0);
    for (const item of items) {
      const row = await prisma.incident.findUniqueOrThrow({
        where: { id: item.id },
        include: { store: true, terminal: true },
      });
      expect(item).toMatchObject({
        reference: referenceOf(row.number),
        kind: kindFromDb(row.kind),
        status: row.status,
        version: row.version,
        storeName: row.store.name,
        terminalId: row.terminal.tid,
        amountMinor: row.amountMinor,
        currency: row.currency,
        cardBin: row.cardBin,
        cardLast4: row.cardLast4,
        rrn: row.rrn,
        occurredAt: row.occurredAt.toISOString(),
      });
    }
    expect(items.some((item) => item.rrn === "998877665544" && item.cardLast4 === "4242")).toBe(true);
  });

  test("a reconciled incident leaves the queue", async () => {
    const supervisor = await actorFor("supervisor");
    const finance = await actorFor("finance");
    const incident = await logIncident(supervisor, { hoursAgo: 1 });
    const version = await complete(supervisor, incident.id, ["halt", "reverify", "notify"], incident.version);
    await actOnStep({ actor: finance, id: incident.id, key: "reconcile", input: { action: "complete", version } });
    const { items } = await listFinanceQueue({ actor: finance });
    expect(items.map((item) => item.id)).not.toContain(incident.id);
  });

  test("admin sees the queue; cashier and supervisor are refused", async () => {
    await expect(listFinanceQueue({ actor: await actorFor("admin") })).resolves.toHaveProperty("items");
    await expect(listFinanceQueue({ actor: await actorFor("cashier") })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(listFinanceQueue({ actor: await actorFor("supervisor") })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
  });
});

describe("ageOf", () => {
  const now = new Date("2026-03-10T12:00:00Z");
  const ago = (ms: number) => new Date(now.getTime() - ms);

  test("under an hour is counted in minutes", () => {
    expect(ageOf(ago(42 * 60_000), now)).toEqual({ value: 42, unit: "minutes" });
  });

  test("under two days is counted in whole hours", () => {
    expect(ageOf(ago(3.5 * 3_600_000), now)).toEqual({ value: 3, unit: "hours" });
    expect(ageOf(ago(47 * 3_600_000), now)).toEqual({ value: 47, unit: "hours" });
  });

  test("two days and more is counted in whole days", () => {
    expect(ageOf(ago(50 * 3_600_000), now)).toEqual({ value: 2, unit: "days" });
  });

  test("a time in the future counts as zero minutes", () => {
    expect(ageOf(new Date(now.getTime() + 60_000), now)).toEqual({ value: 0, unit: "minutes" });
  });
});

describe("listFinanceQueue: what finance can act on first, totals and filters", () => {
  test("the cases finance can reconcile now come first, then the others, oldest first in each", async () => {
    const cashier = await actorFor("cashier");
    const supervisor = await actorFor("supervisor");
    const finance = await actorFor("finance");
    const olderWaiting = await logIncident(cashier, { hoursAgo: 400, amount: "5.00" });
    const newerReady = await logIncident(cashier, { hoursAgo: 2, amount: "7.00" });
    await complete(supervisor, newerReady.id, ["halt", "reverify", "notify"], newerReady.version);

    const { items } = await listFinanceQueue({ actor: finance });
    const ids = items.map((item) => item.id);
    expect(ids.indexOf(newerReady.id)).toBeLessThan(ids.indexOf(olderWaiting.id));
    const readiness = items.map((item) => item.ready);
    expect(readiness).toEqual([...readiness].sort((a, b) => Number(b) - Number(a)));
    for (const group of [true, false]) {
      const times = items.filter((item) => item.ready === group).map((item) => Date.parse(item.occurredAt));
      expect(times).toEqual([...times].sort((a, b) => a - b));
    }
  });

  test("totals per currency sum the whole queue's amounts in minor units, and what is ready", async () => {
    const cashier = await actorFor("cashier");
    const supervisor = await actorFor("supervisor");
    const finance = await actorFor("finance");
    const before = await listFinanceQueue({ actor: finance });
    const totalOf = (totals: typeof before.totals, currency: string) =>
      totals.find((total) => total.currency === currency) ?? {
        currency,
        count: 0,
        amountMinor: 0,
        ready: 0,
        readyAmountMinor: 0,
      };
    await logIncident(cashier, { hoursAgo: 5, amount: "10.25", currency: "USD" });
    const ready = await logIncident(cashier, { hoursAgo: 6, amount: "0.75", currency: "USD" });
    await complete(supervisor, ready.id, ["halt", "reverify", "notify"], ready.version);
    await logIncident(cashier, { hoursAgo: 7, amount: "100.00", currency: "CNY" });
    await logIncident(cashier, { hoursAgo: 8, currency: "CNY" }); // no amount: counted, adds nothing

    const after = await listFinanceQueue({ actor: finance });
    const usd = totalOf(after.totals, "USD");
    const usdBefore = totalOf(before.totals, "USD");
    expect(usd.count - usdBefore.count).toBe(2);
    expect(usd.amountMinor - usdBefore.amountMinor).toBe(1100);
    expect(usd.ready - usdBefore.ready).toBe(1);
    expect(usd.readyAmountMinor - usdBefore.readyAmountMinor).toBe(75);
    const cny = totalOf(after.totals, "CNY");
    const cnyBefore = totalOf(before.totals, "CNY");
    expect(cny.count - cnyBefore.count).toBe(2);
    expect(cny.amountMinor - cnyBefore.amountMinor).toBe(10_000);
    // The totals agree with the cases listed (the queue is short enough here to list whole).
    for (const total of after.totals) {
      const listed = after.items.filter((item) => item.currency === total.currency);
      expect(listed).toHaveLength(total.count);
      expect(listed.reduce((sum, item) => sum + (item.amountMinor ?? 0), 0)).toBe(total.amountMinor);
    }
  });

  test("filters by store, kind and how long the case has waited, in the list and the totals", async () => {
    const cashier = await actorFor("cashier");
    const admin = await actorFor("admin");
    const finance = await actorFor("finance");
    const store2 = await logIncident(admin, { hoursAgo: 30, terminalId: "T2000001", kind: "debited_not_credited" });
    const weekOld = await logIncident(cashier, { hoursAgo: 8 * 24, kind: "wrong_card" });

    const byStore = await listFinanceQueue({ actor: finance, query: { storeId: store2.storeId } });
    expect(byStore.items.map((item) => item.id)).toContain(store2.id);
    expect(byStore.items.every((item) => item.storeName === "Store 2")).toBe(true);
    expect(byStore.totals.reduce((sum, total) => sum + total.count, 0)).toBe(byStore.items.length);

    const byKind = await listFinanceQueue({ actor: finance, query: { kind: "wrong_card" } });
    expect(byKind.items.map((item) => item.id)).toContain(weekOld.id);
    expect(byKind.items.every((item) => item.kind === "wrong_card")).toBe(true);

    const overAWeek = await listFinanceQueue({ actor: finance, query: { olderThanDays: "7" } });
    expect(overAWeek.items.map((item) => item.id)).toContain(weekOld.id);
    expect(overAWeek.items.map((item) => item.id)).not.toContain(store2.id);
    const overADay = await listFinanceQueue({ actor: finance, query: { olderThanDays: "1" } });
    expect(overADay.items.map((item) => item.id)).toEqual(expect.arrayContaining([store2.id, weekOld.id]));
    const cutoff = Date.now() - 86_400_000;
    expect(overADay.items.every((item) => Date.parse(item.occurredAt) < cutoff)).toBe(true);
  });
});

describe("rows the finance page shows", () => {
  test("50 by default and for anything that is not a count above it; more in steps of 50 up to the limit", () => {
    expect(financeRowsToShow(undefined)).toBe(50);
    expect(financeRowsToShow("abc")).toBe(50);
    expect(financeRowsToShow("-3")).toBe(50);
    expect(financeRowsToShow("51")).toBe(100);
    expect(financeRowsToShow(["150", "50"])).toBe(150);
    expect(financeRowsToShow("100000")).toBe(FINANCE_QUEUE_LIMIT);
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.integer().map(String)), (raw) => {
        const shown = financeRowsToShow(raw);
        expect(shown % FINANCE_PAGE_ROWS).toBe(0);
        expect(shown).toBeGreaterThanOrEqual(FINANCE_PAGE_ROWS);
        expect(shown).toBeLessThanOrEqual(FINANCE_QUEUE_LIMIT);
      }),
    );
  });
});
