// The alert webhook's API (issue 10) as an admin and as everyone else, without
// WEBHOOK_ALLOW_PRIVATE: internal addresses refused with 422 naming `url` (literals, numeric
// tricks, names that resolve to loopback), a public address saved with a signing secret — new when
// the URL changes or a rotation is asked, the same otherwise — each change audited without the
// secret, the secret never in GET, DELETE audited, the test delivery queued, every other role
// refused, and no body whatever answers 5xx.
import fc from "fast-check";
import { beforeAll, describe, expect, test } from "vitest";
import {
  DELETE as deleteWebhookRoute,
  GET as getWebhookRoute,
  PUT as putWebhookRoute,
} from "@/app/api/alerts/webhook/route";
import { POST as testWebhookRoute } from "@/app/api/alerts/webhook/test/route";
import { prisma } from "@/lib/db/client";
import type { WebhookSavedDto, WebhookStatusDto } from "@/lib/webhooks/schemas";
import { type DemoUser, jsonRequest, params, sessionCookie } from "@/tests/helpers/api";

type Handler = (request: Request, context: { params: Promise<Record<string, never>> }) => Promise<Response>;

async function call(
  handler: Handler,
  user: DemoUser | null,
  method: string,
  body?: unknown,
  path = "/api/alerts/webhook",
) {
  const cookie = user ? await sessionCookie(user) : undefined;
  const response = await handler(jsonRequest(path, { method, body, cookie }), params({}));
  const text = await response.text();
  return { status: response.status, text, body: text ? JSON.parse(text) : null };
}

const put = (body: unknown, user: DemoUser = "admin") => call(putWebhookRoute, user, "PUT", body);
const get = (user: DemoUser = "admin") => call(getWebhookRoute, user, "GET");
const remove = (user: DemoUser = "admin") => call(deleteWebhookRoute, user, "DELETE");
const sendTest = (user: DemoUser = "admin") =>
  call(testWebhookRoute, user, "POST", undefined, "/api/alerts/webhook/test");

// A public address literal: saved without any DNS (this machine has none); never contacted here.
const PUBLIC_URL = "https://93.184.216.34/hooks/slipcase";

async function webhookEvents() {
  return prisma.auditEvent.findMany({ where: { type: { startsWith: "webhook." } }, orderBy: { seq: "asc" } });
}

beforeAll(async () => {
  await prisma.webhookEndpoint.deleteMany({});
});

describe("PUT /api/alerts/webhook refuses internal addresses", () => {
  test.each([
    "http://127.0.0.1/",
    "http://[::1]/",
    "http://10.0.0.5/",
    "http://2130706433/",
    "http://0x7f.1/",
    "http://169.254.169.254/latest/meta-data/",
    "http://[::ffff:192.168.0.1]/",
    "http://100.64.1.1/",
    "http://localhost:3000/",
  ])("%s → 422 naming url, nothing saved", async (url) => {
    const response = await put({ url });
    expect(response.status).toBe(422);
    expect(response.body.error).toMatchObject({ code: "RULE_VIOLATION", reason: "WEBHOOK_URL_PRIVATE_ADDRESS" });
    expect(Object.keys(response.body.error.fields)).toEqual(["url"]);
    expect(await prisma.webhookEndpoint.count()).toBe(0);
  });

  test.each([
    ["ftp://example.com/", 422, "WEBHOOK_URL_SCHEME"],
    ["https://user:secret@example.com/", 422, "WEBHOOK_URL_CREDENTIALS"],
    ["https://no-such-host.invalid/", 422, "WEBHOOK_URL_UNRESOLVED"],
    ["hooks.example.com", 400, "WEBHOOK_URL_INVALID"],
  ])("%s → %i %s", async (url, status, reason) => {
    const response = await put({ url });
    expect(response.status).toBe(status);
    expect(response.body.error.reason).toBe(reason);
    expect(response.body.error.fields).toHaveProperty("url");
  });

  test("a missing URL, a wrong type or an unknown field is a 400 naming it", async () => {
    expect((await put({})).body.error.fields).toHaveProperty("url");
    expect((await put({ url: 42 })).status).toBe(400);
    const unknown = await put({ url: PUBLIC_URL, secret: "whsec_mine" });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.fields).toHaveProperty("secret");
  });
});

