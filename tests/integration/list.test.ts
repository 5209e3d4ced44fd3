// GET /api/incidents: each filter (status, kind, store, search, overdue, date range) and cursor
// pagination, against a known set of incidents in this file's database; and the text index behind
// the search (SQLite FTS5 kept by triggers, PostgreSQL trigram and CJK-pair GIN indexes).
import fc from "fast-check";
import { beforeAll, describe, expect, test } from "vitest";
import { databaseProvider, prisma } from "@/lib/db/client";
import { incidentSearchSql, postgresSearchIndexSql } from "@/lib/db/dialect";
import { Prisma } from "@/lib/generated/prisma/client";
import { actionableSql, incidentWalkSql, pageWalksSql } from "@/lib/incidents/list-incidents";
import { completePermission, nextAction } from "@/lib/incidents/rules";
import { incidentInclude } from "@/lib/incidents/scope";
import { serializeIncident } from "@/lib/incidents/serialize";
import { can, type Role } from "@/lib/rbac/permissions";
import type { IncidentDto } from "@/lib/schemas/incident";
import {
  type ApiResult,
  CLOSE_OUTCOME,
  closeAs,
  completeAllSteps,
  completeSteps,
  listAs,
  logIncident,
} from "@/tests/helpers/incidents";
import { explain } from "@/tests/helpers/query-plan";

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
  closed = (await closeAs("admin", pin.id, { ...CLOSE_OUTCOME, resolution: "no_loss", version: pin.version })).body;
  // An unsigned slip is due at the store's batch cut-off (23:00 by default): one logged at 22:15
  // is overdue at 23:15, and this test failed every evening between 23:00 and midnight in Shanghai.
  // Store 1's cut-off is set half a day from now, so "an hour ago" is never past it.
  const storeOne = await prisma.terminal.findFirstOrThrow({ where: { tid: "T1000002" }, select: { storeId: true } });
  const shanghaiHour = (new Date().getUTCHours() + 8) % 24;
  await prisma.store.update({
    where: { id: storeOne.storeId },
    data: { cutoffTime: `${String((shanghaiHour + 12) % 24).padStart(2, "0")}:00` },
  });
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

  test("each listed incident is exactly what Prisma's incident read gives, relations included", async () => {
    // The list loads its rows with raw SQL (two joins) instead of findMany + incidentInclude.
    for (const user of ["admin", "cashier"] as const) {
      const items = (await listAs(user, { limit: "100" })).body.items;
      expect(items.length).toBeGreaterThan(1);
      const rows = await prisma.incident.findMany({
        where: { id: { in: items.map((item) => item.id) } },
        include: incidentInclude,
      });
      const expected = new Map(rows.map((row) => [row.id, serializeIncident(row)]));
      for (const item of items) expect(item).toEqual(expected.get(item.id));
    }
    // the rows cover what can differ: steps done by someone, a reporter, a closed case
    const steps = all.flatMap((item) => item.steps);
    expect(steps.some((step) => step.by !== undefined && step.at !== undefined)).toBe(true);
    expect(all.some((item) => item.reportedBy !== null && item.closedAt !== null)).toBe(true);
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

describe("search through the text index", () => {
  let unsigned: IncidentDto; // Store 1, Chinese and English description
  let refund: IncidentDto; // Store 2
  let wildcards: IncidentDto;

  beforeAll(async () => {
    unsigned = await logIncident({
      kind: "unsigned_slip",
      terminalId: "T1000002",
      description: "客户未签名就离开了 Customer LEFT before signing",
      cardLast4: "4821",
      authCode: "AB12CD",
      rrn: "531000777001",
    });
    refund = await logIncident({
      kind: "duplicate_charge",
      terminalId: "T2000001",
      description: "重复扣款两次，持卡人要求退款",
      traceNo: "880011",
    });
    wildcards = await logIncident({ kind: "wrong_amount", terminalId: "T1000001", description: "50%_off promo" });
  });

  test("finds a Chinese word of two characters, and of four", async () => {
    expect(await idsOf({ q: "签名" })).toEqual([unsigned.id]);
    expect(await idsOf({ q: "重复扣款" })).toEqual([refund.id]);
    expect(await idsOf({ q: "退款" })).toEqual([refund.id]);
    expect(await idsOf({ q: "签字" })).toEqual([]);
  });

  test("matches words of the description whatever their case, and inside words", async () => {
    expect(await idsOf({ q: "customer left" })).toEqual([unsigned.id]);
    expect(await idsOf({ q: "SIGNING" })).toEqual([unsigned.id]);
    expect(await idsOf({ q: "ustom" })).toEqual([unsigned.id]);
  });

  test("treats % and _ in the search as plain characters", async () => {
    expect(await idsOf({ q: "50%_off" })).toEqual([wildcards.id]);
    expect(await idsOf({ q: "5%f" })).toEqual([]);
  });

  test("finds the terminal ID, the auth code in any case and the card last 4 only whole", async () => {
    const byTerminal = await idsOf({ q: "t2000001" });
    expect(byTerminal).toContain(refund.id);
    expect(byTerminal).not.toContain(unsigned.id);
    expect(await idsOf({ q: "ab12cd" })).toEqual([unsigned.id]);
    expect(await idsOf({ q: "4821" })).toEqual([unsigned.id]);
    // Part of a last 4 is not a match (a card's last digits are compared whole)...
    expect(await idsOf({ q: "482" })).toEqual([]);
    // ...while part of an RRN is.
    expect(await idsOf({ q: "0777" })).toEqual([unsigned.id]);
  });

  test("a store-scoped user searches only their stores, also through the index", async () => {
    expect(await idsOf({ q: "重复扣款" }, "cashier")).toEqual([]);
    expect(await idsOf({ q: "签名" }, "cashier")).toEqual([unsigned.id]);
  });

  test("a search limited to stores finds exactly the merchant-wide matches in those stores", async () => {
    // On PostgreSQL a list of few stores' incidents tests their rows along its index instead of
    // probing the text index (POSTGRES_SCOPED_WALK_LIMIT): the same matches, found another way.
    const { stores } = await prisma.membership.findFirstOrThrow({
      where: { user: { email: "cashier@demo.test" } },
      select: { stores: { select: { storeId: true } } },
    });
    const cashierStores = new Set(stores.map((store) => store.storeId));
    const storeIds = [...new Set(all.map((item) => item.storeId))];
    const texts = ["签名", "重复扣款", "退款", "Customer left", "SIGNING", "ustom", "50%_off", "5%f", "t2000001"];
    const fragments = fc.oneof(
      fc.constantFrom(...texts, "ab12cd", "4821", "482", "0777", "880011", "T1000", "密码", "zzz"),
      // any slice of the texts the incidents hold, so most searches match something
      fc
        .tuple(fc.constantFrom(...texts, "客户未签名就离开了 Customer LEFT before signing"), fc.nat(), fc.nat())
        .map(([text, a, b]) => {
          const chars = [...text];
          const start = a % chars.length;
          return (
            chars
              .slice(start, start + 2 + (b % 6))
              .join("")
              .trim() || text
          );
        }),
    );
    await fc.assert(
      fc.asyncProperty(fragments, async (q) => {
        const everywhere = (await listAs("admin", { q, limit: "100" })).body.items;
        const inCashierStores = everywhere.filter((item) => cashierStores.has(item.storeId)).map((item) => item.id);
        expect(await idsOf({ q, limit: "100" }, "cashier")).toEqual(inCashierStores);
        for (const storeId of storeIds) {
          const inStore = everywhere.filter((item) => item.storeId === storeId).map((item) => item.id);
          expect(await idsOf({ q, storeId, limit: "100" })).toEqual(inStore);
        }
      }),
      { numRuns: 30 },
    );
    if (databaseProvider === "postgresql") {
      const merchant = await prisma.merchant.findFirstOrThrow({ select: { id: true } });
      const { condition: scoped } = await incidentSearchSql({
        text: "签名",
        merchantId: merchant.id,
        number: null,
        storeIds,
      });
      expect(scoped.sql).not.toContain("incident_cjk_bigrams");
      expect(scoped.sql).not.toContain('i."id" = ANY (');
    }
  });

  test("search combines with the other filters and pages with the cursor", async () => {
    expect(await idsOf({ q: "签名", status: "CLOSED" })).toEqual([]);
    expect(await idsOf({ q: "签名", kind: "unsigned_slip", status: "OPEN" })).toEqual([unsigned.id]);
    const first = await listAs("admin", { q: "t1000001", limit: "1" });
    expect(first.body.items).toHaveLength(1);
    const second = await listAs("admin", { q: "t1000001", limit: "1", cursor: first.body.nextCursor ?? "" });
    expect(second.body.items).toHaveLength(1);
    expect(second.body.items[0].id).not.toBe(first.body.items[0].id);
    expect(Date.parse(second.body.items[0].createdAt)).toBeLessThanOrEqual(Date.parse(first.body.items[0].createdAt));
  });

  test("the index keeps up with new incidents and is not disturbed by steps and closing", async () => {
    const pin = await logIncident({
      kind: "pin_error",
      terminalId: "T1000001",
      description: "密码错误三次 keyed wrongly",
    });
    expect(await idsOf({ q: "密码错误" })).toEqual([pin.id]);
    const done = await completeAllSteps(pin);
    const closedPin = (
      await closeAs("admin", done.id, { ...CLOSE_OUTCOME, resolution: "no_loss", version: done.version })
    ).body;
    expect(closedPin.status).toBe("CLOSED");
    expect(await idsOf({ q: "密码错误" })).toEqual([pin.id]);
    expect(await idsOf({ q: "密码", status: "CLOSED" })).toEqual([pin.id]);
    if (databaseProvider === "sqlite") {
      // Exactly one index entry per incident: a close re-indexes nothing and duplicates nothing.
      const [{ entries }] = await prisma.$queryRaw<{ entries: number | bigint }[]>`
        SELECT count(*) AS entries FROM "IncidentSearch"`;
      expect(Number(entries)).toBe(await prisma.incident.count());
      const [{ matches }] = await prisma.$queryRaw<{ matches: number | bigint }[]>`
        SELECT count(*) AS matches FROM "IncidentSearch" WHERE "IncidentSearch" MATCH ${'"密码错误"'}`;
      expect(Number(matches)).toBe(1);
    }
  });

  test("the search is answered from the text index, not by reading every incident", async () => {
    const merchant = await prisma.merchant.findFirstOrThrow({ select: { id: true } });
    for (const text of ["重复扣款", "签名"]) {
      const { condition } = await incidentSearchSql({ text, merchantId: merchant.id, number: null });
      const query = Prisma.sql`SELECT i."id" FROM "Incident" i WHERE ${condition}`;
      if (databaseProvider === "postgresql") {
        // The probe reads the GIN index: a handful of rows, so rule out the other scans, then
        // read the plan (an expression that differs from the index's would show a scan here).
        const probe = Prisma.sql`SELECT i."id" FROM "Incident" i WHERE ${postgresSearchIndexSql(text) ?? Prisma.sql`false`}`;
        const plan = await prisma.$transaction(async (tx) => {
          await tx.$executeRawUnsafe("SET LOCAL enable_seqscan = off");
          await tx.$executeRawUnsafe("SET LOCAL enable_indexscan = off");
          return tx.$queryRaw<{ "QUERY PLAN": string }[]>`EXPLAIN ${probe}`;
        });
        expect(plan.map((row) => row["QUERY PLAN"]).join("\n")).toMatch(/Incident_search_(trgm|cjk_bigrams)_idx/);
        // The list then reads just the candidates, by primary key.
        expect(condition.sql).toContain('i."id" = ANY (');
        expect((await prisma.$queryRaw<{ id: string }[]>(query)).length).toBe(1);
      } else {
        // The FTS5 probe found the candidates: the list reads just those rows (by rowid) instead
        // of testing every incident (which rowid lookups SQLite's statistics then choose; see
        // refreshPlannerStatistics and the bench).
        expect(condition.sql).toContain('i."rowid" IN (');
        expect((await prisma.$queryRaw<{ id: string }[]>(query)).length).toBe(1);
      }
    }
  });
});

// SQLite only, so defined only there (PostgreSQL's statistics are autovacuum's, not the list's).
if (databaseProvider === "sqlite") {
  test("listing keeps SQLite's planner statistics, by which it picks the list's indexes", async () => {
    // A fresh process (this file's) refreshes them on its first list, without waiting for it.
    expect((await listAs("admin", {})).status).toBe(200);
    let analysed = 0;
    for (let attempt = 0; attempt < 50 && analysed === 0; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      const tables = await prisma.$queryRaw<{ name: string }[]>`
        SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'sqlite_stat1'`;
      if (tables.length === 0) continue;
      const [{ rows }] = await prisma.$queryRaw<{ rows: number | bigint }[]>`
        SELECT count(*) AS rows FROM sqlite_stat1 WHERE tbl = 'Incident'`;
      analysed = Number(rows);
    }
    expect(analysed).toBeGreaterThan(0);
  });
}

// The work queue: the list people open (`actionable=true&sort=due`) and the sorts, each keeping
// its keyset pagination.
describe("work queue: sorts and what the caller can act on", () => {
  let reconcileWaiting: IncidentDto; // Store 1: halt, re-verify and notify done, reconcile is next
  let readyToClose: IncidentDto; // Store 1: every step done, closing is next
  let everything: IncidentDto[];

  type ListUser = "admin" | "cashier" | "finance" | "supervisor";

  async function walk(user: ListUser, query: Record<string, string>): Promise<IncidentDto[]> {
    const seen: IncidentDto[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: ApiResult<{ items: IncidentDto[]; nextCursor: string | null }> = await listAs(user, {
        ...query,
        limit: "3",
        ...(cursor ? { cursor } : {}),
      });
      expect(page.status).toBe(200);
      seen.push(...page.body.items);
      cursor = page.body.nextCursor;
      pages++;
    } while (cursor && pages < 50);
    return seen;
  }

  /** What the role can do now, by the pure rules: complete the current step, or close. */
  function actionableFor(role: Role, incident: IncidentDto): boolean {
    const next = nextAction({ status: incident.status, steps: incident.steps });
    if (next.type === "step") return can(role, completePermission(next.key));
    if (next.type === "close") return can(role, "incident.close");
    return false;
  }

  const byDue = (a: IncidentDto, b: IncidentDto) => Date.parse(a.dueAt) - Date.parse(b.dueAt) || (a.id < b.id ? -1 : 1);

  beforeAll(async () => {
    reconcileWaiting = await completeSteps(await logIncident({ kind: "wrong_amount", terminalId: "T1000001" }), [
      "halt",
      "reverify",
      "notify",
    ]);
    readyToClose = await completeAllSteps(await logIncident({ kind: "terminal_fault", terminalId: "T1000002" }));
    everything = (await listAs("admin", { limit: "100" })).body.items;
  });

  test("sort=due walks every incident once, soonest due first, page by page", async () => {
    const walked = await walk("admin", { sort: "due" });
    expect(walked.map((item) => item.id)).toEqual([...everything].sort(byDue).map((item) => item.id));
  });

  test("sort=oldest walks every incident once, oldest first; sort=newest is the default order", async () => {
    const oldest = await walk("admin", { sort: "oldest" });
    expect(oldest.map((item) => item.id)).toEqual([...everything].reverse().map((item) => item.id));
    const newest = await walk("admin", { sort: "newest" });
    expect(newest.map((item) => item.id)).toEqual(everything.map((item) => item.id));
  });

  test("sort=due keeps the filters across pages", async () => {
    const walked = await walk("admin", { sort: "due", status: "OPEN", storeId: oldOpen.storeId });
    const expected = everything
      .filter((item) => item.status === "OPEN" && item.storeId === oldOpen.storeId)
      .sort(byDue)
      .map((item) => item.id);
    expect(expected.length).toBeGreaterThan(3);
    expect(walked.map((item) => item.id)).toEqual(expected);
  });

  test("actionable=true leaves out closed cases and those the caller's role cannot move on", async () => {
    for (const [user, role] of [
      ["admin", "ADMIN"],
      ["supervisor", "SUPERVISOR"],
      ["cashier", "CASHIER"],
      ["finance", "FINANCE"],
    ] as const) {
      const visible = await walk(user, { sort: "due", limit: "100" });
      const queue = await walk(user, { actionable: "true", sort: "due" });
      expect(
        queue.map((item) => item.id),
        user,
      ).toEqual(visible.filter((item) => actionableFor(role, item)).map((item) => item.id));
      expect(queue.some((item) => item.status === "CLOSED")).toBe(false);
    }
    const ids = async (user: ListUser) => (await walk(user, { actionable: "true" })).map((item) => item.id);
    expect(await ids("cashier")).toEqual(expect.arrayContaining([oldOpen.id, recent.id]));
    expect(await ids("cashier")).not.toContain(reconcileWaiting.id);
    expect(await ids("cashier")).not.toContain(readyToClose.id);
    expect(await ids("supervisor")).toContain(readyToClose.id);
    expect(await ids("supervisor")).not.toContain(reconcileWaiting.id);
    expect(await ids("finance")).toEqual([reconcileWaiting.id]);
    expect(await ids("admin")).not.toContain(closed.id);
  });

  test("an unknown sort is refused with 400 naming the field", async () => {
    const response = await listAs<{ error: { code: string; fields?: Record<string, string> } }>("admin", {
      sort: "random",
    });
    expect(response.status).toBe(400);
    expect(response.body.error.fields).toHaveProperty("sort");
  });

  test("the queue's walk along one status is served by the (merchantId, status, dueAt, id) index", async () => {
    const merchant = await prisma.merchant.findFirstOrThrow({ select: { id: true } });
    const sql = incidentWalkSql({
      conditions: [Prisma.sql`i."merchantId" = ${merchant.id}`],
      storeId: null,
      status: "OPEN",
      sort: "due",
      take: 51,
    });
    const plan = await explain(sql);
    expect(plan).toMatch(/Incident_merchantId_status_dueAt_id_idx/);
    if (databaseProvider === "sqlite") expect(plan).not.toMatch(/TEMP B-TREE/);
    else expect(plan).not.toMatch(/\bSort\b/);
  });

  test("a store-scoped walk along one status is served by the (storeId, status, dueAt, id) index", async () => {
    const merchant = await prisma.merchant.findFirstOrThrow({ select: { id: true } });
    const sql = incidentWalkSql({
      conditions: [Prisma.sql`i."merchantId" = ${merchant.id}`],
      storeId: oldOpen.storeId,
      status: "IN_PROGRESS",
      sort: "due",
      take: 51,
    });
    const plan = await explain(sql);
    expect(plan).toMatch(/Incident_storeId_status_dueAt_id_idx/);
    if (databaseProvider === "sqlite") expect(plan).not.toMatch(/TEMP B-TREE/);
    else expect(plan).not.toMatch(/\bSort\b/);
  });
  // bench:lists: the work queue's walk read each case's steps in a subquery (a lookup and a sort
  // per case passed: finance's queue 20 ms on PostgreSQL at a million incidents).
  test("the work queue's walk tests each case's next step on its row, not by reading its steps", async () => {
    const merchant = await prisma.merchant.findFirstOrThrow({ select: { id: true } });
    for (const role of ["FINANCE", "SUPERVISOR", "CASHIER"] as const) {
      const actionable = actionableSql(role);
      if (actionable === null || actionable === true) throw new Error(`${role} has a work queue condition`);
      const sql = incidentWalkSql({
        conditions: [Prisma.sql`i."merchantId" = ${merchant.id}`, actionable],
        storeId: null,
        status: "IN_PROGRESS",
        sort: "due",
        take: 51,
      });
      const plan = await explain(sql);
      expect(plan, role).toMatch(/Incident_merchantId_status_dueAt_id_idx/);
      expect(plan, role).not.toMatch(/SUBQUERY|SubPlan|IncidentStep/);
    }
  });
  // bench:lists: a supervisor's work queue (one store, due sort) took the merchant's (merchantId,
  // status, dueAt, id) and walked every store's open cases, 58 ms at a million incidents — under
  // the statistics SQLite's sampling ANALYZE (PRAGMA optimize, analysis_limit) wrote there, which
  // rate a merchant's cases as few as a store's. Those statistics, set here, reproduce the choice.
  if (databaseProvider === "sqlite") {
    test("a store's walk by due time keeps the store's index under a chain's sampled statistics", async () => {
      const merchant = await prisma.merchant.findFirstOrThrow({ select: { id: true } });
      await prisma.$executeRawUnsafe(`ANALYZE "Incident"`);
      const saved = await prisma.$queryRaw<{ idx: string; stat: string }[]>`
        SELECT idx, stat FROM sqlite_stat1 WHERE tbl = 'Incident'`;
      // The test database's own samples (sqlite_stat4) would outweigh the chain's averages.
      const savedSamples = await prisma.$queryRaw<
        { idx: string; neq: string; nlt: string; ndlt: string; sample: Uint8Array }[]
      >`SELECT idx, neq, nlt, ndlt, sample FROM sqlite_stat4 WHERE tbl = 'Incident'`;
      const scale = {
        Incident_storeId_status_dueAt_id_idx: "1000000 1001 1001 6 1",
        Incident_merchantId_status_dueAt_id_idx: "1000000 1001 1001 1001 1",
      };
      try {
        await prisma.$executeRaw`DELETE FROM sqlite_stat1 WHERE tbl = 'Incident'`;
        await prisma.$executeRaw`DELETE FROM sqlite_stat4 WHERE tbl = 'Incident'`;
        for (const [idx, stat] of Object.entries(scale)) {
          await prisma.$executeRaw`INSERT INTO sqlite_stat1 (tbl, idx, stat) VALUES ('Incident', ${idx}, ${stat})`;
        }
        await prisma.$executeRawUnsafe("ANALYZE sqlite_schema");
        for (const status of ["OPEN", "IN_PROGRESS"] as const) {
          const sql = incidentWalkSql({
            conditions: [Prisma.sql`i."merchantId" = ${merchant.id}`],
            storeId: oldOpen.storeId,
            status,
            sort: "due",
            take: 51,
          });
          const plan = await explain(sql);
          expect(plan).toMatch(/Incident_storeId_status_dueAt_id_idx/);
          expect(plan).not.toMatch(/TEMP B-TREE/);
        }
      } finally {
        await prisma.$executeRaw`DELETE FROM sqlite_stat1 WHERE tbl = 'Incident'`;
        for (const { idx, stat } of saved) {
          await prisma.$executeRaw`INSERT INTO sqlite_stat1 (tbl, idx, stat) VALUES ('Incident', ${idx}, ${stat})`;
        }
        for (const { idx, neq, nlt, ndlt, sample } of savedSamples) {
          await prisma.$executeRaw`INSERT INTO sqlite_stat4 (tbl, idx, neq, nlt, ndlt, sample)
            VALUES ('Incident', ${idx}, ${neq}, ${nlt}, ${ndlt}, ${sample})`;
        }
        await prisma.$executeRawUnsafe("ANALYZE sqlite_schema");
      }
    });
  }
  // bench:lists: a search with status CLOSED and a store walked every store's closed cases along
  // (merchantId, status, createdAt, id) — 0.3–1.9 s at a million incidents on SQLite.
  test("one store's walk along one status by creation is served by the store's own index", async () => {
    const merchant = await prisma.merchant.findFirstOrThrow({ select: { id: true } });
    for (const sort of ["newest", "oldest"] as const) {
      const sql = incidentWalkSql({
        conditions: [Prisma.sql`i."merchantId" = ${merchant.id}`],
        storeId: oldOpen.storeId,
        status: "CLOSED",
        sort,
        take: 51,
      });
      const plan = await explain(sql);
      if (databaseProvider === "sqlite") {
        expect(plan).toMatch(/Incident_storeId_createdAt_id_idx/);
        expect(plan).not.toMatch(/TEMP B-TREE/);
      } else expect(plan).not.toMatch(/Seq Scan/);
    }
  });
  // bench:lists: a rare word ("chargeback", 158 matches among a million incidents) was found on
  // SQLite by walking the merchant's (merchantId, createdAt, id) and testing each row against the
  // probe's candidates, 38 ms; read by rowid and sorted, 0.5 ms.
  test("a word of few matches is read by rowid and sorted, not found by walking the list", async () => {
    const merchant = await prisma.merchant.findFirstOrThrow({ select: { id: true } });
    const search = await incidentSearchSql({ text: "签名", merchantId: merchant.id, number: null });
    expect(search.byRowid).toBe(databaseProvider === "sqlite");
    for (const sort of ["newest", "due"] as const) {
      const walks = pageWalksSql({
        conditions: [Prisma.sql`i."merchantId" = ${merchant.id}`, search.condition],
        storeIds: [oldOpen.storeId, closed.storeId],
        statuses: ["OPEN", "IN_PROGRESS"],
        sort,
        take: 51,
        byRowid: search.byRowid,
      });
      if (databaseProvider === "sqlite") {
        expect(walks).toHaveLength(1);
        const plan = await explain(walks[0]);
        expect(plan).toMatch(/INTEGER PRIMARY KEY/);
        expect(plan).not.toMatch(/USING (COVERING )?INDEX/);
      }
    }
    // The same matches whichever way they are read.
    const expected = await prisma.incident.findMany({
      where: { merchantId: merchant.id, description: { contains: "签名" }, status: "OPEN" },
      orderBy: [{ dueAt: "asc" }, { id: "asc" }],
      select: { id: true },
    });
    expect(expected.length).toBeGreaterThan(0);
    expect(await idsOf({ q: "签名", sort: "due", status: "OPEN" })).toEqual(expected.map((row) => row.id));
  });
});
