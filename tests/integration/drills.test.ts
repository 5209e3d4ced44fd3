// Issue 10: drills (模拟演练) — who may start one for whom, what a drill looks like in the API,
// the audit event and the cashier's notification, and an alert rule's assignDrill.
import fc from "fast-check";
import { beforeAll, describe, expect, test } from "vitest";
import { POST as drillRoute } from "@/app/api/drills/route";
import { prisma } from "@/lib/db/client";
import { assignDrill } from "@/lib/drills/start-drill";
import { INCIDENT_KINDS } from "@/lib/incidents/rules";
import type { IncidentDto } from "@/lib/schemas/incident";
import { jsonRequest, sessionCookie } from "@/tests/helpers/api";
import {
  type ApiError,
  type ApiResult,
  type Caller,
  closeAs,
  completeSteps,
  getAs,
  listAs,
  reopenAs,
  stepAs,
} from "@/tests/helpers/incidents";

async function startAs<T = IncidentDto>(user: Caller, body: unknown): Promise<ApiResult<T>> {
  const cookie = user ? await sessionCookie(user) : undefined;
  const response = await drillRoute(jsonRequest("/api/drills", { method: "POST", cookie, body }), {});
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: (text ? JSON.parse(text) : null) as T };
}

const userId = async (email: string) => (await prisma.user.findUniqueOrThrow({ where: { email } })).id;

let cashierId: string; // Cai Cashier, Store 1
let cashier2Id: string; // Chen Cashier, Store 2
let supervisorId: string; // Sam Supervisor, Store 1
let merchantId: string;

beforeAll(async () => {
  cashierId = await userId("cashier@demo.test");
  cashier2Id = await userId("cashier2@demo.test");
  supervisorId = await userId("supervisor@demo.test");
  merchantId = (await prisma.merchant.findFirstOrThrow()).id;
});

describe("who may start a drill", () => {
  test("a cashier cannot start a drill, not even for themselves (403), and nothing is written", async () => {
    const before = await prisma.incident.count();
    const refused = await startAs<ApiError>("cashier", { kind: "pin_error", cashierId });
    expect(refused.status).toBe(403);
    expect(refused.body.error.reason).toBe("ROLE_CANNOT_START_DRILL");
    expect(await prisma.incident.count()).toBe(before);
    // The role before the body: garbage from a role that may not start one is still 403.
    const garbage = await startAs<ApiError>("cashier", { kind: 7 });
    expect(garbage.status).toBe(403);
    expect(garbage.body.error.reason).toBe("ROLE_CANNOT_START_DRILL");
  });

  test("finance cannot start a drill (403); no session is 401", async () => {
    expect((await startAs<ApiError>("finance", { kind: "pin_error", cashierId })).status).toBe(403);
    expect((await startAs<ApiError>(null, { kind: "pin_error", cashierId })).status).toBe(401);
  });

  test("a supervisor cannot start one for a cashier of another store: 404 naming cashierId", async () => {
    const refused = await startAs<ApiError>("supervisor", { kind: "pin_error", cashierId: cashier2Id });
    expect(refused.status).toBe(404);
    expect(refused.body.error.fieldReasons?.cashierId?.reason).toBe("USER_NOT_FOUND");
  });

  test("a supervisor cannot put their cashier's drill on another store's terminal: 422 naming terminalId", async () => {
    const refused = await startAs<ApiError>("supervisor", { kind: "pin_error", cashierId, terminalId: "T2000001" });
    expect(refused.status).toBe(422);
    expect(refused.body.error.fieldReasons?.terminalId?.reason).toBe("DRILL_TERMINAL_NOT_IN_CASHIERS_STORE");
  });

  test("a drill is only for an active cashier: a supervisor or an unknown id is refused naming cashierId", async () => {
    const notCashier = await startAs<ApiError>("admin", { kind: "pin_error", cashierId: supervisorId });
    expect(notCashier.status).toBe(422);
    expect(notCashier.body.error.fieldReasons?.cashierId?.reason).toBe("DRILL_FOR_ACTIVE_CASHIERS_ONLY");
    const unknown = await startAs<ApiError>("admin", { kind: "pin_error", cashierId: "no-such-user" });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.fields).toHaveProperty("cashierId");
  });

  test("a bad body names the field (400)", async () => {
    const refused = await startAs<ApiError>("admin", { kind: "not_a_kind", cashierId });
    expect(refused.status).toBe(400);
    expect(refused.body.error.fields).toHaveProperty("kind");
    const missing = await startAs<ApiError>("admin", { kind: "pin_error" });
    expect(missing.status).toBe(400);
    expect(missing.body.error.fields).toHaveProperty("cashierId");
  });

  test("an admin starts one for a cashier of any store, on that store's first active terminal by default", async () => {
    const started = await startAs("admin", { kind: "wrong_card", cashierId: cashier2Id });
    expect(started.status).toBe(201);
    expect(started.body).toMatchObject({
      kind: "wrong_card",
      drill: true,
      drillFor: { id: cashier2Id, name: "Chen Cashier" },
      terminalId: "T2000001",
      storeName: "Store 2",
      status: "OPEN",
      overdue: false,
    });
  });
});