describe("the admin sets, reads and removes the webhook", () => {
  test("saving answers the URL and a whsec_ secret; the same URL again keeps it; a rotation or a new URL makes another", async () => {
    const first = await put({ url: PUBLIC_URL });
    expect(first.status).toBe(200);
    const saved = first.body as WebhookSavedDto;
    expect(saved).toMatchObject({ url: PUBLIC_URL, secretRotated: true });
    expect(saved.secret).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/);

    const again = (await put({ url: PUBLIC_URL })).body as WebhookSavedDto;
    expect(again).toEqual({ url: PUBLIC_URL, secret: saved.secret, secretRotated: false });

    const rotated = (await put({ url: PUBLIC_URL, rotateSecret: true })).body as WebhookSavedDto;
    expect(rotated.secretRotated).toBe(true);
    expect(rotated.secret).not.toBe(saved.secret);

    const moved = (await put({ url: "https://93.184.216.34:8443/other" })).body as WebhookSavedDto;
    expect(moved.secret).not.toBe(rotated.secret);

    const events = await webhookEvents();
    expect(events.map((event) => event.type)).toEqual(["webhook.updated", "webhook.updated", "webhook.updated"]);
    expect(JSON.parse(events[0].after ?? "")).toMatchObject({ origin: "https://93.184.216.34", secretRotated: true });
    expect(JSON.parse(events[2].before ?? "")).toMatchObject({ origin: "https://93.184.216.34" });
    for (const event of events) {
      for (const secret of [saved.secret, rotated.secret, moved.secret]) {
        expect(`${event.before} ${event.after}`).not.toContain(secret);
        expect(`${event.before} ${event.after}`).not.toContain(secret.slice(6));
      }
      expect(`${event.before} ${event.after}`).not.toContain("/hooks/slipcase");
    }

    const status = await get();
    expect(status.status).toBe(200);
    expect((status.body as WebhookStatusDto).url).toBe("https://93.184.216.34:8443/other");
    expect(status.text).not.toContain("whsec_");
  });

  test("a test delivery is queued as webhook.test; the GET lists it with its (no) attempts", async () => {
    const queued = await sendTest();
    expect(queued.status).toBe(202);
    expect(queued.body.id).toMatch(/^msg_/);
    const delivery = await prisma.webhookDelivery.findUniqueOrThrow({ where: { id: queued.body.id } });
    expect(delivery).toMatchObject({ type: "webhook.test", status: "pending" });
    expect(JSON.parse(delivery.payload)).toMatchObject({ type: "webhook.test", data: {} });
    const listed = (await get()).body as WebhookStatusDto;
    expect(listed.deliveries[0]).toMatchObject({ id: queued.body.id, status: "pending", attempts: [] });
  });

  test("DELETE removes it (audited), fails what was waiting, and a second DELETE or a test is 404", async () => {
    const removed = await remove();
    expect(removed.status).toBe(204);
    expect((await get()).body.url).toBeNull();
    expect(await prisma.webhookDelivery.count({ where: { status: "pending" } })).toBe(0);
    const last = (await webhookEvents()).at(-1);
    expect(last?.type).toBe("webhook.removed");
    expect(JSON.parse(last?.before ?? "")).toMatchObject({ origin: "https://93.184.216.34:8443" });
    expect((await remove()).status).toBe(404);
    expect((await sendTest()).body.error.reason).toBe("WEBHOOK_NOT_CONFIGURED");
  });
});

describe("role scoping", () => {
  test.each(["supervisor", "cashier", "finance"] as const)(
    "%s gets 403 on every webhook route, and nothing changes",
    async (user) => {
      await put({ url: PUBLIC_URL });
      const before = await prisma.webhookEndpoint.findFirstOrThrow();
      for (const response of [
        await get(user),
        await put({ url: "https://8.8.8.8/x" }, user),
        await remove(user),
        await sendTest(user),
      ]) {
        expect(response.status).toBe(403);
        expect(response.body.error.reason).toBe("WEBHOOK_ADMIN_ONLY");
        expect(response.text).not.toContain(before.secret);
      }
      expect(await prisma.webhookEndpoint.findFirstOrThrow()).toEqual(before);
    },
  );

  test("without a session every route is 401", async () => {
    for (const response of [
      await call(getWebhookRoute, null, "GET"),
      await call(putWebhookRoute, null, "PUT", { url: PUBLIC_URL }),
      await call(deleteWebhookRoute, null, "DELETE"),
      await call(testWebhookRoute, null, "POST", undefined, "/api/alerts/webhook/test"),
    ]) {
      expect(response.status).toBe(401);
    }
  });
});

describe("fuzzed bodies", () => {
  test("no PUT body, however odd, answers 5xx, and every refusal says why", async () => {
    const url = fc.oneof(
      fc.webUrl({ withQueryParameters: true, withFragments: true }),
      fc.string(),
      fc.constantFrom(
        "http://[::]/",
        "http://0/",
        "https://[fe80::1%25eth0]/",
        "http://%zz/",
        "https://\u0000/",
        "http://1.2.3.4.5/",
      ),
      fc.ipV4().map((ip) => `http://${ip}/`),
      fc.ipV6().map((ip) => `https://[${ip}]/`),
      fc.nat().map((n) => `http://${n}/`),
    );
    const body = fc.oneof(
      fc.record({ url }, { requiredKeys: [] }),
      fc.record({ url, rotateSecret: fc.anything() }),
      fc.anything(),
    );
    await fc.assert(
      fc.asyncProperty(body, async (value) => {
        const response = await put(value);
        expect(response.status).toBeLessThan(500);
        if (response.status >= 400) expect(response.body.error.reason).toEqual(expect.any(String));
      }),
      { numRuns: 150 },
    );
  });
});
