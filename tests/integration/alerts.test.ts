// Issue 10: alert rules on a real database — an unsigned-slip streak raises one alert however many
// evaluations race, none more while it is open, a new one after it is resolved when the streak grows;
// incident changes queue one (coalesced) evaluation; drills never count; the people the rule names
// are told; a rule's drill is assigned to the cashier it names; and every route's role and store
// scoping, with a property test that bad input never answers 5xx.
import fc from "fast-check";
import { beforeAll, describe, expect, test } from "vitest";
import { POST as acknowledgeRoute } from "@/app/api/alerts/[id]/acknowledge/route";
import { POST as resolveRoute } from "@/app/api/alerts/[id]/resolve/route";
import { GET as listRoute } from "@/app/api/alerts/route";
import { GET as getRulesRoute, PUT as putRulesRoute } from "@/app/api/alerts/rules/route";
import { POST as drillRoute } from "@/app/api/drills/route";
import { wallClock } from "@/lib/alerts/load-facts";
import { ALERTS_EVALUATE_JOB_KIND } from "@/lib/alerts/queue-evaluation";
import { rebuildTransactionDaysSql } from "@/lib/dashboard/transaction-sql";
import { prisma } from "@/lib/db/client";
import { JOB_HANDLERS } from "@/lib/jobs/handlers";
import type { AlertDto } from "@/lib/schemas/alerts";
import { type DemoUser, jsonRequest, params, sessionCookie } from "@/tests/helpers/api";
import { logIncident } from "@/tests/helpers/incidents";

type Caller = DemoUser | null;
type Result<T> = { status: number; body: T };

async function call<T>(response: Response): Promise<Result<T>> {
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as T) : (undefined as T) };
}
const cookieOf = async (user: Caller) => (user ? await sessionCookie(user) : undefined);
const listAs = async (user: Caller, query = "") =>
  call<{ items: AlertDto[]; nextCursor: string | null }>(
    await listRoute(jsonRequest(`/api/alerts${query}`, { cookie: await cookieOf(user) }), {}),
  );
const actAs = async (user: Caller, id: string, verb: "acknowledge" | "resolve") =>
  call<AlertDto>(
    await (verb === "acknowledge" ? acknowledgeRoute : resolveRoute)(
      jsonRequest(`/api/alerts/${encodeURIComponent(id)}/${verb}`, { method: "POST", cookie: await cookieOf(user) }),
      params({ id }),
    ),
  );
const getRulesAs = async (user: Caller) =>
  call<{ rules: { type: string; enabled: boolean; params: Record<string, unknown>; drillKind: string | null }[] }>(
    await getRulesRoute(jsonRequest("/api/alerts/rules", { cookie: await cookieOf(user) }), {}),
  );
const putRulesAs = async (user: Caller, body: unknown) =>
  call<{ rules: { type: string; enabled: boolean; params: Record<string, unknown>; drillKind: string | null }[] }>(
    await putRulesRoute(jsonRequest("/api/alerts/rules", { method: "PUT", cookie: await cookieOf(user), body }), {}),
  );

const userId = async (user: DemoUser) =>
  (await prisma.user.findUniqueOrThrow({ where: { email: `${user}@demo.test` } })).id;

let merchantId: string;
let cashierId: string;
let cashier2Id: string;
let amountCents = 1000;

/** An unsigned slip logged by a cashier at the till (a new amount each time: no duplicate check). */
async function unsignedSlip(user: DemoUser = "cashier", terminalId = "T1000001") {
  amountCents += 137;
  return logIncident(
    { kind: "unsigned_slip", terminalId, amount: (amountCents / 100).toFixed(2), description: "slip not signed" },
    user,
  );
}

/** Runs the evaluation job's handler as the worker would. */
async function evaluate(lines = false) {
  await JOB_HANDLERS[ALERTS_EVALUATE_JOB_KIND](
    { merchantId, ...(lines ? { lines } : {}) },
    { jobId: "test", owner: "test", leaseMs: 30_000, heartbeat: async () => {} },
  );
}

const alertsOf = (conditionKey: string) =>
  prisma.alert.findMany({ where: { merchantId, conditionKey }, orderBy: { createdAt: "asc" } });

beforeAll(async () => {
  merchantId = (await prisma.merchant.findFirstOrThrow({ select: { id: true } })).id;
  cashierId = await userId("cashier");
  cashier2Id = await userId("cashier2");
});