describe("a drill started by a supervisor", () => {
  let drill: IncidentDto;

  beforeAll(async () => {
    const started = await startAs("supervisor", { kind: "unsigned_slip", cashierId, terminalId: "t1000002" });
    expect(started.status).toBe(201);
    drill = started.body;
  });

  test("is an incident marked as a drill for the cashier, in the answer, the detail and the list", async () => {
    expect(drill).toMatchObject({
      drill: true,
      drillFor: { id: cashierId, name: "Cai Cashier" },
      terminalId: "T1000002",
      reportedBy: { id: cashierId, name: "Cai Cashier" },
    });
    const detail = await getAs("cashier", drill.id);
    expect(detail.status).toBe(200);
    expect(detail.body).toMatchObject({ drill: true, drillFor: { id: cashierId } });
    const listed = await listAs("supervisor", { kind: "unsigned_slip" });
    expect(listed.body.items.find((item) => item.id === drill.id)).toMatchObject({
      drill: true,
      drillFor: { id: cashierId, name: "Cai Cashier" },
    });
    // Real incidents say they are not drills.
    const real = listed.body.items.find((item) => item.id !== drill.id);
    if (real) expect(real).toMatchObject({ drill: false, drillFor: null });
  });

  test("leaves incident.created with drill: true and the cashier, by the supervisor", async () => {
    const detail = await getAs("supervisor", drill.id);
    expect(detail.body.timeline[0]).toMatchObject({
      type: "incident.created",
      actor: { id: supervisorId },
      after: { drill: true, drillForId: cashierId, kind: "unsigned_slip" },
    });
  });

  test("tells the cashier (drill_assigned) and no one of the emergency plan", async () => {
    const told = await prisma.notification.findMany({
      where: { incidentId: drill.id },
      select: { recipientId: true, type: true },
    });
    expect(told).toEqual([{ recipientId: cashierId, type: "DRILL_ASSIGNED" }]);
  });

  test("a second drill of the same kind while the first is open is refused (409); another kind is fine", async () => {
    const again = await startAs<ApiError>("supervisor", { kind: "unsigned_slip", cashierId });
    expect(again.status).toBe(409);
    expect(again.body.error.reason).toBe("DRILL_ALREADY_OPEN");
  });

  test("walks the same checklist with the same rules: out of order refused, close, reopen", async () => {
    const outOfOrder = await stepAs<ApiError>("cashier", drill.id, "reverify", { action: "complete", version: 1 });
    expect(outOfOrder.status).toBe(422);
    const walked = await completeSteps(drill, ["halt", "reverify", "notify", "resign", "reconcile"]);
    expect(walked.status).toBe("IN_PROGRESS");
    const closed = await closeAs("supervisor", drill.id, {
      resolution: "no_loss",
      causes: ["distraction"],
      recoveredAmount: "0",
      lostAmount: "0",
      version: walked.version,
    });
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({ status: "CLOSED", drill: true });
    const reopened = await reopenAs("supervisor", drill.id, { note: "Practise again", version: closed.body.version });
    expect(reopened.status).toBe(200);
    expect(reopened.body).toMatchObject({ status: "IN_PROGRESS", drill: true });
    // Completing notify on a drill tells no one of the plan.
    const planTold = await prisma.notification.count({ where: { incidentId: drill.id, type: "INCIDENT_NOTIFIED" } });
    expect(planTold).toBe(0);
  });
});

