// The duplicate check of POST /api/incidents: an open incident of the same merchant with the same
// RRN, or the same terminal, card last 4 and amount within 10 minutes of the moment it happened,
// answers 409 DUPLICATE_SUSPECTED naming it; the same body with confirmDuplicate logs it anyway
// and its audit event records what it looked like. Closed incidents and other merchants' do not
// count, and an Idempotency-Key retry still answers with the first response.
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { readAuditEvent } from "@/lib/audit/events";
import { prisma } from "@/lib/db/client";
import { newId } from "@/lib/db/new-id";
import type { IncidentDto } from "@/lib/schemas/incident";
import { type ApiError, closedIncident, createAs } from "@/tests/helpers/incidents";

type DuplicateError = ApiError & { error: { duplicates: { id: string; reference: string }[] } };

let serial = 0;
/** A slip no other test in this file uses: its own RRN, card last 4 and amount. */
function slip(overrides: Record<string, unknown> = {}) {
  serial++;
  return {
    kind: "duplicate_charge",
    terminalId: "T1000001",
    rrn: String(700_000_000_000 + serial),
    cardLast4: String(1000 + serial).padStart(4, "0"),
    amount: `${300 + serial}.25`,
    ...overrides,
  };
}

const minutesAgo = (minutes: number, from = Date.now()) => new Date(from - minutes * 60_000).toISOString();

async function createdEventOf(incidentId: string) {
  const row = await prisma.auditEvent.findFirstOrThrow({ where: { incidentId, type: "incident.created" } });
  return readAuditEvent({ type: row.type, before: null, after: JSON.parse(row.after ?? "null") });
}

describe("the same RRN", () => {
  test("logged three times: 201, then 409 naming the first, then 201 with confirmDuplicate, recorded in the audit", async () => {
    const body = slip();
    const first = await createAs<IncidentDto>("cashier", body);
    expect(first.status).toBe(201);

    const second = await createAs<DuplicateError>("cashier", body);
    expect(second.status).toBe(409);
    expect(second.body.error.code).toBe("DUPLICATE_SUSPECTED");
    expect(second.body.error.duplicates).toEqual([{ id: first.body.id, reference: first.body.reference }]);
    expect(second.body.error.message).toMatch(/looks like the same mishap/);
    expect(await prisma.incident.count({ where: { rrn: body.rrn } })).toBe(1);

    const third = await createAs<IncidentDto>("cashier", { ...body, confirmDuplicate: true });
    expect(third.status).toBe(201);
    expect(third.body.id).not.toBe(first.body.id);
    expect(await createdEventOf(third.body.id)).toMatchObject({
      known: true,
      event: { after: { confirmedDuplicateOf: [{ id: first.body.id, reference: first.body.reference }] } },
    });
    const firstEvent = await createdEventOf(first.body.id);
    expect(firstEvent.known && "confirmedDuplicateOf" in (firstEvent.event.after ?? {})).toBe(false);

    // Both are open now: the next one names both, oldest first.
    const fourth = await createAs<DuplicateError>("supervisor", { ...body, terminalId: "T1000002" });
    expect(fourth.status).toBe(409);
    expect(fourth.body.error.duplicates.map((duplicate) => duplicate.id)).toEqual([first.body.id, third.body.id]);
  });

  test("the 409 speaks the caller's language", async () => {
    const body = slip();
    expect((await createAs("cashier", body)).status).toBe(201);
    const again = await createAs<DuplicateError>("cashier", body, { "Accept-Language": "zh-CN" });
    expect(again.status).toBe(409);
    expect(again.body.error.message).toMatch(/同一笔差错/);
  });

  test("a closed incident with the same RRN does not count", async () => {
    const body = slip();
    await closedIncident(body);
    const again = await createAs<IncidentDto>("cashier", body);
    expect(again.status).toBe(201);
  });

  test("another merchant's open incident with the same RRN does not count", async () => {
    const body = slip();
    const reporter = await prisma.user.findFirstOrThrow({ select: { id: true } });
    const merchant = await prisma.merchant.create({ data: { name: `Other ${newId()}` } });
    const store = await prisma.store.create({ data: { merchantId: merchant.id, name: "Elsewhere" } });
    const terminal = await prisma.terminal.create({
      data: { merchantId: merchant.id, storeId: store.id, tid: body.terminalId },
    });
    const now = new Date();
    await prisma.incident.create({
      data: {
        merchantId: merchant.id,
        storeId: store.id,
        terminalId: terminal.id,
        number: 1,
        kind: "DUPLICATE_CHARGE",
        occurredAt: now,
        amountMinor: 30_000,
        cardLast4: body.cardLast4,
        rrn: body.rrn,
        dueAt: new Date(now.getTime() + 86_400_000),
        reportedById: reporter.id,
      },
    });
    const created = await createAs<IncidentDto>("cashier", body);
    expect(created.status).toBe(201);
  });

  test("a retry with the first request's Idempotency-Key answers with the first response, not 409", async () => {
    const body = slip();
    const headers = { "Idempotency-Key": `duplicate-check-${serial}` };
    const first = await createAs<IncidentDto>("cashier", body, headers);
    expect(first.status).toBe(201);
    const retry = await createAs<IncidentDto>("cashier", body, headers);
    expect(retry.status).toBe(201);
    expect(retry.headers.get("Idempotent-Replayed")).toBe("true");
    expect(retry.body).toEqual(first.body);
    // A new key with the same slip is a new request: a suspected duplicate.
    const other = await createAs<DuplicateError>("cashier", body, { "Idempotency-Key": `duplicate-check-${serial}-b` });
    expect(other.status).toBe(409);
    // A refusal does not use up its key: confirmed under that key, it logs, and a retry replays it.
    const confirmed = { ...body, confirmDuplicate: true };
    const logged = await createAs<IncidentDto>("cashier", confirmed, {
      "Idempotency-Key": `duplicate-check-${serial}-b`,
    });
    expect(logged.status).toBe(201);
    const replay = await createAs<IncidentDto>("cashier", confirmed, {
      "Idempotency-Key": `duplicate-check-${serial}-b`,
    });
    expect(replay.body.id).toBe(logged.body.id);
  });

  test("confirmDuplicate must be a boolean (400 naming the field)", async () => {
    const response = await createAs<ApiError>("cashier", { ...slip(), confirmDuplicate: "yes" });
    expect(response.status).toBe(400);
    expect(response.body.error.fields).toHaveProperty("confirmDuplicate");
  });
});

