// Bad input answers 400 with the offending field named, never a 500; no session answers 401.
import { describe, expect, test } from "vitest";
import { POST as createRoute, GET as listRoute } from "@/app/api/incidents/route";
import { prisma } from "@/lib/db/client";
import { jsonRequest, sessionCookie } from "@/tests/helpers/api";
import {
  type ApiError,
  type ApiResult,
  closeAs,
  closedIncident,
  createAs,
  getAs,
  listAs,
  logIncident,
  reopenAs,
  stepAs,
} from "@/tests/helpers/incidents";

const valid = { kind: "wrong_amount", terminalId: "T1000001", amount: "12.00" };

function expectFieldError(response: ApiResult<unknown>, field: string) {
  expect(response.status).toBe(400);
  const { error } = response.body as ApiError;
  expect(error.code).toBe("BAD_REQUEST");
  expect(error.fields).toHaveProperty(field);
  expect(JSON.stringify(response.body)).not.toMatch(/\bat .+\.(ts|js):\d+/);
}

async function rawCreate(body: string, contentType = "application/json") {
  const cookie = await sessionCookie("cashier");
  const response = await createRoute(
    new Request("http://localhost/api/incidents", {
      method: "POST",
      headers: { cookie, "content-type": contentType },
      body,
    }),
    {},
  );
  return { status: response.status, headers: response.headers, body: (await response.json()) as unknown };
}

describe("creating with bad input", () => {
  test("invalid JSON answers 400 naming the body", async () => {
    expectFieldError(await rawCreate('{"kind": "wrong_amount",'), "body");
  });

  test.each([
    ["an empty body", ""],
    ["an array", "[]"],
    ["a string", '"wrong_amount"'],
    ["null", "null"],
  ])("%s answers 400", async (_, body) => {
    expectFieldError(await rawCreate(body), "body");
  });

  test("an unknown key answers 400 naming it", async () => {
    expectFieldError(await createAs("cashier", { ...valid, tip: "5.00" }), "tip");
  });

  test.each(["cvv", "CVV2", "cvn", "pin", "pinBlock", "track1", "track2", "trackData", "cardNumber"])(
    "a %s key answers 400 naming it, and nothing is stored",
    async (key) => {
      const before = await prisma.incident.count();
      const response = await createAs("cashier", { ...valid, [key]: "123" });
      expectFieldError(response, key);
      expect(await prisma.incident.count()).toBe(before);
    },
  );

  test("a card-data key nested deeper is found too", async () => {
    expectFieldError(await createAs("cashier", { ...valid, extra: { card: { pin: "1234" } } }), "extra.card.pin");
  });

  test.each([
    ["zero", "0"],
    ["zero with decimals", "0.00"],
    ["negative", "-5.00"],
    ["three decimals", "1.005"],
    ["above the limit", "10000000.01"],
    ["far above the limit", "99999999999"],
    ["not a number", "twelve"],
    ["exponent notation", "1e3"],
    ["a comma", "1,000.00"],
    ["empty", ""],
  ])("an amount that is %s answers 400", async (_, amount) => {
    expectFieldError(await createAs("cashier", { ...valid, amount }), "amount");
  });

  test("an amount sent as a JSON number answers 400", async () => {
    expectFieldError(await createAs("cashier", { ...valid, amount: 12.5 }), "amount");
  });

  test("the largest amount and the smallest are accepted", async () => {
    const largest = await createAs("cashier", { ...valid, amount: "10000000.00" });
    expect(largest.status).toBe(201);
    expect(largest.body.amount).toBe("10000000.00");
    const smallest = await createAs("cashier", { ...valid, amount: "0.01" });
    expect(smallest.body.amount).toBe("0.01");
    const stored = await prisma.incident.findUniqueOrThrow({ where: { id: largest.body.id } });
    expect(stored.amountMinor).toBe(1_000_000_000);
  });

  test.each(["62284", "6228480", "62284a", " 622848"])("cardBin %j answers 400", async (cardBin) => {
    expectFieldError(await createAs("cashier", { ...valid, cardBin }), "cardBin");
  });

  test.each(["123", "12345", "12a4"])("cardLast4 %j answers 400", async (cardLast4) => {
    expectFieldError(await createAs("cashier", { ...valid, cardLast4 }), "cardLast4");
  });

  test.each([
    ["rrn", "12345678901"],
    ["rrn", "1234567890123"],
    ["authCode", "12-456"],
    ["traceNo", "12345"],
    ["batchNo", "1234567"],
    ["currency", "cny"],
    ["occurredAt", "yesterday"],
    ["kind", "lost_card"],
    ["terminalId", "T1"],
  ])("%s %j answers 400", async (field, value) => {
    expectFieldError(await createAs("cashier", { ...valid, [field]: value }), field);
  });

  test("a missing kind and terminal are both named", async () => {
    const response = await createAs<ApiError>("cashier", { amount: "1.00" });
    expect(response.status).toBe(400);
    expect(Object.keys(response.body.error.fields ?? {})).toEqual(expect.arrayContaining(["kind", "terminalId"]));
  });

  test("an occurredAt in the future answers 400", async () => {
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString();
    expectFieldError(await createAs("cashier", { ...valid, occurredAt: tomorrow }), "occurredAt");
  });

  test("a description over 2000 characters answers 400", async () => {
    expectFieldError(await createAs("cashier", { ...valid, description: "x".repeat(2001) }), "description");
  });
});

