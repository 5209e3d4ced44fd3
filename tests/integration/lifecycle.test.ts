// An incident's life through the API: status transitions, step order and details, optimistic
// concurrency, closing and reopening.
import { describe, expect, test } from "vitest";
import {
  type ApiError,
  CLOSE_OUTCOME,
  closeAs,
  closedIncident,
  completeAllSteps,
  completeSteps,
  getAs,
  incidentState,
  logIncident,
  reopenAs,
  stepAs,
} from "@/tests/helpers/incidents";

describe("a new incident", () => {
  test("is OPEN at version 1 with the checklist of its kind", async () => {
    const pin = await logIncident({ kind: "pin_error" }, "cashier");
    expect(pin).toMatchObject({ status: "OPEN", version: 1, currency: "CNY", resolution: null });
    expect(pin.steps.map((s) => [s.key, s.status])).toEqual([
      ["halt", "pending"],
      ["reverify", "pending"],
      ["notify", "not_applicable"],
      ["resign", "not_applicable"],
      ["reconcile", "not_applicable"],
    ]);
    const wrongCard = await logIncident({ kind: "wrong_card" }, "cashier");
    expect(wrongCard.steps.map((s) => s.status)).toEqual([
      "pending",
      "pending",
      "pending",
      "not_applicable",
      "pending",
    ]);
  });

  test("gets the next human reference of the merchant", async () => {
    const first = await logIncident();
    const second = await logIncident();
    expect(first.reference).toMatch(/^INC-\d{6}$/);
    expect(Number(second.reference.slice(4))).toBe(Number(first.reference.slice(4)) + 1);
  });

  test("keeps the slip fields as sent", async () => {
    const incident = await logIncident({
      kind: "debited_not_credited",
      terminalId: "T1000002",
      occurredAt: "2026-01-15T09:30:00+08:00",
      amount: "1200.5",
      currency: "USD",
      cardBin: "622848",
      cardLast4: "0042",
      rrn: "123456789012",
      authCode: "ab12cd",
      traceNo: "000123",
      batchNo: "000007",
      description: "Customer's bank shows the debit",
    });
    expect(incident).toMatchObject({
      kind: "debited_not_credited",
      terminalId: "T1000002",
      occurredAt: "2026-01-15T01:30:00.000Z",
      amount: "1200.50",
      currency: "USD",
      cardBin: "622848",
      cardLast4: "0042",
      rrn: "123456789012",
      authCode: "AB12CD",
      traceNo: "000123",
      batchNo: "000007",
      description: "Customer's bank shows the debit",
    });
  });
});