describe("drills", () => {
  test("a drill never counts: an unsigned-slip drill and two real slips are no streak of three", async () => {
    const started = await call(
      await drillRoute(
        jsonRequest("/api/drills", {
          method: "POST",
          cookie: await sessionCookie("admin"),
          body: { kind: "unsigned_slip", cashierId: cashier2Id },
        }),
        {},
      ),
    );
    expect(started.status).toBe(201);
    expect(await prisma.incident.count({ where: { merchantId, drill: true, drillForId: cashier2Id } })).toBe(1);
    await unsignedSlip("cashier2", "T2000001");
    await unsignedSlip("cashier2", "T2000001");
    await evaluate(true);
    expect(await prisma.alert.count({ where: { merchantId } })).toBe(0);
  });
});

describe("an unsigned-slip streak", () => {
  const key = () => `unsigned_streak:cashier:${cashierId}`;

  test("incident changes queue one evaluation for the merchant, not one each", async () => {
    await prisma.job.deleteMany({ where: { kind: ALERTS_EVALUATE_JOB_KIND } });
    await unsignedSlip();
    await unsignedSlip();
    const queued = await prisma.job.findMany({ where: { kind: ALERTS_EVALUATE_JOB_KIND, status: "queued" } });
    expect(queued.map((job) => JSON.parse(job.payload))).toEqual([{ merchantId }]);
    // Two slips are not a streak yet.
    await evaluate();
    expect(await prisma.alert.count({ where: { merchantId } })).toBe(0);
  });

  test("the third slip raises exactly one alert even when two evaluations race", async () => {
    const third = await unsignedSlip();
    await Promise.all([evaluate(), evaluate()]);
    const alerts = await alertsOf(key());
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ status: "open", openKey: key(), subjectType: "cashier", subjectId: cashierId });
    const evidence = JSON.parse(alerts[0].evidence);
    expect(evidence.incidents).toHaveLength(3);
    expect(evidence.incidents[0]).toEqual({ id: third.id, reference: third.reference });
    // The terminal's streak is its own condition, also raised once.
    expect(await alertsOf("unsigned_streak:terminal:T1000001")).toHaveLength(1);
    const raised = await prisma.auditEvent.findMany({ where: { merchantId, type: "alert.raised" } });
    expect(raised).toHaveLength(2);
    expect(raised.map((event) => event.actorId)).toEqual([null, null]);
  });

  test("the store's supervisor and the admins are told in their inbox; the cashier, finance and the other store are not", async () => {
    const [alert] = await alertsOf(key());
    const told = await prisma.notification.findMany({
      where: { type: "ALERT_RAISED", dedupeKey: { startsWith: `ALERT_RAISED:${alert.id}:` } },
      select: { recipient: { select: { email: true } }, messageKey: true },
    });
    expect(told.map((row) => row.recipient.email).sort()).toEqual(["admin@demo.test", "supervisor@demo.test"]);
    expect(told[0].messageKey).toBe("alertRaised");
  });

  test("a fourth slip while the alert is open raises no second alert: it joins the evidence, audited", async () => {
    const fourth = await unsignedSlip();
    await evaluate();
    const alerts = await alertsOf(key());
    expect(alerts).toHaveLength(1);
    const evidence = JSON.parse(alerts[0].evidence);
    expect(evidence.incidents).toHaveLength(4);
    expect(evidence.incidents[0]).toEqual({ id: fourth.id, reference: fourth.reference });
    const added = await prisma.auditEvent.findMany({
      where: { merchantId, type: "alert.evidence_added" },
      orderBy: { seq: "asc" },
    });
    // The cashier's alert and the terminal's each gained the slip, with no actor (the job).
    expect(added.map((event) => [event.actorId, JSON.parse(event.after ?? "{}")])).toEqual(
      expect.arrayContaining([
        [null, { alertId: alerts[0].id, rule: "unsigned_streak", incidentIds: [fourth.id], lineIds: [] }],
      ]),
    );
    expect(added).toHaveLength(2);
    // Evaluated again: nothing new, nothing written.
    await evaluate();
    expect(await prisma.auditEvent.count({ where: { merchantId, type: "alert.evidence_added" } })).toBe(2);
  });

  test("after it is resolved, the same slips do not raise it again; a new slip does", async () => {
    const [alert] = await alertsOf(key());
    const acknowledged = await actAs("supervisor", alert.id, "acknowledge");
    expect(acknowledged.status).toBe(200);
    expect(acknowledged.body).toMatchObject({ status: "acknowledged", acknowledgedBy: { name: "Sam Supervisor" } });
    const resolved = await actAs("supervisor", alert.id, "resolve");
    expect(resolved.status).toBe(200);
    expect(resolved.body).toMatchObject({ status: "resolved", resolvedBy: { name: "Sam Supervisor" } });
    expect((await prisma.alert.findUniqueOrThrow({ where: { id: alert.id } })).openKey).toBeNull();

    await evaluate();
    expect(await alertsOf(key())).toHaveLength(1);

    await unsignedSlip();
    await evaluate();
    const alerts = await alertsOf(key());
    expect(alerts.map((each) => each.status)).toEqual(["resolved", "open"]);
    const events = await prisma.auditEvent.findMany({
      where: { merchantId, type: { in: ["alert.acknowledged", "alert.resolved"] } },
      orderBy: { seq: "asc" },
    });
    expect(events.map((event) => event.type)).toEqual(["alert.acknowledged", "alert.resolved"]);
  });

  test("acknowledging or resolving twice answers 409", async () => {
    const [, open] = await alertsOf(key());
    expect((await actAs("admin", open.id, "acknowledge")).status).toBe(200);
    const again = await actAs("admin", open.id, "acknowledge");
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ error: { reason: "ALERT_ALREADY_ACKNOWLEDGED" } });
    expect((await actAs("finance", open.id, "resolve")).status).toBe(200);
    const twice = await actAs("finance", open.id, "resolve");
    expect(twice.status).toBe(409);
    expect(twice.body).toMatchObject({ error: { reason: "ALERT_ALREADY_RESOLVED" } });
    expect((await actAs("finance", open.id, "acknowledge")).status).toBe(409);
  });
});

