// API errors answer in the caller's language: the locale cookie first, else Accept-Language, else
// English. Each answer also carries a stable reason and its parameters, whatever the language.
import { describe, expect, test } from "vitest";
import { POST as closeRoute } from "@/app/api/incidents/[id]/close/route";
import { POST as stepRoute } from "@/app/api/incidents/[id]/steps/[key]/route";
import { POST as createRoute, GET as listRoute } from "@/app/api/incidents/route";
import { LOCALE_COOKIE } from "@/lib/i18n/locales";
import { errorSchema } from "@/lib/schemas/incident";
import { jsonRequest, params, sessionCookie } from "@/tests/helpers/api";
import { CLOSE_OUTCOME, logIncident } from "@/tests/helpers/incidents";

interface ErrorBody {
  error: { code: string; reason: string; params?: Record<string, unknown>; message: string };
}

const HAN = /\p{Script=Han}/u;
const LATIN_WORD = /[A-Za-z]{3,}/;

/** How the caller says which language it reads. */
const ASKS = {
  "Accept-Language: zh-CN": { headers: { "accept-language": "zh-CN,zh;q=0.9,en;q=0.8" }, cookie: "" },
  "the zh-CN locale cookie (browser in English)": {
    headers: { "accept-language": "en-US,en;q=0.9" },
    cookie: `${LOCALE_COOKIE}=zh-CN`,
  },
} as const;

const ENGLISH = {
  "no language asked": { headers: {}, cookie: "" },
  "Accept-Language: en-US": { headers: { "accept-language": "en-US" }, cookie: "" },
  "the en locale cookie (browser in Chinese)": {
    headers: { "accept-language": "zh-CN" },
    cookie: `${LOCALE_COOKIE}=en`,
  },
} as const;

type Ask = { headers: Record<string, string>; cookie: string };

function withCookies(...cookies: (string | undefined)[]): string | undefined {
  const joined = cookies.filter(Boolean).join("; ");
  return joined || undefined;
}

async function stepOutOfOrder(ask: Ask) {
  const incident = await logIncident({ kind: "wrong_amount" });
  const request = jsonRequest(`/api/incidents/${incident.id}/steps/notify`, {
    method: "POST",
    cookie: withCookies(await sessionCookie("admin"), ask.cookie),
    headers: ask.headers,
    body: { action: "complete", version: incident.version },
  });
  const response = await stepRoute(request, params({ id: incident.id, key: "notify" }));
  return { status: response.status, body: (await response.json()) as ErrorBody };
}

async function cashierCloses(ask: Ask) {
  const incident = await logIncident({ kind: "pin_error" });
  const request = jsonRequest(`/api/incidents/${incident.id}/close`, {
    method: "POST",
    cookie: withCookies(await sessionCookie("cashier"), ask.cookie),
    headers: ask.headers,
    body: { ...CLOSE_OUTCOME, resolution: "no_loss", version: incident.version },
  });
  const response = await closeRoute(request, params({ id: incident.id }));
  return { status: response.status, body: (await response.json()) as ErrorBody };
}

async function signedOutList(ask: Ask) {
  const request = jsonRequest("/api/incidents", { cookie: withCookies(ask.cookie), headers: ask.headers });
  const response = await listRoute(request, {});
  return {
    status: response.status,
    language: response.headers.get("content-language"),
    body: (await response.json()) as ErrorBody,
  };
}

describe.each(Object.entries(ASKS))("asked in Chinese through %s", (_how, ask) => {
  test("a step out of order answers 422 in Chinese, naming the steps", async () => {
    const { status, body } = await stepOutOfOrder(ask);
    expect(status).toBe(422);
    expect(body.error.message).toMatch(HAN);
    expect(body.error.message).not.toMatch(/Steps go in order/);
    expect(body.error).toMatchObject({
      code: "RULE_VIOLATION",
      reason: "STEP_OUT_OF_ORDER",
      params: { next: "halt", step: "notify" },
    });
  });

  test("a role that may not close answers 403 in Chinese", async () => {
    const { status, body } = await cashierCloses(ask);
    expect(status).toBe(403);
    expect(body.error.message).toMatch(HAN);
    expect(body.error.message).not.toMatch(LATIN_WORD);
    expect(body.error).toMatchObject({ code: "FORBIDDEN", reason: "ROLE_CANNOT_CLOSE" });
  });

  test("no session answers 401 in Chinese", async () => {
    const { status, body } = await signedOutList(ask);
    expect(status).toBe(401);
    expect(body.error.message).toMatch(HAN);
    expect(body.error.message).not.toMatch(LATIN_WORD);
    expect(body.error).toMatchObject({ code: "UNAUTHENTICATED", reason: "SIGN_IN_REQUIRED" });
    expect((await signedOutList(ask)).language).toBe("zh-CN");
  });
});

describe.each(Object.entries(ENGLISH))("with %s", (_how, ask) => {
  test("the same refusals answer in English", async () => {
    const outOfOrder = await stepOutOfOrder(ask);
    expect(outOfOrder.status).toBe(422);
    expect(outOfOrder.body.error.reason).toBe("STEP_OUT_OF_ORDER");
    expect(outOfOrder.body.error.message).toMatch(/halt/i);
    expect(outOfOrder.body.error.message).toMatch(/notify/i);
    const forbidden = await cashierCloses(ask);
    expect(forbidden.status).toBe(403);
    const signedOut = await signedOutList(ask);
    expect(signedOut.status).toBe(401);
    for (const { body } of [outOfOrder, forbidden, signedOut]) {
      // The shape the OpenAPI document promises.
      expect(errorSchema.safeParse(body).success, JSON.stringify(body)).toBe(true);
      expect(body.error.message).not.toMatch(HAN);
      expect(body.error.message).toMatch(LATIN_WORD);
    }
  });
});

describe("field errors", () => {
  async function badSlip(ask: Ask) {
    const request = jsonRequest("/api/incidents", {
      method: "POST",
      cookie: withCookies(await sessionCookie("cashier"), ask.cookie),
      headers: ask.headers,
      body: { kind: "wrong_amount", terminalId: "T1000001", amount: "0", cardLast4: "12a4", note: "x" },
    });
    const response = await createRoute(request, {});
    return {
      status: response.status,
      body: (await response.json()) as ErrorBody & {
        error: { fields: Record<string, string>; fieldReasons: Record<string, { reason: string }> };
      },
    };
  }

  test("name each field with a reason, and word it in the caller's language", async () => {
    const chinese = await badSlip(ASKS["Accept-Language: zh-CN"]);
    expect(chinese.status).toBe(400);
    expect(chinese.body.error.fieldReasons).toEqual({
      amount: { reason: "AMOUNT_NOT_POSITIVE", params: {} },
      cardLast4: { reason: "INVALID_FORMAT", params: { field: "cardLast4" } },
      note: { reason: "UNKNOWN_FIELD", params: {} },
    });
    expect(chinese.body.error.fields).toEqual({
      amount: "金额须大于 0。",
      cardLast4: "卡号后四位须为 4 位数字。",
      note: "未知字段。",
    });
    expect(errorSchema.safeParse(chinese.body).success).toBe(true);
    const english = await badSlip(ENGLISH["no language asked"]);
    expect(english.body.error.fieldReasons).toEqual(chinese.body.error.fieldReasons);
    expect(english.body.error.fields).toEqual({
      amount: "Amount must be greater than 0.",
      cardLast4: "Card last 4 must be exactly 4 digits.",
      note: "Unknown field.",
    });
  });
});