describe("the same terminal, card last 4 and amount", () => {
  test("10 minutes apart: 409; 11 minutes apart: 201", async () => {
    const now = Date.now();
    const { rrn: _rrn, ...body } = slip();
    const first = await createAs<IncidentDto>("cashier", { ...body, occurredAt: minutesAgo(30, now) });
    expect(first.status).toBe(201);

    const tenLater = await createAs<DuplicateError>("cashier", { ...body, occurredAt: minutesAgo(20, now) });
    expect(tenLater.status).toBe(409);
    expect(tenLater.body.error.duplicates).toEqual([{ id: first.body.id, reference: first.body.reference }]);
    const tenEarlier = await createAs<DuplicateError>("cashier", { ...body, occurredAt: minutesAgo(40, now) });
    expect(tenEarlier.status).toBe(409);

    const elevenLater = await createAs<IncidentDto>("cashier", { ...body, occurredAt: minutesAgo(19, now) });
    expect(elevenLater.status).toBe(201);
  });

  test("a different card, amount or terminal is not a duplicate, nor a match without card last 4", async () => {
    const { rrn: _rrn, ...body } = slip();
    const occurredAt = minutesAgo(5);
    expect((await createAs("cashier", { ...body, occurredAt })).status).toBe(201);
    const variants = [
      { cardLast4: "0001" },
      { amount: "1.01" },
      { terminalId: "T1000002" },
      { cardLast4: undefined },
      { amount: undefined },
    ];
    for (const variant of variants) {
      const response = await createAs("cashier", { ...body, occurredAt, ...variant });
      expect(response.status, JSON.stringify(variant)).toBe(201);
    }
  });

  test("any two moments: 409 exactly when they are at most 10 minutes apart", async () => {
    const base = Date.now() - 3 * 3_600_000;
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: -1_800, max: 1_800 }), async (offsetSeconds) => {
        const { rrn: _rrn, ...body } = slip();
        const first = await createAs("cashier", { ...body, occurredAt: new Date(base).toISOString() });
        expect(first.status).toBe(201);
        const second = await createAs("cashier", {
          ...body,
          occurredAt: new Date(base + offsetSeconds * 1000).toISOString(),
        });
        expect(second.status).toBe(Math.abs(offsetSeconds) <= 600 ? 409 : 201);
      }),
      { numRuns: 25, examples: [[600], [-600], [601], [-601], [0]] },
    );
  });
});
