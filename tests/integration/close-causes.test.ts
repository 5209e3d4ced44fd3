// Issue 9: closing an incident records why it happened (its causes) and the money outcome
// (recovered, lost); the incident shows them while closed, the audit chain keeps them, and a
// close without them is refused naming the field, with nothing written.
import { describe, expect, test } from "vitest";
import { prisma } from "@/lib/db/client";
import {
  type ApiError,
  closeAs,
  completeAllSteps,
  getAs,
  incidentState,
  logIncident,
  reopenAs,
  testPan,
} from "@/tests/helpers/incidents";

const outcome = { causes: ["printer_fault", "time_pressure"], recoveredAmount: "128.50", lostAmount: "0" };

describe("closing with causes and the money outcome", () => {
  test("the incident and its timeline show the causes (in taxonomy order) and the amounts", async () => {
    const incident = await completeAllSteps(await logIncident({ kind: "unsigned_slip", amount: "128.50" }));
    const closed = await closeAs("supervisor", incident.id, {
      ...outcome,
      resolution: "resigned",
      version: incident.version,
    });
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({
      status: "CLOSED",
      causes: ["time_pressure", "printer_fault"],
      recoveredAmount: "128.50",
      lostAmount: "0.00",
      closeNote: null,
    });

    const detail = await getAs("finance", incident.id);
    expect(detail.body).toMatchObject({
      causes: ["time_pressure", "printer_fault"],
      recoveredAmount: "128.50",
      lostAmount: "0.00",
    });
    expect(detail.body.timeline.at(-1)).toMatchObject({
      type: "incident.closed",
      after: { causes: ["time_pressure", "printer_fault"], recoveredMinor: 12850, lostMinor: 0 },
    });
    const stored = await prisma.incident.findUniqueOrThrow({ where: { id: incident.id } });
    expect(stored).toMatchObject({ recoveredMinor: 12850, lostMinor: 0 });
  });

  test('"other" is taken with its note, card numbers in the note masked', async () => {
    const incident = await completeAllSteps(await logIncident({ kind: "pin_error" }));
    const pan = testPan();
    const closed = await closeAs("admin", incident.id, {
      causes: ["other"],
      recoveredAmount: "0",
      lostAmount: "35",
      note: `Customer's card ${pan} kept timing out`,
      resolution: "written_off",
      version: incident.version,
    });
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({ causes: ["other"], lostAmount: "35.00" });
    expect(closed.body.closeNote).not.toContain(pan);
    expect(closed.body.closeNote).toContain(pan.slice(-4));
  });

  test("reopening clears them; the next close records its own", async () => {
    const incident = await completeAllSteps(await logIncident({ kind: "pin_error" }));
    const closed = await closeAs("admin", incident.id, {
      ...outcome,
      resolution: "no_loss",
      version: incident.version,
    });
    const reopened = await reopenAs("admin", incident.id, { note: "Bank disputes it", version: closed.body.version });
    expect(reopened.status).toBe(200);
    expect(reopened.body).toMatchObject({ causes: null, recoveredAmount: null, lostAmount: null, closeNote: null });
    const again = await closeAs("admin", incident.id, {
      causes: ["network_drop"],
      recoveredAmount: "0",
      lostAmount: "12.00",
      resolution: "written_off",
      version: reopened.body.version,
    });
    expect(again.body).toMatchObject({ causes: ["network_drop"], lostAmount: "12.00", recoveredAmount: "0.00" });
  });

  test.each([
    ["causes", { resolution: "no_loss", recoveredAmount: "0", lostAmount: "0" }],
    ["causes", { ...outcome, causes: [], resolution: "no_loss" }],
    ["causes.0", { ...outcome, causes: ["bad_luck"], resolution: "no_loss" }],
    ["recoveredAmount", { causes: ["distraction"], lostAmount: "0", resolution: "no_loss" }],
    ["lostAmount", { causes: ["distraction"], recoveredAmount: "0", resolution: "no_loss" }],
    ["lostAmount", { ...outcome, lostAmount: "-1", resolution: "no_loss" }],
    ["note", { ...outcome, causes: ["other"], resolution: "no_loss" }],
  ])("a close without a valid %s answers 400 naming it, and changes nothing", async (field, body) => {
    const incident = await completeAllSteps(await logIncident({ kind: "pin_error" }));
    const before = await incidentState(incident.id);
    const response = await closeAs<ApiError>("supervisor", incident.id, { ...body, version: incident.version });
    expect(response.status).toBe(400);
    expect(Object.keys(response.body.error.fields ?? {})).toEqual([field]);
    expect(await incidentState(incident.id)).toEqual(before);
  });
});