describe("rules", () => {
  test("the admin reads the defaults, turns a rule off and sets a drill; audited", async () => {
    const before = await getRulesAs("admin");
    expect(before.status).toBe(200);
    expect(before.body.rules.find((rule) => rule.type === "unsigned_streak")).toMatchObject({
      enabled: true,
      params: { count: 3, days: 7 },
      drillKind: null,
    });
    const saved = await putRulesAs("admin", {
      rules: [
        { type: "unsigned_streak", params: { count: 3, days: 7 }, drillKind: "pin_error" },
        { type: "store_spike", enabled: false },
      ],
    });
    expect(saved.status).toBe(200);
    expect(saved.body.rules.find((rule) => rule.type === "store_spike")).toMatchObject({ enabled: false });
    expect(saved.body.rules.find((rule) => rule.type === "unsigned_streak")).toMatchObject({
      drillKind: "pin_error",
    });
    const event = await prisma.auditEvent.findFirstOrThrow({ where: { merchantId, type: "alert_rules.updated" } });
    expect(JSON.parse(event.after as string).rules).toHaveLength(6);
  });

  test("a rule with a drill kind assigns the drill to the cashier its alert names", async () => {
    // Two real slips were logged with the drill above: the third makes the streak.
    await unsignedSlip("cashier2", "T2000001");
    await evaluate();
    const [alert] = await alertsOf(`unsigned_streak:cashier:${cashier2Id}`);
    expect(alert).toBeDefined();
    const drills = await prisma.incident.findMany({
      where: { merchantId, drill: true, drillForId: cashier2Id, kind: "PIN_ERROR" },
    });
    expect(drills).toHaveLength(1);
    // The drill is itself no evidence of anything: evaluating again raises nothing new.
    const count = await prisma.alert.count({ where: { merchantId } });
    await evaluate();
    expect(await prisma.alert.count({ where: { merchantId } })).toBe(count);
  });

  test("a rule turned off raises nothing", async () => {
    await putRulesAs("admin", { rules: [{ type: "unsigned_streak", enabled: false }] });
    const before = await prisma.alert.count({ where: { merchantId, ruleType: "unsigned_streak" } });
    for (let index = 0; index < 3; index++) await unsignedSlip("cashier", "T1000002");
    await evaluate();
    expect(await prisma.alert.count({ where: { merchantId, ruleType: "unsigned_streak" } })).toBe(before);
    // Back on: the streak on that terminal is found.
    await putRulesAs("admin", { rules: [{ type: "unsigned_streak", enabled: true }] });
    await evaluate();
    expect(await alertsOf("unsigned_streak:terminal:T1000002")).toHaveLength(1);
  });

  test("bad input names the field; a stranger named to be told is refused", async () => {
    const bad = await putRulesAs("admin", { rules: [{ type: "unsigned_streak", params: { count: 0 } }] });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain("rules.0.params.count");
    const stranger = await putRulesAs("admin", {
      rules: [{ type: "decline_burst", notify: { roles: [], userIds: ["nobody-at-all"] } }],
    });
    expect(stranger.status).toBe(400);
    expect(stranger.body).toMatchObject({ error: { reason: "PLAN_PERSON_UNKNOWN" } });
    const twice = await putRulesAs("admin", { rules: [{ type: "decline_burst" }, { type: "decline_burst" }] });
    expect(twice.status).toBe(400);
  });
});

