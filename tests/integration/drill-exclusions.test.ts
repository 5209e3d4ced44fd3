// Issue 10: a drill (模拟演练) never counts — no deadlines (none written, the deadline job never
// reminds or escalates one), not in the audit export, not in finance's queue, totals or CSV, never
// a suspected duplicate of a real case, never the case a reconciliation exception is linked to.
// Each drill here carries a real slip's details (RRN, amount, card last 4), so that only the
// exclusion keeps it out.
import { beforeAll, describe, expect, test } from "vitest";
import { GET as auditCsvRoute } from "@/app/api/audit/export.csv/route";
import { GET as financeCsvRoute } from "@/app/api/finance/queue.csv/route";
import { countExportIncidents } from "@/lib/audit/export/read-incidents";
import type { Actor } from "@/lib/auth/actor";
import { prisma } from "@/lib/db/client";
import { sweepDeadlines } from "@/lib/deadlines/sweep";
import { draftIncident, insertIncident } from "@/lib/incidents/insert-incident";
import { listFinanceQueue } from "@/lib/incidents/list-finance-queue";
import type { IncidentKind } from "@/lib/incidents/rules";
import type { IncidentDto } from "@/lib/schemas/incident";
import { jsonRequest, sessionCookie } from "@/tests/helpers/api";
import { type ApiError, completeSteps, createAs, getAs, listAs, logIncident } from "@/tests/helpers/incidents";
import { demoMerchant, openIncidentAs, posException } from "@/tests/integration/reconciliation-exceptions-fixtures";

let admin: Actor;
let cashier: { id: string; name: string };
let terminal: { id: string; tid: string; storeId: string; storeName: string };

/** A drill with a real slip's details, written through the same core as every incident. */
async function insertDrill({
  kind = "wrong_amount",
  rrn = null,
  amountMinor = null,
  cardLast4 = null,
  occurredAt = new Date(),
}: {
  kind?: IncidentKind;
  rrn?: string | null;
  amountMinor?: number | null;
  cardLast4?: string | null;
  occurredAt?: Date;
}): Promise<IncidentDto> {
  const now = new Date();
  const draft = draftIncident({
    merchantId: admin.merchantId,
    kind,
    terminal,
    occurredAt,
    amountMinor,
    currency: "CNY",
    cardBin: null,
    cardLast4,
    rrn,
    authCode: null,
    traceNo: null,
    batchNo: null,
    description: null,
    reportedBy: cashier,
    drillForId: cashier.id,
    now,
  });
  const { incident } = await prisma.$transaction((tx) =>
    insertIncident(tx, { draft: { ...draft, drillFor: cashier }, actorId: admin.userId, now }),
  );
  expect(incident.drill).toBe(true);
  return incident;
}

beforeAll(async () => {
  const user = await prisma.user.findUniqueOrThrow({
    where: { email: "admin@demo.test" },
    include: { membership: true },
  });
  admin = {
    userId: user.id,
    name: user.name,
    email: user.email,
    merchantId: user.membership?.merchantId ?? "",
    role: "ADMIN",
    storeIds: [],
  };
  const cashierUser = await prisma.user.findUniqueOrThrow({ where: { email: "cashier@demo.test" } });
  cashier = { id: cashierUser.id, name: cashierUser.name };
  const t = await prisma.terminal.findFirstOrThrow({ where: { tid: "T1000001" }, include: { store: true } });
  terminal = { id: t.id, tid: t.tid, storeId: t.storeId, storeName: t.store.name };
});

describe("deadlines", () => {
  test("a drill is given no Deadline rows, but a due time the lists sort by", async () => {
    const real = await logIncident({ kind: "wrong_amount" });
    const drill = await insertDrill({ kind: "wrong_amount" });
    expect(await prisma.deadline.count({ where: { incidentId: real.id } })).toBeGreaterThan(0);
    expect(await prisma.deadline.count({ where: { incidentId: drill.id } })).toBe(0);
    expect(Date.parse(drill.dueAt)).toBeGreaterThan(Date.parse(drill.occurredAt));
    expect(drill.overdue).toBe(false);
  });

  test("the deadline job reminds and escalates real cases, never a drill — even one given a deadline", async () => {
    const real = await logIncident({ kind: "pin_error" });
    const drill = await insertDrill({ kind: "pin_error" });
    // A deadline on the drill as if something had written one: the job must still leave it alone.
    await prisma.deadline.create({
      data: {
        merchantId: admin.merchantId,
        incidentId: drill.id,
        subject: "halt",
        dueAt: new Date(Date.now() - 3_600_000),
        status: "pending",
        nextActionAt: new Date(Date.now() - 3_600_000),
      },
    });
    await sweepDeadlines(new Date(Date.now() + 30 * 86_400_000));
    const told = (incidentId: string) =>
      prisma.notification.count({ where: { incidentId, type: { in: ["DEADLINE_REMINDER", "DEADLINE_ESCALATED"] } } });
    expect(await told(real.id)).toBeGreaterThan(0);
    expect(await told(drill.id)).toBe(0);
    const events = await prisma.auditEvent.count({
      where: { incidentId: drill.id, type: { startsWith: "deadline." } },
    });
    expect(events).toBe(0);
  });
});

