// Bad input answers 400 with the offending field named, never a 500; no session answers 401.
import { describe, expect, test } from "vitest";
import { GET as calendarRoute } from "@/app/api/admin/calendar/route";
import { PATCH as renameStoreRoute } from "@/app/api/admin/stores/[id]/route";
import { POST as createStoreRoute } from "@/app/api/admin/stores/route";
import { POST as deactivateTerminalRoute } from "@/app/api/admin/terminals/[id]/deactivate/route";
import { POST as moveTerminalRoute } from "@/app/api/admin/terminals/[id]/move/route";
import { POST as reactivateTerminalRoute } from "@/app/api/admin/terminals/[id]/reactivate/route";
import { POST as addTerminalRoute } from "@/app/api/admin/terminals/route";
import { POST as deactivateUserRoute } from "@/app/api/admin/users/[id]/deactivate/route";
import { POST as reactivateUserRoute } from "@/app/api/admin/users/[id]/reactivate/route";
import { PATCH as changeUserAccessRoute } from "@/app/api/admin/users/[id]/route";
import { POST as unlockUserRoute } from "@/app/api/admin/users/[id]/unlock/route";
import { POST as createUserRoute } from "@/app/api/admin/users/route";
import { GET as alertsRoute } from "@/app/api/alerts/route";
import { GET as auditCsvRoute } from "@/app/api/audit/export.csv/route";
import { POST as signInRoute } from "@/app/api/auth/sign-in/route";
import { POST as signOutRoute } from "@/app/api/auth/sign-out/route";
import { GET as dashboardRoute } from "@/app/api/dashboard/route";
import { GET as financeQueueRoute } from "@/app/api/finance/queue.csv/route";
import { POST as closeRoute } from "@/app/api/incidents/[id]/close/route";
import { POST as reopenRoute } from "@/app/api/incidents/[id]/reopen/route";
import { POST as stepRoute } from "@/app/api/incidents/[id]/steps/[key]/route";
import { POST as createRoute, GET as listRoute } from "@/app/api/incidents/route";
import { GET as preventionRoute } from "@/app/api/prevention-actions/route";
import { GET as exceptionsRoute } from "@/app/api/reconciliation/exceptions/route";
import { GET as exceptionsCsvRoute } from "@/app/api/reconciliation/exceptions.csv/route";
import { GET as summaryRoute } from "@/app/api/reconciliation/summary/route";
import { GET as trainingRoute } from "@/app/api/training/route";
import { prisma } from "@/lib/db/client";
import { env } from "@/lib/env";
import { jsonRequest, params, sessionCookie } from "@/tests/helpers/api";
import {
  type ApiError,
  type ApiResult,
  CLOSE_OUTCOME,
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
    expectFieldError(
      await closeAs("admin", incident.id, { ...CLOSE_OUTCOME, resolution: "voided", version: "1" }),
      "version",
    );
    expectFieldError(await reopenAs("admin", incident.id, { note: "x", version: 1.5 }), "version");
  });

  test("an unknown key in close and reopen bodies answers 400", async () => {
    const incident = await closedIncident({ kind: "pin_error" });
    expectFieldError(
      await reopenAs("admin", incident.id, { note: "x", version: incident.version, status: "OPEN" }),
      "status",
    );
    const open = await logIncident();
    expectFieldError(
      await closeAs("admin", open.id, { ...CLOSE_OUTCOME, resolution: "voided", version: 1, force: true }),
      "force",
    );
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
      closeAs<ApiError>(null, incident.id, { ...CLOSE_OUTCOME, resolution: "voided", version: 1 }),
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

// ---- Hostile input found by fuzzing (issue 6): each answers a 4xx in the usual error shape ----

type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;

/** Every state-changing route, with a body it would accept, so only the hostile part differs. */
const WRITE_ROUTES: { name: string; path: string; method: string; handler: Handler; body?: unknown }[] = [
  {
    name: "sign-in",
    path: "/api/auth/sign-in",
    method: "POST",
    handler: signInRoute,
    body: { email: "fuzz-nobody@demo.test", password: "wrong-password" },
  },
  { name: "sign-out", path: "/api/auth/sign-out", method: "POST", handler: signOutRoute },
  { name: "create incident", path: "/api/incidents", method: "POST", handler: createRoute, body: valid },
  {
    name: "step",
    path: "/api/incidents/x/steps/halt",
    method: "POST",
    handler: stepRoute as Handler,
    body: { action: "complete", version: 1 },
  },
  {
    name: "close",
    path: "/api/incidents/x/close",
    method: "POST",
    handler: closeRoute as Handler,
    body: { ...CLOSE_OUTCOME, resolution: "voided", version: 1 },
  },
  {
    name: "reopen",
    path: "/api/incidents/x/reopen",
    method: "POST",
    handler: reopenRoute as Handler,
    body: { note: "x", version: 1 },
  },
  { name: "create store", path: "/api/admin/stores", method: "POST", handler: createStoreRoute, body: { name: "S" } },
  {
    name: "rename store",
    path: "/api/admin/stores/x",
    method: "PATCH",
    handler: renameStoreRoute as Handler,
    body: { name: "S" },
  },
  {
    name: "add terminal",
    path: "/api/admin/terminals",
    method: "POST",
    handler: addTerminalRoute,
    body: { storeId: "x", tid: "T9999999" },
  },
  {
    name: "move terminal",
    path: "/api/admin/terminals/x/move",
    method: "POST",
    handler: moveTerminalRoute as Handler,
    body: { storeId: "x" },
  },
  {
    name: "deactivate terminal",
    path: "/api/admin/terminals/x/deactivate",
    method: "POST",
    handler: deactivateTerminalRoute as Handler,
  },
  {
    name: "reactivate terminal",
    path: "/api/admin/terminals/x/reactivate",
    method: "POST",
    handler: reactivateTerminalRoute as Handler,
  },
  {
    name: "create user",
    path: "/api/admin/users",
    method: "POST",
    handler: createUserRoute,
    body: { email: "u@demo.test", name: "U", password: "long-enough-password", role: "finance" },
  },
  {
    name: "change user access",
    path: "/api/admin/users/x",
    method: "PATCH",
    handler: changeUserAccessRoute as Handler,
    body: { role: "finance" },
  },
  {
    name: "deactivate user",
    path: "/api/admin/users/x/deactivate",
    method: "POST",
    handler: deactivateUserRoute as Handler,
  },
  {
    name: "reactivate user",
    path: "/api/admin/users/x/reactivate",
    method: "POST",
    handler: reactivateUserRoute as Handler,
  },
  { name: "unlock user", path: "/api/admin/users/x/unlock", method: "POST", handler: unlockUserRoute as Handler },
];

async function callRoute(
  route: (typeof WRITE_ROUTES)[number],
  { cookie, headers = {}, body }: { cookie?: string; headers?: Record<string, string>; body?: BodyInit } = {},
) {
  const request = new Request(`http://localhost${route.path}`, {
    method: route.method,
    headers: { "content-type": "application/json", host: "localhost", ...(cookie ? { cookie } : {}), ...headers },
    body: body ?? (route.body === undefined ? undefined : JSON.stringify(route.body)),
    // A stream body needs half duplex.
    ...(body instanceof ReadableStream ? { duplex: "half" } : {}),
  } as RequestInit);
  const response = await route.handler(request, params({ id: "x", key: "halt" }));
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    text,
    body: (text ? JSON.parse(text) : null) as unknown,
  };
}

describe("a garbage Origin header", () => {
  for (const origin of ["null", "::::", "http://", "https://", "not a url", "http://[::1", "file:///etc/passwd"]) {
    test.each([
      ["anonymous", null],
      ["signed in as admin", "admin"],
    ] as const)(`Origin ${JSON.stringify(origin)} on every write route, %s, answers 403 FORBIDDEN`, async (_, user) => {
      const cookie = user ? await sessionCookie(user) : undefined;
      for (const route of WRITE_ROUTES) {
        const response = await callRoute(route, { cookie, headers: { origin } });
        expect(response.status, `${route.name}: ${response.text}`).toBe(403);
        expect((response.body as ApiError).error.code, route.name).toBe("FORBIDDEN");
      }
    });
  }

  test("a same-site Origin still passes the check", async () => {
    const response = await createAs("cashier", valid, { origin: "http://localhost", host: "localhost" });
    expect(response.status).toBe(201);
  });
});

describe("JSON nested deeper than any body needs", () => {
  function nested(depth: number): string {
    return `${'{"a":'.repeat(depth)}1${"}".repeat(depth)}`;
  }

  test.each([3_000, 100_000])("%i levels in an unknown key answer 400 naming the body", async (depth) => {
    const response = await rawCreate(`{"kind":"wrong_amount","terminalId":"T1000001","extra":${nested(depth)}}`);
    expectFieldError(response, "body");
  });

  test("deep arrays answer 400 too", async () => {
    const depth = 5_000;
    expectFieldError(await rawCreate(`{"extra":${"[".repeat(depth)}${"]".repeat(depth)}}`), "body");
  });

  test("a card-data key nested at a reasonable depth is still found", async () => {
    expectFieldError(await rawCreate(`{"extra":{"a":{"b":{"c":{"cvv":"123"}}}}}`), "extra.a.b.c.cvv");
  });
});

describe("a lone UTF-16 surrogate or a NUL character in a text field", () => {
  const incidentTexts = ["description", "terminalId", "rrn", "currency", "authCode", "cardBin", "occurredAt"];
  for (const bad of ["\ud800", "\udfff", "a\u0000b"]) {
    test.each(incidentTexts)(`${JSON.stringify(bad)} in %s answers 400 naming the field`, async (field) => {
      expectFieldError(await createAs("cashier", { ...valid, [field]: `x${bad}` }), field);
    });
  }

  test("in a step note, a close note and a reopen note", async () => {
    const incident = await logIncident();
    expectFieldError(
      await stepAs("admin", incident.id, "halt", { action: "complete", version: 1, note: "\ud800" }),
      "note",
    );
    expectFieldError(
      await closeAs("admin", incident.id, { ...CLOSE_OUTCOME, resolution: "voided", version: 1, note: "\ud800" }),
      "note",
    );
    expectFieldError(await reopenAs("admin", incident.id, { version: 1, note: "\udc00" }), "note");
  });

  test("in a key answers 400 naming the body", async () => {
    expectFieldError(await createAs("cashier", { ...valid, "\ud800": "1" }), "body");
  });

  test("a well-formed surrogate pair (an emoji) is accepted", async () => {
    const response = await createAs("cashier", { ...valid, description: "Customer 😀 happy" });
    expect(response.status).toBe(201);
  });

  test.each(WRITE_ROUTES.filter((route) => route.body !== undefined).map((route) => [route.name, route] as const))(
    "in every field of the %s body, signed in as admin, answers 400",
    async (_, route) => {
      const cookie = await sessionCookie("admin");
      for (const field of Object.keys(route.body as object)) {
        const body = JSON.stringify({ ...(route.body as object), [field]: "\ud800" });
        const response = await callRoute(route, { cookie, body });
        expect(response.status, `${route.name}.${field}: ${response.text}`).toBe(400);
        expect((response.body as ApiError).error.fields, `${route.name}.${field}`).toHaveProperty(field);
      }
    },
  );
});

describe("the body-size limit", () => {
  const limit = 1024 * 1024;

  test("defaults to 1 MB", () => {
    expect(env.API_JSON_BODY_LIMIT_BYTES).toBe(limit);
  });

  test("a Content-Length over the limit answers 413 before the body is read", async () => {
    let pulled = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled++;
        // Three times the limit, should anybody read it all.
        if (pulled * 64 * 1024 > limit * 3) controller.close();
        else controller.enqueue(new TextEncoder().encode(" ".repeat(64 * 1024)));
      },
    });
    const route = WRITE_ROUTES[2];
    const response = await callRoute(route, {
      cookie: await sessionCookie("cashier"),
      headers: { "content-length": String(limit + 1) },
      body,
    });
    expect(response.status).toBe(413);
    expect((response.body as ApiError).error.code).toBe("PAYLOAD_TOO_LARGE");
    // The stream may be primed once, but never read to the end.
    expect(pulled).toBeLessThanOrEqual(2);
  });

  test("a chunked body that grows past the limit answers 413 without being read to the end", async () => {
    let sent = 0;
    const chunk = new TextEncoder().encode(`"k${"x".repeat(64 * 1024)}":1,`);
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode("{"));
      },
      pull(controller) {
        sent += chunk.byteLength;
        // Three times the limit, should anybody read it all.
        if (sent > limit * 3) controller.close();
        else controller.enqueue(chunk);
      },
    });
    const response = await callRoute(WRITE_ROUTES[2], { cookie: await sessionCookie("cashier"), body });
    expect(response.status).toBe(413);
    expect((response.body as ApiError).error.code).toBe("PAYLOAD_TOO_LARGE");
    expect(sent).toBeLessThan(limit * 2);
  });

  test("a body just under the limit is read and validated", async () => {
    const description = "x".repeat(limit - 200);
    const response = await createAs("cashier", { ...valid, description });
    expectFieldError(response, "description");
  });

  test("sign-in refuses an oversized body with 413 too", async () => {
    const response = await callRoute(WRITE_ROUTES[0], {
      body: JSON.stringify({ email: "x@demo.test", password: "p".repeat(limit) }),
    });
    expect(response.status).toBe(413);
  });
});

