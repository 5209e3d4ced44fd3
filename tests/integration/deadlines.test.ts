// Issue 9: an incident keeps the deadlines it was given when logged (merchant's zone, business
// calendar, the store's cut-off); acting on a step meets or misses its deadline and moves what is
// due next; the deadline job reminds before and escalates after — cashier → the store's supervisor
// → admin — each move once, even with two sweeps racing and after a restart; a prevention action's
// deadline goes through the same machinery; a reopened case's close deadline is outstanding again.
import { afterEach, describe, expect, test } from "vitest";
import { POST as completeActionRoute } from "@/app/api/prevention-actions/[id]/complete/route";
import { POST as createActionRoute } from "@/app/api/prevention-actions/route";
import { prisma } from "@/lib/db/client";
import { sweepDeadlines } from "@/lib/deadlines/sweep";
import type { IncidentDetailDto } from "@/lib/schemas/incident";
import { type DemoUser, jsonRequest, params, sessionCookie } from "@/tests/helpers/api";
import {
  CLOSE_OUTCOME,
  closeAs,
  closedIncident,
  completeBody,
  completeSteps,
  getAs,
  logIncident,
  reopenAs,
  stepAs,
} from "@/tests/helpers/incidents";

const HOUR = 3_600_000;

async function userId(user: DemoUser): Promise<string> {
  return (await prisma.user.findUniqueOrThrow({ where: { email: `${user}@demo.test` }, select: { id: true } })).id;
}

async function store1() {
  return prisma.store.findFirstOrThrow({ where: { name: "Store 1" }, select: { id: true, merchantId: true } });
}

async function deadlineOf(incidentId: string, subject: string) {
  return prisma.deadline.findUniqueOrThrow({ where: { incidentId_subject: { incidentId, subject } } });
}

/** The notifications one deadline's moves wrote: [type, recipient's e-mail] sorted. */
async function toldAbout(deadlineId: string) {
  const rows = await prisma.notification.findMany({
    where: { dedupeKey: { contains: `:${deadlineId}:` } },
    select: { type: true, recipient: { select: { email: true } } },
  });
  return rows.map((row) => `${row.type} ${row.recipient.email}`).sort();
}

async function movesOf(deadlineId: string) {
  const events = await prisma.auditEvent.findMany({
    where: { type: { in: ["deadline.reminded", "deadline.escalated"] } },
    select: { type: true, after: true, incidentId: true },
    orderBy: { seq: "asc" },
  });
  return events
    .map((event) => ({ ...event, after: JSON.parse(event.after ?? "{}") as Record<string, unknown> }))
    .filter((event) => event.after.deadlineId === deadlineId);
}

afterEach(async () => {
  // Settings and calendar changed by a test go back to the defaults.
  const { merchantId } = await store1();
  await prisma.calendarDay.deleteMany({ where: { merchantId } });
  await prisma.merchant.update({
    where: { id: merchantId },
    data: { deadlineSettings: null, timeZone: "Asia/Shanghai" },
  });
  await prisma.store.updateMany({ where: { merchantId }, data: { cutoffTime: "23:00" } });
});