describe("steps", () => {
  test("the first step moves the incident to IN_PROGRESS and records who, when and the note", async () => {
    const incident = await logIncident({}, "cashier");
    const response = await stepAs("cashier", incident.id, "halt", {
      action: "complete",
      note: "Stopped the sale at the till",
      version: 1,
    });
    expect(response.status).toBe(200);
    expect(response.body.status).toBe("IN_PROGRESS");
    expect(response.body.version).toBe(2);
    const halt = response.body.steps[0];
    expect(halt).toMatchObject({ key: "halt", status: "done", note: "Stopped the sale at the till" });
    expect(halt.by?.name).toBe("Cai Cashier");
    expect(Date.parse(halt.at ?? "")).toBeGreaterThan(Date.now() - 60_000);
  });

  test("out of order answers 422 and nothing changes", async () => {
    const incident = await logIncident();
    const before = await incidentState(incident.id);
    const response = await stepAs<ApiError>("admin", incident.id, "reverify", { action: "complete", version: 1 });
    expect(response.status).toBe(422);
    expect(response.body.error.code).toBe("RULE_VIOLATION");
    expect(await incidentState(incident.id)).toEqual(before);
  });

  test("skipping a step lets the next one go and needs a note", async () => {
    const incident = await logIncident();
    const noNote = await stepAs<ApiError>("supervisor", incident.id, "halt", { action: "skip", version: 1 });
    expect(noNote.status).toBe(422);
    expect(noNote.body.error.fields).toHaveProperty("note");
    const blankNote = await stepAs("supervisor", incident.id, "halt", { action: "skip", note: "   ", version: 1 });
    expect(blankNote.status).toBe(422);
    const skipped = await stepAs("supervisor", incident.id, "halt", {
      action: "skip",
      note: "Noticed after the customer left",
      version: 1,
    });
    expect(skipped.status).toBe(200);
    const next = await stepAs("supervisor", incident.id, "reverify", { action: "complete", version: 2 });
    expect(next.status).toBe(200);
    expect(next.body.steps.slice(0, 2).map((s) => s.status)).toEqual(["skipped", "done"]);
  });

  test("a step that does not apply to the kind answers 422", async () => {
    const incident = await completeAllSteps(await logIncident({ kind: "pin_error" }));
    const response = await stepAs("admin", incident.id, "notify", { action: "complete", version: incident.version });
    expect(response.status).toBe(422);
  });

  test("a step already done answers 422", async () => {
    const incident = await completeSteps(await logIncident(), ["halt"]);
    const response = await stepAs("admin", incident.id, "halt", { action: "complete", version: incident.version });
    expect(response.status).toBe(422);
  });

  test("re-signing needs how the cardholder was reached and a verified identity", async () => {
    const incident = await completeSteps(await logIncident({ kind: "unsigned_slip" }), ["halt", "reverify", "notify"]);
    const version = incident.version;
    const noContact = await stepAs<ApiError>("supervisor", incident.id, "resign", {
      action: "complete",
      identityVerified: true,
      version,
    });
    expect(noContact.status).toBe(422);
    expect(noContact.body.error.fields).toHaveProperty("contactMethod");
    const unverified = await stepAs<ApiError>("supervisor", incident.id, "resign", {
      action: "complete",
      contactMethod: "sms",
      identityVerified: false,
      version,
    });
    expect(unverified.status).toBe(422);
    expect(unverified.body.error.fields).toHaveProperty("identityVerified");
    const done = await stepAs("supervisor", incident.id, "resign", {
      action: "complete",
      contactMethod: "in_person",
      identityVerified: true,
      note: "Cardholder came back and signed",
      version,
    });
    expect(done.status).toBe(200);
    expect(done.body.steps[3]).toMatchObject({
      key: "resign",
      status: "done",
      contactMethod: "in_person",
      identityVerified: true,
    });
  });

  test("an unknown step key answers 400", async () => {
    const incident = await logIncident();
    const response = await stepAs<ApiError>("admin", incident.id, "refund", { action: "complete", version: 1 });
    expect(response.status).toBe(400);
  });

  test("an unknown incident answers 404", async () => {
    const response = await stepAs("admin", "no-such-incident", "halt", { action: "complete", version: 1 });
    expect(response.status).toBe(404);
    expect((await getAs("admin", "no-such-incident")).status).toBe(404);
  });
});

describe("optimistic concurrency", () => {
  test("a stale version answers 409 and nothing changes", async () => {
    const incident = await completeSteps(await logIncident(), ["halt"]);
    const before = await incidentState(incident.id);
    const response = await stepAs<ApiError>("admin", incident.id, "reverify", { action: "complete", version: 1 });
    expect(response.status).toBe(409);
    expect(response.body.error.code).toBe("CONFLICT");
    expect(await incidentState(incident.id)).toEqual(before);
  });

  test("a version from the future answers 409 too", async () => {
    const incident = await logIncident();
    const response = await stepAs("admin", incident.id, "halt", { action: "complete", version: 5 });
    expect(response.status).toBe(409);
  });

  test("two people acting on the same version: one wins, the other gets 409", async () => {
    const incident = await logIncident();
    const responses = await Promise.all([
      stepAs("cashier", incident.id, "halt", { action: "complete", version: 1 }),
      stepAs("supervisor", incident.id, "halt", { action: "complete", version: 1 }),
    ]);
    expect(responses.map((r) => r.status).sort()).toEqual([200, 409]);
    const state = await incidentState(incident.id);
    expect(state.version).toBe(2);
    // incident.created, notification.sent (the store's supervisor told, issue 9), the winner's step
    expect(state.events).toBe(3);
  });

  test("close and reopen with a stale version answer 409 and change nothing", async () => {
    const ready = await completeAllSteps(await logIncident({ kind: "pin_error" }));
    const before = await incidentState(ready.id);
    const close = await closeAs("admin", ready.id, {
      ...CLOSE_OUTCOME,
      resolution: "no_loss",
      version: ready.version - 1,
    });
    expect(close.status).toBe(409);
    expect(await incidentState(ready.id)).toEqual(before);

    const closed = await closedIncident({ kind: "pin_error" });
    const closedBefore = await incidentState(closed.id);
    const reopen = await reopenAs("admin", closed.id, { note: "Again", version: closed.version - 1 });
    expect(reopen.status).toBe(409);
    expect(await incidentState(closed.id)).toEqual(closedBefore);
  });
});