describe("changing with bad input", () => {
  test("a step action without a version answers 400 naming it", async () => {
    const incident = await logIncident();
    expectFieldError(await stepAs("admin", incident.id, "halt", { action: "complete" }), "version");
  });

  test("an unknown action answers 400 naming it", async () => {
    const incident = await logIncident();
    expectFieldError(await stepAs("admin", incident.id, "halt", { action: "undo", version: 1 }), "action");
  });

  test("a card-data key in a step body answers 400", async () => {
    const incident = await logIncident();
    expectFieldError(await stepAs("admin", incident.id, "halt", { action: "complete", version: 1, cvv: "123" }), "cvv");
  });

  test("an unknown contact method answers 400", async () => {
    const incident = await logIncident({ kind: "unsigned_slip" });
    expectFieldError(
      await stepAs("admin", incident.id, "halt", { action: "complete", contactMethod: "email", version: 1 }),
      "contactMethod",
    );
  });

  test("a non-integer version answers 400", async () => {
    const incident = await logIncident();
    expectFieldError(await closeAs("admin", incident.id, { resolution: "voided", version: "1" }), "version");
    expectFieldError(await reopenAs("admin", incident.id, { note: "x", version: 1.5 }), "version");
  });

  test("an unknown key in close and reopen bodies answers 400", async () => {
    const incident = await closedIncident({ kind: "pin_error" });
    expectFieldError(
      await reopenAs("admin", incident.id, { note: "x", version: incident.version, status: "OPEN" }),
      "status",
    );
    const open = await logIncident();
    expectFieldError(await closeAs("admin", open.id, { resolution: "voided", version: 1, force: true }), "force");
  });
});

describe("listing with bad input", () => {
  test.each([
    ["status", "PENDING"],
    ["kind", "lost_card"],
    ["overdue", "yes"],
    ["from", "15/01/2026"],
    ["limit", "0"],
    ["limit", "1000"],
    ["sort", "amount"],
  ])("%s=%s answers 400", async (field, value) => {
    expectFieldError(await listAs("admin", { [field]: value }), field);
  });
});

describe("without a session", () => {
  test("every incident route answers 401", async () => {
    const incident = await logIncident();
    const responses = await Promise.all([
      listAs<ApiError>(null),
      createAs<ApiError>(null, valid),
      getAs<ApiError>(null, incident.id),
      stepAs<ApiError>(null, incident.id, "halt", { action: "complete", version: 1 }),
      closeAs<ApiError>(null, incident.id, { resolution: "voided", version: 1 }),
      reopenAs<ApiError>(null, incident.id, { note: "x", version: 1 }),
    ]);
    for (const response of responses) {
      expect(response.status).toBe(401);
      expect(response.body.error.code).toBe("UNAUTHENTICATED");
    }
  });

  test("a forged session cookie answers 401", async () => {
    const response = await listRoute(
      jsonRequest("/api/incidents", { cookie: "better-auth.session_token=forged.value" }),
      {},
    );
    expect(response.status).toBe(401);
  });

  test("a cross-site POST with a session answers 403 and creates nothing", async () => {
    const before = await prisma.incident.count();
    const response = await createRoute(
      jsonRequest("/api/incidents", {
        method: "POST",
        cookie: await sessionCookie("cashier"),
        body: valid,
        headers: { origin: "https://evil.example", host: "localhost" },
      }),
      {},
    );
    expect(response.status).toBe(403);
    expect(await prisma.incident.count()).toBe(before);
  });
});