describe("deadlines given when an incident is logged", () => {
  // Thursday 26 November 2026, 10:00 in Shanghai.
  const occurredAt = "2026-11-26T02:00:00.000Z";

  test("a wrong amount: halt and re-verify before the store's cut-off, notify within a working day, reconcile within five, close within 30 days", async () => {
    const incident = await logIncident({ kind: "wrong_amount", occurredAt });
    const detail = await getAs("admin", incident.id);
    expect(detail.status).toBe(200);
    expect(detail.body.deadlines.map(({ step, dueAt }) => [step, dueAt])).toEqual([
      ["halt", "2026-11-26T15:00:00.000Z"], // 23:00 the same day
      ["reverify", "2026-11-26T15:00:00.000Z"],
      ["notify", "2026-11-27T16:00:00.000Z"], // the end of Friday
      ["reconcile", "2026-12-03T16:00:00.000Z"], // Fri, Mon, Tue, Wed, Thu: the end of Thursday 3 December
      ["close", "2026-12-26T02:00:00.000Z"],
    ]);
    // Nobody acted: the passed ones are missed (today is 30 November or later), and what is due next is the halt.
    expect(detail.body.deadlines.slice(0, 3).map((deadline) => deadline.status)).toEqual([
      "missed",
      "missed",
      "missed",
    ]);
    expect(detail.body.dueAt).toBe("2026-11-26T15:00:00.000Z");
    expect(detail.body.overdue).toBe(true);
  });

  test("an unsigned slip is re-signed within 3 days; a PIN error has no re-sign, notify or reconcile deadline", async () => {
    const slip = await getAs("admin", (await logIncident({ kind: "unsigned_slip", occurredAt })).id);
    expect(slip.body.deadlines.find((deadline) => deadline.step === "resign")?.dueAt).toBe("2026-11-29T02:00:00.000Z");
    const pin = await getAs("admin", (await logIncident({ kind: "pin_error", occurredAt, amount: "12.00" })).id);
    expect(pin.body.deadlines.map((deadline) => deadline.step)).toEqual(["halt", "reverify", "close"]);
  });

  test("the store's cut-off, the admin's holidays and the time zone are those of the moment it was logged", async () => {
    const { id: storeId, merchantId } = await store1();
    await prisma.store.update({ where: { id: storeId }, data: { cutoffTime: "21:30" } });
    await prisma.calendarDay.create({
      data: { merchantId, date: "2026-11-27", type: "holiday", name: "Shop holiday" },
    });
    const incident = await logIncident({ kind: "wrong_card", occurredAt });
    const given = (await getAs("admin", incident.id)).body.deadlines;
    expect(given.find((deadline) => deadline.step === "halt")?.dueAt).toBe("2026-11-26T13:30:00.000Z");
    // Friday is a holiday: the working day is Monday.
    expect(given.find((deadline) => deadline.step === "notify")?.dueAt).toBe("2026-11-30T16:00:00.000Z");

    // Changing the settings later does not move the deadlines it was given.
    await prisma.store.update({ where: { id: storeId }, data: { cutoffTime: "18:00" } });
    await prisma.merchant.update({ where: { id: merchantId }, data: { timeZone: "Europe/London" } });
    expect((await getAs("admin", incident.id)).body.deadlines).toEqual(given);
  });

  test("in another zone the cut-off is that zone's 23:00", async () => {
    const { merchantId } = await store1();
    await prisma.merchant.update({ where: { id: merchantId }, data: { timeZone: "America/New_York" } });
    const incident = await logIncident({ kind: "wrong_amount", occurredAt }); // 21:00 on the 25th in New York
    const halt = (await getAs("admin", incident.id)).body.deadlines[0];
    expect(halt).toMatchObject({ step: "halt", dueAt: "2026-11-26T04:00:00.000Z" }); // 23:00 EST the same evening
  });
});

describe("acting on the checklist", () => {
  test("a step done in time is met and what is due next moves on; the close is met when closed", async () => {
    const logged = await logIncident({ kind: "wrong_amount" }); // now: every deadline ahead
    const halted = await completeSteps(logged, ["halt"], "supervisor");
    const detail = (await getAs("admin", halted.id)).body;
    expect(detail.deadlines.map((deadline) => [deadline.step, deadline.status])).toEqual([
      ["halt", "met"],
      ["reverify", "pending"],
      ["notify", "pending"],
      ["reconcile", "pending"],
      ["close", "pending"],
    ]);
    expect(detail.dueAt).toBe(detail.deadlines[1].dueAt);
    const walked = await completeSteps(halted, ["reverify", "notify", "reconcile"], "admin");
    expect((await getAs("admin", walked.id)).body.dueAt).toBe(detail.deadlines[4].dueAt);
    const closed = await closeAs("admin", walked.id, {
      ...CLOSE_OUTCOME,
      resolution: "voided",
      version: walked.version,
    });
    expect(closed.status).toBe(200);
    const close = await deadlineOf(walked.id, "close");
    expect(close).toMatchObject({ status: "met", nextActionAt: null });
    expect(close.doneAt).not.toBeNull();
  });

  test("a step done after its deadline is missed, even before the job noticed", async () => {
    const logged = await logIncident({ kind: "wrong_amount", occurredAt: "2026-11-20T02:00:00.000Z" });
    const halted = await stepAs("supervisor", logged.id, "halt", completeBody("halt", logged.version));
    expect(halted.status).toBe(200);
    expect(await deadlineOf(logged.id, "halt")).toMatchObject({ status: "missed", nextActionAt: null });
  });

  test("reopening gives the case back the close deadline it was given: outstanding again, escalated by the job", async () => {
    const closed = await closedIncident({ kind: "wrong_amount", occurredAt: "2026-10-01T02:00:00.000Z" });
    const before = await deadlineOf(closed.id, "close");
    expect(before.status).toBe("missed"); // closed after its 30 days
    const reopened = await reopenAs("admin", closed.id, {
      note: "Bank says it was not voided",
      version: closed.version,
    });
    expect(reopened.status).toBe(200);
    expect(reopened.body.dueAt).toBe(before.dueAt.toISOString());
    const after = await deadlineOf(closed.id, "close");
    expect(after).toMatchObject({ doneAt: null, status: "missed" });
    await sweepDeadlines(new Date());
    expect(await toldAbout(after.id)).toContain("DEADLINE_ESCALATED admin@demo.test");
  });
});