describe("what the reconciliation found", () => {
  test("an open pos_only exception raises one alert, told to finance too; POS lines unsigned by one operator make a streak", async () => {
    const store1 = await prisma.store.findFirstOrThrow({ where: { merchantId, name: "Store 1" } });
    const today = wallClock(new Date(), "Asia/Shanghai").slice(0, 10);
    const exception = await prisma.reconException.create({
      data: {
        merchantId,
        key: "pos_only:alerts-test",
        category: "pos_only",
        storeId: store1.id,
        tid: "T1000001",
        day: today,
        lineCount: 1,
        amountMinor: 12_345n,
      },
    });
    const line = (lineNo: number, category: string, extra: Record<string, unknown> = {}) => ({
      merchantId,
      importId: "alerts-test-import",
      source: "pos",
      lineNo,
      storeId: store1.id,
      terminalId: null,
      tid: "T1000001",
      txAt: `${today} 10:0${lineNo}:00`,
      day: today,
      cardMasked: "622202******0128",
      txType: "sale",
      amountMinor: 5_000n + BigInt(lineNo),
      signed: category !== "unsigned",
      operator: "op-77",
      category,
      ...extra,
    });
    await prisma.reconLine.createMany({
      data: [
        line(1, "pos_only", { exceptionId: exception.id }),
        line(2, "unsigned"),
        line(3, "unsigned"),
        line(4, "unsigned"),
        // A line of an import still running (staged) does not count.
        line(5, "staged", { signed: false }),
      ],
    });
    await evaluate(true);
    const [found] = await alertsOf("reconciliation:pos_only:alerts-test");
    expect(found).toMatchObject({ status: "open", storeId: store1.id, subjectType: "exception" });
    const evidence = JSON.parse(found.evidence);
    expect(evidence.exception).toMatchObject({ category: "pos_only", amountMinor: "12345" });
    expect(evidence.lines).toEqual([expect.objectContaining({ tid: "T1000001", cardMasked: "622202******0128" })]);
    const told = await prisma.notification.findMany({
      where: { dedupeKey: { startsWith: `ALERT_RAISED:${found.id}:` } },
      select: { recipient: { select: { email: true } } },
    });
    expect(told.map((row) => row.recipient.email).sort()).toEqual([
      "admin@demo.test",
      "finance@demo.test",
      "supervisor@demo.test",
    ]);
    const [operator] = await alertsOf(`unsigned_streak:operator:${store1.id}:op-77`);
    expect(operator).toMatchObject({ subjectType: "operator", subjectLabel: "op-77" });
    expect(JSON.parse(operator.evidence).lines).toHaveLength(3);
    // Evaluated again: nothing new.
    await evaluate(true);
    expect(await alertsOf("reconciliation:pos_only:alerts-test")).toHaveLength(1);
    expect(await alertsOf(`unsigned_streak:operator:${store1.id}:op-77`)).toHaveLength(1);
  });

  test("an operator's unsigned rate is their store's: the same code in another store is someone else", async () => {
    const [store1, store2] = await Promise.all(
      ["Store 1", "Store 2"].map((name) => prisma.store.findFirstOrThrow({ where: { merchantId, name } })),
    );
    const saved = await putRulesAs("admin", {
      rules: [{ type: "unsigned_rate", enabled: true, params: { days: 30, perThousand: 200, minSales: 3 } }],
    });
    expect(saved.status).toBe(200);
    const today = wallClock(new Date(), "Asia/Shanghai").slice(0, 10);
    // op-88 of Store 1: 1 unsigned of 3 sales (333 per 1,000); op-88 of Store 2: none of 3. Lumped
    // together they would be 1 of 6 (167), under the threshold.
    const sale = (lineNo: number, storeId: string, unsigned: boolean) => ({
      merchantId,
      importId: "alerts-rate-import",
      source: "pos",
      lineNo,
      storeId,
      tid: storeId === store1.id ? "T1000001" : "T2000001",
      txAt: `${today} 11:0${lineNo}:00`,
      day: today,
      txType: "sale",
      approved: true,
      amountMinor: 1_000n + BigInt(lineNo),
      signed: !unsigned,
      operator: "op-88",
      category: unsigned ? "unsigned" : "matched",
    });
    await prisma.reconLine.createMany({
      data: [
        sale(1, store1.id, true),
        sale(2, store1.id, false),
        sale(3, store1.id, false),
        sale(4, store2.id, false),
        sale(5, store2.id, false),
        sale(6, store2.id, false),
      ],
    });
    // What an import's publish does for its days: the dashboard's journal summary counted.
    for (const statement of rebuildTransactionDaysSql()) await prisma.$executeRawUnsafe(statement);
    await evaluate(true);
    const raised = await prisma.alert.findMany({
      where: { merchantId, ruleType: "unsigned_rate", subjectLabel: "op-88" },
    });
    expect(raised.map((alert) => [alert.conditionKey, alert.storeId, alert.subjectLabel])).toEqual([
      [`unsigned_rate:operator:${store1.id}:op-88`, store1.id, "op-88"],
    ]);
    const evidence = JSON.parse(raised[0].evidence);
    expect(evidence.figures).toMatchObject({ sales: 3, unsigned: 1 });
    expect(evidence.lines).toEqual([expect.objectContaining({ tid: "T1000001", amountMinor: "1001" })]);
    await putRulesAs("admin", { rules: [{ type: "unsigned_rate", enabled: false }] });
  });
});

