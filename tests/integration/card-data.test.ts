// A full card number typed into free text is masked before it is stored or logged: read back
// through the API, straight from the database, and from every audit event.
import { beforeAll, describe, expect, test, vi } from "vitest";
import { apiHandler } from "@/lib/api/respond";
import { decodeForScan } from "@/lib/card-data/encoded-pans";
import { containsPan } from "@/lib/card-data/mask-pan";
import { prisma } from "@/lib/db/client";
import type { IncidentDto } from "@/lib/schemas/incident";
import {
  CLOSE_OUTCOME,
  closeAs,
  completeAllSteps,
  createAs,
  getAs,
  logIncident,
  reopenAs,
  stepAs,
} from "@/tests/helpers/incidents";

const pan = `4111${"1111".repeat(3)}`;
const spaced = pan.replace(/(\d{4})(?=\d)/g, "$1 ");
const dashed = pan.replace(/(\d{4})(?=\d)/g, "$1-");
const masked = `****${pan.slice(-4)}`;

function expectNoPan(text: string | null | undefined) {
  const value = text ?? "";
  expect(value).not.toContain(pan);
  expect(value).not.toContain(spaced);
  expect(value).not.toContain(dashed);
  expect(containsPan(value)).toBe(false);
}

let incident: IncidentDto;

beforeAll(async () => {
  const created = await createAs(
    "cashier",
    {
      kind: "unsigned_slip",
      terminalId: "T1000001",
      amount: "320.00",
      description: `Customer read out ${spaced} over the phone; also wrote ${dashed}`,
    },
    { "Idempotency-Key": "pan-in-description" },
  );
  expect(created.status).toBe(201);
  const halted = await stepAs("cashier", created.body.id, "halt", {
    action: "complete",
    note: `Card was ${pan}`,
    version: created.body.version,
  });
  const skipped = await stepAs("supervisor", created.body.id, "reverify", {
    action: "skip",
    note: `No slip; card ${dashed}`,
    version: halted.body.version,
  });
  const walked = await completeAllSteps(skipped.body);
  const closed = await closeAs("supervisor", walked.id, {
    ...CLOSE_OUTCOME,
    resolution: "resigned",
    note: `Signed for ${spaced}`,
    version: walked.version,
  });
  const reopened = await reopenAs("supervisor", walked.id, {
    note: `Bank disputes ${pan}`,
    version: closed.body.version,
  });
  expect(reopened.status).toBe(200);
  incident = reopened.body;
});

describe("card numbers in free text", () => {
  test("the description is masked in the API answer", async () => {
    expect(incident.description).toBe(`Customer read out ${masked} over the phone; also wrote ${masked}`);
  });

  test("step notes are masked in the API answer", async () => {
    const detail = await getAs("supervisor", incident.id);
    expect(detail.body.steps[0].note).toBe(`Card was ${masked}`);
    expect(detail.body.steps[1].note).toBe(`No slip; card ${masked}`);
    expectNoPan(JSON.stringify(detail.body));
  });

  test("the description and notes are stored masked", async () => {
    const [row] = await prisma.$queryRaw<{ description: string }[]>`
      SELECT "description" FROM "Incident" WHERE "id" = ${incident.id}`;
    expect(row.description).toContain(masked);
    expectNoPan(row.description);
    const notes = await prisma.$queryRaw<{ note: string | null }[]>`
      SELECT "note" FROM "IncidentStep" WHERE "incidentId" = ${incident.id}`;
    expect(notes.filter((n) => n.note?.includes(masked))).toHaveLength(2);
    for (const { note } of notes) expectNoPan(note);
  });

  test("no audit event holds a full card number", async () => {
    const events = await prisma.$queryRaw<{ type: string; before: string | null; after: string | null }[]>`
      SELECT "type", "before", "after" FROM "AuditEvent" WHERE "incidentId" = ${incident.id}`;
    expect(events.map((e) => e.type)).toEqual(
      expect.arrayContaining(["incident.created", "step.skipped", "incident.closed", "incident.reopened"]),
    );
    const created = events.find((e) => e.type === "incident.created");
    expect(created?.after).toContain(masked);
    const closed = events.find((e) => e.type === "incident.closed");
    expect(closed?.after).toContain(`Signed for ${masked}`);
    for (const event of events) {
      expectNoPan(event.before);
      expectNoPan(event.after);
    }
  });

  test("the stored idempotent response holds no full card number", async () => {
    const stored = await prisma.idempotencyKey.findFirstOrThrow({ where: { key: "pan-in-description" } });
    expect(stored.responseBody).toContain(masked);
    expectNoPan(stored.responseBody);
  });

  test("digits that are not a card number are kept", async () => {
    const notLuhn = `${pan.slice(0, -1)}2`;
    const logged = await logIncident({ description: `Order ${notLuhn}, phone 13800138000` });
    expect(logged.description).toBe(`Order ${notLuhn}, phone 13800138000`);
  });

  test("a full card number cannot be sent as a card field", async () => {
    const response = await createAs("cashier", { kind: "wrong_card", terminalId: "T1000001", cardLast4: pan });
    expect(response.status).toBe(400);
    const bin = await createAs("cashier", { kind: "wrong_card", terminalId: "T1000001", cardBin: pan });
    expect(bin.status).toBe(400);
  });
});

describe("card numbers in the log of an unexpected error", () => {
  test("a card number in the URL, however the URL encoded it, is not in the logged line", async () => {
    const groups = pan.match(/\d{4}/g) ?? [];
    const lines: string[] = [];
    const spy = vi.spyOn(console, "error").mockImplementation((line: unknown) => {
      lines.push(String(line));
    });
    try {
      const failing = apiHandler(async () => {
        throw new Error("database unavailable");
      });
      for (const query of [groups.join("+"), groups.join("%20"), pan.replace(/\d/g, (d) => `%3${d}`)]) {
        const response = await failing(new Request(`http://localhost/api/incidents?q=${query}`), {});
        expect(response.status).toBe(500);
      }
    } finally {
      spy.mockRestore();
    }
    expect(lines).toHaveLength(3);
    for (const line of lines) {
      expect(JSON.parse(line).url).toContain(masked);
      expectNoPan(decodeForScan(line));
    }
  });
});