describe("a drill started by an admin", () => {
  test("tells the cashier only: not the store's supervisor, whom the plan tells of a real incident", async () => {
    const started = await startAs("admin", { kind: "suspected_fraud", cashierId });
    expect(started.status).toBe(201);
    const told = await prisma.notification.findMany({
      where: { incidentId: started.body.id },
      select: { recipientId: true, type: true },
    });
    expect(told).toEqual([{ recipientId: cashierId, type: "DRILL_ASSIGNED" }]);
  });
});

describe("two starts at once", () => {
  test("of the same kind for the same cashier: one drill, the other refused (409)", async () => {
    const body = { kind: "duplicate_charge", cashierId: cashier2Id };
    const answers = await Promise.all([startAs<ApiError>("admin", body), startAs<ApiError>("admin", body)]);
    expect(answers.map((answer) => answer.status).sort()).toEqual([201, 409]);
    const open = await prisma.incident.count({ where: { drillForId: cashier2Id, kind: "DUPLICATE_CHARGE" } });
    expect(open).toBe(1);
  });
});

describe("an alert rule assigns a drill (assignDrill)", () => {
  const alertId = "alert-test-1";

  test("opens a drill for an active cashier inside the caller's transaction, once per open kind", async () => {
    const now = new Date();
    const first = await prisma.$transaction((tx) =>
      assignDrill(tx, { merchantId, kind: "pin_error", cashierId: cashier2Id, alertId, now }),
    );
    expect(first).not.toBeNull();
    const incident = await prisma.incident.findUniqueOrThrow({ where: { id: first?.incidentId ?? "" } });
    expect(incident).toMatchObject({ drill: true, drillForId: cashier2Id, kind: "PIN_ERROR" });
    const created = await prisma.auditEvent.findFirstOrThrow({
      where: { incidentId: incident.id, type: "incident.created" },
    });
    expect(created.actorId).toBeNull();
    expect(JSON.parse(created.after ?? "{}")).toMatchObject({ drill: true, drillForId: cashier2Id, alertId });
    const told = await prisma.notification.findMany({ where: { incidentId: incident.id } });
    expect(told.map((row) => [row.recipientId, row.messageKey])).toEqual([[cashier2Id, "drillAssignedByAlert"]]);

    const second = await prisma.$transaction((tx) =>
      assignDrill(tx, { merchantId, kind: "pin_error", cashierId: cashier2Id, alertId, now }),
    );
    expect(second).toBeNull();
  });

  test("does nothing for someone who is not an active cashier of the merchant", async () => {
    const before = await prisma.incident.count();
    for (const cashier of [supervisorId, "no-such-user"]) {
      const result = await prisma.$transaction((tx) =>
        assignDrill(tx, { merchantId, kind: "wrong_amount", cashierId: cashier, alertId, now: new Date() }),
      );
      expect(result).toBeNull();
    }
    const otherMerchant = await prisma.$transaction((tx) =>
      assignDrill(tx, { merchantId: "another-merchant", kind: "wrong_amount", cashierId, alertId, now: new Date() }),
    );
    expect(otherMerchant).toBeNull();
    expect(await prisma.incident.count()).toBe(before);
  });
});

describe("POST /api/drills never answers 5xx", () => {
  test("whatever the body", async () => {
    const body = fc.oneof(
      fc.anything(),
      fc.record(
        {
          kind: fc.oneof(fc.constantFrom(...INCIDENT_KINDS), fc.string()),
          cashierId: fc.oneof(fc.constantFrom(cashierId, cashier2Id, supervisorId), fc.string(), fc.integer()),
          terminalId: fc.oneof(fc.constantFrom("T1000001", "T2000001", "t1000002"), fc.string()),
          extra: fc.string(),
        },
        { requiredKeys: [] },
      ),
    );
    await fc.assert(
      fc.asyncProperty(body, fc.constantFrom<Caller>("admin", "supervisor", "cashier"), async (value, user) => {
        const answer = await startAs(user, value === undefined ? "" : JSON.stringify(value));
        expect(answer.status).toBeLessThan(500);
      }),
      { numRuns: 60 },
    );
  });
});
