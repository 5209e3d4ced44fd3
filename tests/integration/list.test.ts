// GET /api/incidents: each filter (status, kind, store, search, overdue, date range) and cursor
// pagination, against a known set of incidents in this file's database.
import { beforeAll, describe, expect, test } from "vitest";
import type { IncidentDto } from "@/lib/schemas/incident";
import { closeAs, completeAllSteps, completeSteps, listAs, logIncident } from "@/tests/helpers/incidents";

let oldOpen: IncidentDto; // Store 1, 10 Jan, long overdue
let closed: IncidentDto; // Store 2, 12 Jan, closed
let recent: IncidentDto; // Store 1, an hour ago, in progress
let lateEvening: IncidentDto; // Store 2, 11 Jan 23:30 in Shanghai = 15:30 UTC
let all: IncidentDto[];

async function idsOf(query: Record<string, string>, user: "admin" | "cashier" | "finance" = "admin") {
  const response = await listAs(user, query);
  expect(response.status).toBe(200);
  return response.body.items.map((item) => item.id);
}

beforeAll(async () => {
  oldOpen = await logIncident({
    kind: "wrong_amount",
    terminalId: "T1000001",
    occurredAt: "2026-01-10T10:00:00Z",
    rrn: "111111111111",
  });
  const pin = await completeAllSteps(
    await logIncident({ kind: "pin_error", terminalId: "T2000001", occurredAt: "2026-01-12T10:00:00Z" }),
  );
  closed = (await closeAs("admin", pin.id, { resolution: "no_loss", version: pin.version })).body;
  recent = await completeSteps(
    await logIncident({
      kind: "unsigned_slip",
      terminalId: "T1000002",
      occurredAt: new Date(Date.now() - 3_600_000).toISOString(),
      rrn: "222222222222",
    }),
    ["halt"],
  );
  lateEvening = await logIncident({
    kind: "duplicate_charge",
    terminalId: "T2000001",
    occurredAt: "2026-01-11T23:30:00+08:00",
    traceNo: "424242",
  });
  // A few more, so pagination runs over several pages.
  for (const kind of ["wrong_card", "terminal_fault", "suspected_fraud"]) await logIncident({ kind });
  all = (await listAs("admin", { limit: "100" })).body.items;
});

describe("incident list", () => {
  test("lists newest first", () => {
    expect(all).toHaveLength(7);
    const created = all.map((item) => Date.parse(item.createdAt));
    expect(created).toEqual([...created].sort((a, b) => b - a));
    expect(all.at(-1)?.id).toBe(oldOpen.id);
  });

  test("filters by status", async () => {
    expect(await idsOf({ status: "CLOSED" })).toEqual([closed.id]);
    expect(await idsOf({ status: "IN_PROGRESS" })).toEqual([recent.id]);
    const open = await idsOf({ status: "OPEN" });
    expect(open).toHaveLength(5);
    expect(open).toEqual(expect.arrayContaining([oldOpen.id, lateEvening.id]));
  });

  test("filters by kind", async () => {
    expect(await idsOf({ kind: "pin_error" })).toEqual([closed.id]);
    expect(await idsOf({ kind: "unsigned_slip" })).toEqual([recent.id]);
  });

  test("filters by store", async () => {
    expect(new Set(await idsOf({ storeId: closed.storeId }))).toEqual(new Set([closed.id, lateEvening.id]));
    const store1 = await idsOf({ storeId: oldOpen.storeId });
    expect(store1).toHaveLength(5);
    expect(store1).not.toContain(closed.id);
  });

  test("searches by reference", async () => {
    expect(await idsOf({ q: oldOpen.reference })).toEqual([oldOpen.id]);
    expect(await idsOf({ q: oldOpen.reference.toLowerCase() })).toEqual([oldOpen.id]);
  });

  test("searches by RRN, whole or in part, and by trace number", async () => {
    expect(await idsOf({ q: "111111111111" })).toEqual([oldOpen.id]);
    expect(await idsOf({ q: "22222222" })).toEqual([recent.id]);
    expect(await idsOf({ q: "424242" })).toEqual([lateEvening.id]);
    expect(await idsOf({ q: "999999999999" })).toEqual([]);
  });

  test("filters overdue incidents: past due and not closed", async () => {
    const overdue = await idsOf({ overdue: "true" });
    expect(overdue).toEqual(expect.arrayContaining([oldOpen.id, lateEvening.id]));
    expect(overdue).not.toContain(closed.id);
    expect(overdue).not.toContain(recent.id);
    const items = (await listAs("admin", { overdue: "true" })).body.items;
    expect(items.every((item) => item.overdue)).toBe(true);
    const notOverdue = await idsOf({ overdue: "false" });
    expect(notOverdue).toEqual(expect.arrayContaining([closed.id, recent.id]));
    expect(notOverdue).not.toContain(oldOpen.id);
  });

  test("filters by date of occurrence (UTC days, both ends inclusive)", async () => {
    expect(await idsOf({ from: "2026-01-11", to: "2026-01-11" })).toEqual([lateEvening.id]);
    expect(new Set(await idsOf({ to: "2026-01-11" }))).toEqual(new Set([oldOpen.id, lateEvening.id]));
    expect(new Set(await idsOf({ from: "2026-01-11", to: "2026-01-12" }))).toEqual(
      new Set([closed.id, lateEvening.id]),
    );
    const fromRecentDay = await idsOf({ from: recent.occurredAt.slice(0, 10) });
    expect(fromRecentDay).toContain(recent.id);
    expect(fromRecentDay).not.toContain(oldOpen.id);
  });

  test("combines filters", async () => {
    expect(await idsOf({ storeId: closed.storeId, status: "OPEN" })).toEqual([lateEvening.id]);
    expect(await idsOf({ kind: "wrong_amount", overdue: "true", to: "2026-01-10" })).toEqual([oldOpen.id]);
  });

  test("filters never widen a store-scoped user's view", async () => {
    expect(await idsOf({ q: lateEvening.reference }, "cashier")).toEqual([]);
    expect(await idsOf({ q: lateEvening.reference }, "finance")).toEqual([lateEvening.id]);
  });

  test("cursor pagination walks every incident exactly once, in order", async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query: Record<string, string> = { limit: "2", ...(cursor ? { cursor } : {}) };
      const page = await listAs("admin", query);
      expect(page.status).toBe(200);
      expect(page.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.body.items.map((item) => item.id));
      cursor = page.body.nextCursor;
      pages++;
    } while (cursor && pages < 10);
    expect(pages).toBe(4);
    expect(seen).toEqual(all.map((item) => item.id));
  });

  test("pagination keeps the filters", async () => {
    const first = await listAs("admin", { status: "OPEN", limit: "3" });
    expect(first.body.items).toHaveLength(3);
    expect(first.body.nextCursor).not.toBeNull();
    const second = await listAs("admin", { status: "OPEN", limit: "3", cursor: first.body.nextCursor ?? "" });
    expect(second.body.items).toHaveLength(2);
    expect(second.body.nextCursor).toBeNull();
    expect([...first.body.items, ...second.body.items].every((item) => item.status === "OPEN")).toBe(true);
  });
});