describe("who sees and acts on alerts", () => {
  test("not signed in: 401 everywhere", async () => {
    expect((await listAs(null)).status).toBe(401);
    expect((await actAs(null, "x", "acknowledge")).status).toBe(401);
    expect((await getRulesAs(null)).status).toBe(401);
    expect((await putRulesAs(null, { rules: [{ type: "decline_burst" }] })).status).toBe(401);
  });

  test("a cashier gets 403 on every alert route", async () => {
    const [any] = await prisma.alert.findMany({ where: { merchantId }, take: 1 });
    expect((await listAs("cashier")).status).toBe(403);
    expect((await actAs("cashier", any.id, "acknowledge")).status).toBe(403);
    expect((await actAs("cashier", any.id, "resolve")).status).toBe(403);
    expect((await getRulesAs("cashier")).status).toBe(403);
    expect((await putRulesAs("cashier", { rules: [{ type: "decline_burst" }] })).status).toBe(403);
  });

  test("a supervisor sees their stores' alerts only, and another store's alert is 404 to them", async () => {
    const store2 = await prisma.store.findFirstOrThrow({ where: { merchantId, name: "Store 2" } });
    const other = await prisma.alert.findFirstOrThrow({ where: { merchantId, storeId: store2.id, status: "open" } });
    const seen = await listAs("supervisor");
    expect(seen.status).toBe(200);
    expect(seen.body.items.length).toBeGreaterThan(0);
    expect(seen.body.items.some((alert) => alert.id === other.id)).toBe(false);
    expect(seen.body.items.every((alert) => alert.storeName === "Store 1")).toBe(true);
    expect((await actAs("supervisor", other.id, "acknowledge")).status).toBe(404);
    expect((await actAs("supervisor", other.id, "resolve")).status).toBe(404);
    expect((await prisma.alert.findUniqueOrThrow({ where: { id: other.id } })).status).toBe("open");
    // Finance and admin see every store's.
    for (const user of ["finance", "admin"] as const) {
      expect((await listAs(user)).body.items.some((alert) => alert.id === other.id)).toBe(true);
    }
  });

  test("supervisor and finance may not read or change the rules", async () => {
    for (const user of ["supervisor", "finance"] as const) {
      expect((await getRulesAs(user)).status).toBe(403);
      expect((await putRulesAs(user, { rules: [{ type: "decline_burst" }] })).status).toBe(403);
    }
  });

  test("the list filters by status, open first without one; an unknown status is 400", async () => {
    const all = await listAs("admin");
    const order = { open: 0, acknowledged: 1, resolved: 2 } as const;
    const ranks = all.body.items.map((alert) => order[alert.status]);
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    const resolved = await listAs("admin", "?status=resolved");
    expect(resolved.body.items.length).toBeGreaterThan(0);
    expect(resolved.body.items.every((alert) => alert.status === "resolved")).toBe(true);
    expect((await listAs("admin", "?status=closed")).status).toBe(400);
  });

  test("one status pages through its older alerts after a cursor; a cursor needs a status", async () => {
    const store1 = await prisma.store.findFirstOrThrow({ where: { merchantId, name: "Store 1" } });
    const base = Date.parse("2020-01-01T00:00:00Z");
    await prisma.alert.createMany({
      data: Array.from({ length: 130 }, (_, i) => ({
        id: `paging-alert-${String(i).padStart(3, "0")}`,
        merchantId,
        ruleType: "store_spike",
        storeId: store1.id,
        subjectType: "store",
        subjectId: store1.id,
        subjectLabel: "Store 1",
        status: "resolved",
        conditionKey: `store_spike:paging:${i}`,
        openKey: null,
        evidence: JSON.stringify({ incidents: [], lines: [], figures: {} }),
        // Two alerts a minute: some share their createdAt (the id breaks the tie).
        createdAt: new Date(base + Math.floor(i / 2) * 60_000),
        updatedAt: new Date(base),
      })),
    });
    const resolvedBefore = await prisma.alert.count({ where: { merchantId, status: "resolved" } });
    const seen: string[] = [];
    let query = "?status=resolved";
    for (let pages = 0; pages < 10; pages++) {
      const page = await listAs("admin", query);
      expect(page.status).toBe(200);
      expect(page.body.items.length).toBeLessThanOrEqual(100);
      seen.push(...page.body.items.map((alert) => alert.id));
      if (!page.body.nextCursor) break;
      query = `?status=resolved&cursor=${page.body.nextCursor}`;
    }
    // Every resolved alert once, newest first across the pages.
    expect(seen).toHaveLength(resolvedBefore);
    expect(new Set(seen).size).toBe(seen.length);
    const paging = seen.filter((id) => id.startsWith("paging-alert-"));
    expect(paging).toEqual([...paging].sort().reverse());
    // Without a status the list shows each status's newest and no cursor.
    expect((await listAs("admin")).body.nextCursor).toBeNull();
    const noStatus = await listAs("admin", "?cursor=paging-alert-050");
    expect(noStatus.status).toBe(400);
    expect(JSON.stringify(noStatus.body)).toContain("status");
    // A cursor the viewer cannot see pages nothing.
    expect((await listAs("admin", "?status=resolved&cursor=no-such-alert")).body).toEqual({
      items: [],
      nextCursor: null,
    });
    await prisma.alert.deleteMany({ where: { id: { startsWith: "paging-alert-" } } });
  });
});

