// POST /api/incidents with an Idempotency-Key: a retry returns the first response and creates
// nothing; the same key with another body is refused; keys belong to the user who sent them.
import { describe, expect, test } from "vitest";
import { prisma } from "@/lib/db/client";
import type { IncidentDto } from "@/lib/schemas/incident";
import { type ApiError, createAs } from "@/tests/helpers/incidents";

const body = { kind: "duplicate_charge", terminalId: "T1000001", amount: "45.10", rrn: "000000111222" };

async function countByRrn(rrn: string) {
  return prisma.incident.count({ where: { rrn } });
}

describe("Idempotency-Key", () => {
  test("the same key and body return the first response and create one incident", async () => {
    const headers = { "Idempotency-Key": "till-3-retry-1" };
    const first = await createAs("cashier", body, headers);
    const retry = await createAs("cashier", body, headers);
    expect(first.status).toBe(201);
    expect(retry.status).toBe(201);
    expect(retry.body).toEqual(first.body);
    expect(retry.headers.get("Idempotent-Replayed")).toBe("true");
    expect(first.headers.get("Idempotent-Replayed")).toBeNull();
    expect(await countByRrn(body.rrn)).toBe(1);
    const created = await prisma.auditEvent.count({ where: { incidentId: first.body.id, type: "incident.created" } });
    expect(created).toBe(1);
  });

  test("the same body with keys in another order counts as the same request", async () => {
    const headers = { "Idempotency-Key": "reordered-body" };
    const payload = { ...body, rrn: "000000111333" };
    const first = await createAs("cashier", payload, headers);
    const reordered = Object.fromEntries(Object.entries(payload).reverse());
    const retry = await createAs("cashier", reordered, headers);
    expect(retry.status).toBe(201);
    expect(retry.body.id).toBe(first.body.id);
    expect(await countByRrn(payload.rrn)).toBe(1);
  });

  test("concurrent retries with one key still create a single incident", async () => {
    const headers = { "Idempotency-Key": "double-tap" };
    const payload = { ...body, rrn: "000000111444" };
    const responses = await Promise.all([
      createAs("cashier", payload, headers),
      createAs("cashier", payload, headers),
      createAs("cashier", payload, headers),
    ]);
    expect(responses.map((r) => r.status)).toEqual([201, 201, 201]);
    expect(new Set(responses.map((r) => r.body.id)).size).toBe(1);
    expect(await countByRrn(payload.rrn)).toBe(1);
  });

  test("the same key with a different body answers 422 and creates nothing", async () => {
    const headers = { "Idempotency-Key": "reused-key" };
    const first = await createAs("cashier", { ...body, rrn: "000000111555" }, headers);
    expect(first.status).toBe(201);
    const before = await prisma.incident.count();
    const other = await createAs<ApiError>("cashier", { ...body, rrn: "000000111555", amount: "46.10" }, headers);
    expect(other.status).toBe(422);
    expect(other.body.error.code).toBe("RULE_VIOLATION");
    expect(other.body.error.fields).toHaveProperty("Idempotency-Key");
    expect(await prisma.incident.count()).toBe(before);
  });

  test("different users using the same key do not collide", async () => {
    const headers = { "Idempotency-Key": "shared-key" };
    const payload = { ...body, rrn: "000000111666" };
    const cashier = await createAs("cashier", payload, headers);
    // The same slip again is a suspected duplicate (tests/integration/duplicate-check.test.ts): confirmed.
    const supervisor = await createAs("supervisor", { ...payload, confirmDuplicate: true }, headers);
    expect(cashier.status).toBe(201);
    expect(supervisor.status).toBe(201);
    expect(supervisor.body.id).not.toBe(cashier.body.id);
    expect(supervisor.body.reportedBy?.id).not.toBe(cashier.body.reportedBy?.id);
    expect(await countByRrn(payload.rrn)).toBe(2);
  });

  test("without a key every post creates an incident", async () => {
    const payload = { ...body, rrn: "000000111777" };
    const first = await createAs<IncidentDto>("cashier", payload);
    const second = await createAs<IncidentDto>("cashier", { ...payload, confirmDuplicate: true });
    expect(second.body.id).not.toBe(first.body.id);
    expect(await countByRrn(payload.rrn)).toBe(2);
  });

  test("a malformed key answers 400 and creates nothing", async () => {
    const before = await prisma.incident.count();
    const response = await createAs<ApiError>("cashier", body, { "Idempotency-Key": "no spaces allowed" });
    expect(response.status).toBe(400);
    expect(response.body.error.fields).toHaveProperty("Idempotency-Key");
    expect(await prisma.incident.count()).toBe(before);
  });

  test("a refused request does not use up its key", async () => {
    const headers = { "Idempotency-Key": "first-try-was-bad" };
    const bad = await createAs("cashier", { ...body, amount: "0" }, headers);
    expect(bad.status).toBe(400);
    const good = await createAs("cashier", { ...body, rrn: "000000111888" }, headers);
    expect(good.status).toBe(201);
    expect(await countByRrn("000000111888")).toBe(1);
  });

  test("requests racing with one key: one creates, the others answer with its response, and no number is lost", async () => {
    const headers = { "Idempotency-Key": "racing-tills" };
    const payload = { ...body, rrn: "000000111999" };
    const responses = await Promise.all(
      Array.from({ length: 6 }, () => createAs<IncidentDto>("cashier", payload, headers)),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(6).fill(201));
    expect(new Set(responses.map((r) => JSON.stringify(r.body))).size).toBe(1);
    expect(responses.filter((r) => r.headers.get("Idempotent-Replayed") === null)).toHaveLength(1);
    expect(await countByRrn(payload.rrn)).toBe(1);
    // one incident.created and one notification.sent (issue 9: the store's supervisor told, once)
    const events = await prisma.auditEvent.findMany({
      where: { incidentId: responses[0].body.id },
      select: { type: true },
    });
    expect(events.map((event) => event.type).sort()).toEqual(["incident.created", "notification.sent"]);
    expect(await prisma.notification.count({ where: { incidentId: responses[0].body.id } })).toBe(1);
    // A loser's transaction rolled back its incident number and its audit link with it.
    const next = await createAs<IncidentDto>("cashier", { ...body, rrn: "000000112000" });
    const numberOf = (reference: string) => Number(reference.replace("INC-", ""));
    expect(numberOf(next.body.reference)).toBe(numberOf(responses[0].body.reference) + 1);
  });

  test("a retry answers with the first response even after the terminal was taken out of service", async () => {
    const headers = { "Idempotency-Key": "terminal-retired-meanwhile" };
    const payload = { ...body, terminalId: "T1000002", rrn: "000000112111" };
    const first = await createAs<IncidentDto>("cashier", payload, headers);
    expect(first.status).toBe(201);
    await prisma.terminal.updateMany({ where: { tid: "T1000002" }, data: { active: false } });
    try {
      const retry = await createAs<IncidentDto>("cashier", payload, headers);
      expect(retry.status).toBe(201);
      expect(retry.body).toEqual(first.body);
      const fresh = await createAs<ApiError>("cashier", { ...payload, rrn: "000000112222" });
      expect(fresh.status).toBe(422);
      expect(fresh.body.error.fields).toHaveProperty("terminalId");
    } finally {
      await prisma.terminal.updateMany({ where: { tid: "T1000002" }, data: { active: true } });
    }
  });
});