describe("closing and reopening", () => {
  test("closing before every applicable step is done or skipped answers 422", async () => {
    const incident = await completeSteps(await logIncident(), ["halt", "reverify", "notify"]);
    const before = await incidentState(incident.id);
    const response = await closeAs<ApiError>("supervisor", incident.id, {
      ...CLOSE_OUTCOME,
      resolution: "voided",
      version: incident.version,
    });
    expect(response.status).toBe(422);
    expect(response.body.error).toMatchObject({ reason: "STEPS_STILL_PENDING", params: { steps: "reconcile" } });
    expect(response.body.error.message).toMatch(/reconcile/i);
    expect(await incidentState(incident.id)).toEqual(before);
  });

  test("closing needs a known resolution", async () => {
    const incident = await completeAllSteps(await logIncident({ kind: "pin_error" }));
    const missing = await closeAs<ApiError>("supervisor", incident.id, { version: incident.version });
    expect(missing.status).toBe(400);
    expect(missing.body.error.fields).toHaveProperty("resolution");
    const unknown = await closeAs<ApiError>("supervisor", incident.id, {
      ...CLOSE_OUTCOME,
      resolution: "forgotten",
      version: incident.version,
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.fields).toHaveProperty("resolution");
  });

  test("a walked incident closes with a resolution, then reopens to IN_PROGRESS", async () => {
    const incident = await completeAllSteps(await logIncident({ kind: "unsigned_slip" }));
    const closed = await closeAs("supervisor", incident.id, {
      ...CLOSE_OUTCOME,
      resolution: "resigned",
      note: "Slip signed",
      version: incident.version,
    });
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({ status: "CLOSED", resolution: "resigned", overdue: false });

    const stepOnClosed = await stepAs("admin", incident.id, "halt", {
      action: "complete",
      version: closed.body.version,
    });
    expect(stepOnClosed.status).toBe(422);
    const closeAgain = await closeAs("admin", incident.id, {
      ...CLOSE_OUTCOME,
      resolution: "voided",
      version: closed.body.version,
    });
    expect(closeAgain.status).toBe(422);

    const reopened = await reopenAs("supervisor", incident.id, {
      note: "Bank says the slip was unreadable",
      version: closed.body.version,
    });
    expect(reopened.status).toBe(200);
    expect(reopened.body).toMatchObject({ status: "IN_PROGRESS", resolution: null, closedAt: null });
    expect(reopened.body.version).toBe(closed.body.version + 1);

    const detail = await getAs("supervisor", incident.id);
    expect(detail.body.timeline.map((e) => e.type)).toEqual([
      "incident.created",
      "notification.sent", // the store's supervisor told (the emergency plan, issue 9)
      "step.completed",
      "step.completed",
      "step.completed",
      "notification.sent", // notify completed: finance told
      "step.completed",
      "step.completed",
      "incident.closed",
      "incident.reopened",
    ]);
    expect(detail.body.timeline.at(-1)?.actor?.name).toBe("Sam Supervisor");
    expect(detail.body.timeline.at(-2)?.after).toMatchObject({ status: "CLOSED", resolution: "resigned" });
  });

  test("a reopened incident can be closed again", async () => {
    const closed = await closedIncident({ kind: "pin_error" });
    const reopened = await reopenAs("admin", closed.id, { note: "Wrong resolution", version: closed.version });
    const again = await closeAs("admin", closed.id, {
      ...CLOSE_OUTCOME,
      resolution: "no_loss",
      version: reopened.body.version,
    });
    expect(again.status).toBe(200);
    expect(again.body.resolution).toBe("no_loss");
  });

  test("reopening an incident that is not closed answers 422", async () => {
    const incident = await logIncident();
    const response = await reopenAs("admin", incident.id, { note: "Why not", version: incident.version });
    expect(response.status).toBe(422);
  });

  test("reopening needs a note", async () => {
    const closed = await closedIncident({ kind: "pin_error" });
    const response = await reopenAs<ApiError>("admin", closed.id, { note: " ", version: closed.version });
    expect(response.status).toBe(400);
    expect(response.body.error.fields).toHaveProperty("note");
  });
});