describe("bad input never answers 5xx", () => {
  test("PUT /api/alerts/rules with anything", async () => {
    const rule = fc.record(
      {
        type: fc.oneof(
          fc.constantFrom(
            "unsigned_streak",
            "decline_burst",
            "reconciliation",
            "amount_outlier",
            "store_spike",
            "unsigned_rate",
          ),
          fc.string(),
        ),
        enabled: fc.oneof(fc.boolean(), fc.jsonValue()),
        params: fc.oneof(
          fc.dictionary(
            fc.constantFrom(
              "count",
              "days",
              "minutes",
              "threshold",
              "categories",
              "weeks",
              "factor",
              "minCount",
              "perThousand",
              "minSales",
              "x",
            ),
            fc.oneof(fc.integer(), fc.double(), fc.string(), fc.array(fc.string()), fc.constant(null)),
          ),
          fc.jsonValue(),
        ),
        notify: fc.oneof(fc.record({ roles: fc.array(fc.string()), userIds: fc.array(fc.string()) }), fc.jsonValue()),
        drillKind: fc.oneof(fc.constantFrom("unsigned_slip", null), fc.string()),
      },
      { requiredKeys: [] },
    );
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.record({ rules: fc.array(rule, { maxLength: 8 }) }), fc.jsonValue()),
        async (body) => {
          const response = await putRulesAs("admin", body);
          expect(response.status, JSON.stringify(body)).toBeLessThan(500);
        },
      ),
      { numRuns: 60 },
    );
  });

  test("acknowledge and resolve with any id", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string(),
        fc.constantFrom("acknowledge", "resolve") as fc.Arbitrary<"acknowledge" | "resolve">,
        async (id, verb) => {
          const response = await actAs("admin", id, verb);
          expect(response.status, id).toBeLessThan(500);
        },
      ),
      { numRuns: 40 },
    );
  });
});