describe("the incident list's overdue filter", () => {
  test("a drill past the due time it sorts by is never overdue: not under overdue=true, listed under overdue=false", async () => {
    const drill = await insertDrill({ kind: "wrong_card", occurredAt: new Date(Date.now() - 30 * 86_400_000) });
    expect(Date.parse(drill.dueAt)).toBeLessThan(Date.now());
    expect(drill.overdue).toBe(false);
    const overdue = await listAs("admin", { overdue: "true", kind: "wrong_card", limit: "100" });
    expect(overdue.status).toBe(200);
    expect(overdue.body.items.map((item) => item.id)).not.toContain(drill.id);
    const notOverdue = await listAs("admin", { overdue: "false", kind: "wrong_card", limit: "100" });
    expect(notOverdue.body.items.map((item) => item.id)).toContain(drill.id);
  });
});

describe("the audit export", () => {
  test("leaves drills out of the count and the CSV", async () => {
    const before = await countExportIncidents(admin, {});
    const drill = await insertDrill({ rrn: "731000000001", amountMinor: 5_000 });
    expect(await countExportIncidents(admin, {})).toBe(before);
    const response = await auditCsvRoute(
      jsonRequest("/api/audit/export.csv", { cookie: await sessionCookie("admin") }),
      {},
    );
    expect(response.status).toBe(200);
    const csv = await response.text();
    expect(csv).not.toContain(drill.reference);
    expect(csv).not.toContain("731000000001");
  });
});

describe("finance's queue", () => {
  test("a drill at its reconcile step is not in the queue, its totals or its CSV", async () => {
    const financeActor: Actor = { ...admin, role: "FINANCE" };
    const before = await listFinanceQueue({ actor: financeActor });
    const drill = await insertDrill({ kind: "wrong_amount", rrn: "731000000002", amountMinor: 123_456 });
    const atReconcile = await completeSteps(drill, ["halt", "reverify", "notify"]);
    expect(atReconcile.steps.find((step) => step.key === "reconcile")?.status).toBe("pending");
    const after = await listFinanceQueue({ actor: financeActor });
    expect(after.items.map((item) => item.id)).not.toContain(drill.id);
    expect(after.totals).toEqual(before.totals);
    const response = await financeCsvRoute(
      jsonRequest("/api/finance/queue.csv", { cookie: await sessionCookie("finance") }),
      {},
    );
    expect(response.status).toBe(200);
    expect(await response.text()).not.toContain(drill.reference);
  });
});

describe("the duplicate check", () => {
  test("an open drill with a real RRN, or the same terminal, card and amount, never stops a real incident", async () => {
    await insertDrill({ rrn: "731000000003", amountMinor: 8_800, cardLast4: "4321" });
    const sameRrn = await createAs("cashier", { kind: "wrong_amount", terminalId: "T1000001", rrn: "731000000003" });
    expect(sameRrn.status).toBe(201);
    const sameSlip = await createAs("cashier", {
      kind: "wrong_card",
      terminalId: "T1000001",
      amount: "88.00",
      cardLast4: "4321",
    });
    expect(sameSlip.status).toBe(201);
    // The check itself still works: a second real one with that RRN is suspected.
    const again = await createAs<ApiError>("cashier", {
      kind: "wrong_amount",
      terminalId: "T1000001",
      rrn: "731000000003",
    });
    expect(again.status).toBe(409);
    expect(again.body.error.reason).toBe("DUPLICATE_SUSPECTED");
  });
});

describe("the reconciliation's incident linking", () => {
  test("an exception whose RRN only a drill has opens a real incident instead of linking the drill", async () => {
    const drill = await insertDrill({ kind: "debited_not_credited", rrn: "731000000004", amountMinor: 10_000 });
    const merchant = await demoMerchant();
    const { exception } = await posException(merchant, "pos_only", { rrn: "731000000004" });
    const opened = await openIncidentAs<{ linked: boolean; incident: IncidentDto }>("finance", exception.id);
    expect(opened.status).toBe(201);
    expect(opened.body.linked).toBe(false);
    expect(opened.body.incident.id).not.toBe(drill.id);
    expect(opened.body.incident.drill).toBe(false);
    const drillNow = await getAs("admin", drill.id);
    expect(drillNow.body.timeline.map((event) => event.type)).not.toContain("reconciliation.exception_linked");
  });
});