describe("an error answer lists only a few unknown fields", () => {
  test("a body of many unknown keys answers 400 with the first five and how many more", async () => {
    const body: Record<string, unknown> = { ...valid };
    for (let index = 0; index < 20_000; index++) body[`unknown${index}`] = 1;
    const response = await createAs<ApiError>("cashier", body);
    expect(response.status).toBe(400);
    const fields = response.body.error.fields ?? {};
    expect(Object.keys(fields)).toEqual(["unknown0", "unknown1", "unknown2", "unknown3", "unknown4", "…"]);
    expect(fields["…"]).toBe("And 19995 more unknown fields.");
    expect(JSON.stringify(response.body).length).toBeLessThan(1_000);
  });
});

describe("a query parameter given twice", () => {
  // Before, the last one won without a word: `from=…&from=…` read a range the caller never meant.
  const GETS: [string, (request: Request, context: never) => Promise<Response>, string][] = [
    ["/api/incidents", listRoute, "status=OPEN&status=CLOSED"],
    ["/api/alerts", alertsRoute, "status=open&status=done"],
    ["/api/training", trainingRoute, "cursor=a&cursor=b"],
    ["/api/prevention-actions", preventionRoute, "status=open&status=done"],
    ["/api/finance/queue.csv", financeQueueRoute, "olderThanDays=2&olderThanDays=3"],
    ["/api/audit/export.csv", auditCsvRoute, "from=2026-10-01&from=2026-10-02"],
    ["/api/dashboard", dashboardRoute, "from=2026-10-01&from=2026-10-02"],
    ["/api/admin/calendar", calendarRoute, "year=2026&year=2027"],
    ["/api/reconciliation/summary", summaryRoute, "from=2026-10-01&from=2026-10-02"],
    ["/api/reconciliation/exceptions", exceptionsRoute, "to=2026-10-01&to=2026-10-02"],
    ["/api/reconciliation/exceptions.csv", exceptionsCsvRoute, "category=pos_only&category=duplicate"],
  ];

  test.each(GETS)("%s answers 400 naming it", async (path, route, query) => {
    const cookie = await sessionCookie("admin");
    const response = await route(jsonRequest(`${path}?${query}`, { cookie }), {} as never);
    const body = (await response.json()) as ApiError;
    expect(response.status).toBe(400);
    const field = query.slice(0, query.indexOf("="));
    expect(body.error.fields).toEqual({ [field]: "Given more than once: give it once." });
    expect(body.error.message).toContain(field);
  });

  test("the dashboard's storeId may repeat (a choice of several stores)", async () => {
    const cookie = await sessionCookie("admin");
    const stores = await prisma.store.findMany({ select: { id: true }, take: 2 });
    const query = stores.map((store) => `storeId=${store.id}`).join("&");
    const response = await dashboardRoute(jsonRequest(`/api/dashboard?${query}`, { cookie }), {} as never);
    expect(response.status).toBe(200);
  });
});