describe("the deadline job", () => {
  test("a passed step deadline is escalated up the ladder, each level once: the store's supervisor, then the admin", async () => {
    const logged = await logIncident({ kind: "wrong_amount" }, "cashier");
    const halt = await deadlineOf(logged.id, "halt");
    // The cut-off is at most a day away: too soon for a 24-hour reminder.
    expect(halt.remindAt).toBeNull();

    expect(await sweepDeadlines(new Date(halt.dueAt.getTime() - 1000))).toBeDefined();
    expect(await toldAbout(halt.id)).toEqual([]);

    const passed = new Date(halt.dueAt.getTime() + 1000);
    await sweepDeadlines(passed);
    expect(await toldAbout(halt.id)).toEqual(["DEADLINE_ESCALATED supervisor@demo.test"]);
    expect(await deadlineOf(logged.id, "halt")).toMatchObject({ status: "missed", escalationLevel: 1 });

    // Again at the same moment (another instance, or after a restart): nothing new.
    await sweepDeadlines(passed);
    expect(await toldAbout(halt.id)).toEqual(["DEADLINE_ESCALATED supervisor@demo.test"]);

    // A day later (escalateEveryHours 24) still undone: the admin.
    await sweepDeadlines(new Date(halt.dueAt.getTime() + 24 * HOUR + 1000));
    expect(await toldAbout(halt.id)).toEqual([
      "DEADLINE_ESCALATED admin@demo.test",
      "DEADLINE_ESCALATED supervisor@demo.test",
    ]);
    // The ladder ends with the admin.
    await sweepDeadlines(new Date(halt.dueAt.getTime() + 30 * 24 * HOUR));
    expect(await toldAbout(halt.id)).toHaveLength(2);
    expect((await deadlineOf(logged.id, "halt")).nextActionAt).toBeNull();

    const moves = await movesOf(halt.id);
    expect(moves.map((move) => [move.type, move.after.level, move.incidentId])).toEqual([
      ["deadline.escalated", 1, logged.id],
      ["deadline.escalated", 2, logged.id],
    ]);
    expect(moves[0].after.recipients).toEqual([{ userId: await userId("supervisor"), name: "Sam Supervisor" }]);
    // On the incident's timeline, and in the supervisor's inbox in words.
    const timeline = (await getAs("admin", logged.id)).body.timeline;
    const haltMoves = timeline.filter(
      (event) => event.type === "deadline.escalated" && (event.after as { subject: string }).subject === "halt",
    );
    expect(haltMoves).toHaveLength(2);
    const inbox = await prisma.notification.findFirstOrThrow({
      where: { dedupeKey: { contains: `:${halt.id}:1:` } },
      select: { messageKey: true, incidentId: true },
    });
    expect(inbox).toEqual({ messageKey: "deadlineEscalated", incidentId: logged.id });
  });

  test("the responsible people are reminded before a deadline, once; work done in time is never escalated", async () => {
    const logged = await logIncident({ kind: "unsigned_slip" }, "cashier");
    const resign = await deadlineOf(logged.id, "resign");
    expect(resign.remindAt?.getTime()).toBe(resign.dueAt.getTime() - 24 * HOUR);
    const remindAt = resign.remindAt ?? new Date();
    await sweepDeadlines(new Date(remindAt.getTime() + 1000));
    await sweepDeadlines(new Date(remindAt.getTime() + 2000));
    // The default plan makes the supervisor responsible for re-signing.
    expect(await toldAbout(resign.id)).toEqual(["DEADLINE_REMINDER supervisor@demo.test"]);
    expect((await movesOf(resign.id)).map((move) => move.type)).toEqual(["deadline.reminded"]);

    // The steps done (late for some, but resign before its deadline): nothing more for resign.
    await completeSteps(logged, ["halt", "reverify", "notify", "resign"], "admin");
    await sweepDeadlines(new Date(resign.dueAt.getTime() + 10 * 24 * HOUR));
    expect(await toldAbout(resign.id)).toEqual(["DEADLINE_REMINDER supervisor@demo.test"]);
    expect(await deadlineOf(logged.id, "resign")).toMatchObject({ status: "met", nextActionAt: null });
  });

  test("two sweeps racing make each move once", async () => {
    const logged = await logIncident({ kind: "duplicate_charge" }, "cashier");
    const halt = await deadlineOf(logged.id, "halt");
    const passed = new Date(halt.dueAt.getTime() + 1000);
    const [first, second] = await Promise.all([sweepDeadlines(passed), sweepDeadlines(passed)]);
    expect(first.escalated + second.escalated).toBeGreaterThanOrEqual(1);
    expect(await toldAbout(halt.id)).toEqual(["DEADLINE_ESCALATED supervisor@demo.test"]);
    expect(await movesOf(halt.id)).toHaveLength(1);
  });

  test("an evening's cut-off of many cases, swept by two racing workers: each deadline escalated once, in rounds", async () => {
    const logged = [];
    for (let n = 0; n < 12; n++)
      logged.push(await logIncident({ kind: "wrong_card", amount: `${n + 1}.50` }, "cashier"));
    const halts = await Promise.all(logged.map((incident) => deadlineOf(incident.id, "halt")));
    const passed = new Date(Math.max(...halts.map((halt) => halt.dueAt.getTime())) + 1000);
    await Promise.all([sweepDeadlines(passed), sweepDeadlines(passed)]);
    for (const halt of halts) {
      expect(await toldAbout(halt.id)).toEqual(["DEADLINE_ESCALATED supervisor@demo.test"]);
      expect((await movesOf(halt.id)).map((move) => move.after.level)).toEqual([1]);
    }
  });

  test("a prevention action's owner is reminded, then the ladder above them is told when it passes undone", async () => {
    const closed = await closedIncident({ kind: "unsigned_slip", amount: "66.00" });
    const due = new Date(Date.now() + 3 * 24 * HOUR);
    const created = await createActionRoute(
      jsonRequest("/api/prevention-actions", {
        method: "POST",
        cookie: await sessionCookie("supervisor"),
        body: {
          type: "retrain",
          incidentIds: [closed.id],
          assigneeId: await userId("cashier"),
          dueAt: due.toISOString(),
          note: "Ask for the signature before handing the card back",
        },
      }),
      {},
    );
    expect(created.status).toBe(201);
    const action = (await created.json()) as { id: string };
    const deadline = await prisma.deadline.findUniqueOrThrow({ where: { preventionActionId: action.id } });
    expect(deadline).toMatchObject({ subject: "action", status: "pending", incidentId: null });

    await sweepDeadlines(new Date(due.getTime() - 23 * HOUR));
    expect(await toldAbout(deadline.id)).toEqual(["DEADLINE_REMINDER cashier@demo.test"]);
    await sweepDeadlines(new Date(due.getTime() + 1000));
    expect(await toldAbout(deadline.id)).toEqual([
      "DEADLINE_ESCALATED supervisor@demo.test",
      "DEADLINE_REMINDER cashier@demo.test",
    ]);
    const reminder = await prisma.notification.findFirstOrThrow({
      where: { dedupeKey: { contains: `:${deadline.id}:0:` } },
      select: { messageKey: true, incidentId: true },
    });
    expect(reminder).toEqual({ messageKey: "actionReminder", incidentId: null });
    // The moves are on the incident's timeline.
    expect((await movesOf(deadline.id)).map((move) => [move.type, move.incidentId])).toEqual([
      ["deadline.reminded", closed.id],
      ["deadline.escalated", closed.id],
    ]);

    // Completed: the machinery stops.
    const completed = await completeActionRoute(
      jsonRequest(`/api/prevention-actions/${action.id}/complete`, {
        method: "POST",
        cookie: await sessionCookie("cashier"),
        body: { note: "Retrained on the signature step" },
      }),
      params({ id: action.id }),
    );
    expect(completed.status).toBe(200);
    await sweepDeadlines(new Date(due.getTime() + 5 * 24 * HOUR));
    expect(await toldAbout(deadline.id)).toHaveLength(2);
    // Done (really) before it was due: met, although the job was shown a later clock.
    expect(await prisma.deadline.findUniqueOrThrow({ where: { id: deadline.id } })).toMatchObject({
      status: "met",
      nextActionAt: null,
    });
  });

  test("the answer of GET /api/incidents/{id} lists its deadlines as the issue names them", async () => {
    const logged = await logIncident({ kind: "debited_not_credited" });
    const detail = (await getAs("admin", logged.id)).body as IncidentDetailDto;
    for (const deadline of detail.deadlines) {
      expect(Object.keys(deadline).sort()).toEqual(["dueAt", "status", "step"]);
      expect(deadline.status).toBe("pending");
      expect(Date.parse(deadline.dueAt)).toBeGreaterThan(Date.now());
    }
  });
});
