// Issue 10: the admin's alert webhook on /alerts, delivered for real by the servers' own workers to
// a receiver this spec runs on 127.0.0.1 (the e2e servers run with WEBHOOK_ALLOW_PRIVATE=1; the
// refusal of internal addresses is tested in tests/integration/webhooks-api.test.ts). A URL that is
// not http(s) is refused beside its field; a saved one shows its signing secret once (gone after a
// reload, never in the API's GET); a test delivery arrives signed with that secret and is listed as
// delivered with its attempt; removal asks first. Once in Chinese without JavaScript (the form
// posts and the server renders the secret); a supervisor sees no webhook settings and the API
// refuses them. The webhook is the merchant's own, shared with the specs beside this one: each
// test removes it in `finally`, and the receiver counts only its own test deliveries.
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { APIRequestContext } from "@playwright/test";
import { Webhook } from "standardwebhooks";
import { expect, seriousAccessibilityViolations, test } from "./fixtures";

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

let server: Server;
let receiverUrl: string;
const received: Received[] = [];

test.beforeAll(async () => {
  server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      received.push({ headers: request.headers, body: Buffer.concat(chunks).toString("utf8") });
      response.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  receiverUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/slipcase-e2e`;
});

test.afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

async function removeWebhook(admin: APIRequestContext) {
  const removed = await admin.delete("/api/alerts/webhook");
  expect([204, 404]).toContain(removed.status());
}

const testDeliveries = () => received.filter((request) => JSON.parse(request.body).type === "webhook.test");

test("the admin sets the webhook, sees the secret once, and a signed test delivery arrives and is listed", async ({
  apiAs,
  pageAs,
}) => {
  const admin = await apiAs("admin");
  await removeWebhook(admin);
  try {
    const page = await pageAs("admin");
    await page.goto("/alerts");
    const settings = page.getByTestId("webhook-settings");
    await expect(settings.getByRole("heading", { name: "Alert webhook" })).toBeVisible();
    await expect(settings.getByTestId("webhook-current")).toHaveText(/No webhook is set up/);

    const address = settings.getByLabel("Webhook address");
    await address.fill("ftp://files.example.com/hook");
    await settings.getByRole("button", { name: "Save webhook" }).click();
    await expect(address).toHaveAttribute("aria-invalid", "true");
    await expect(settings.getByText(/must start with https:\/\/ or http:\/\//).first()).toBeVisible();
    expect((await (await admin.get("/api/alerts/webhook")).json()).url).toBeNull();

    await address.fill(receiverUrl);
    await settings.getByRole("button", { name: "Save webhook" }).click();
    const secretCode = settings.getByTestId("webhook-secret").locator("code");
    await expect(secretCode).toHaveText(/^whsec_[A-Za-z0-9+/]{32}$/);
    const secret = (await secretCode.textContent()) ?? "";
    await expect(settings.getByTestId("webhook-current")).toHaveText(`Alerts are sent to ${receiverUrl}`);
    const status = await admin.get("/api/alerts/webhook");
    expect(await status.text()).not.toContain(secret);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    await page.reload();
    await expect(settings.getByTestId("webhook-secret")).toHaveCount(0);
    await expect(page.getByText(secret)).toHaveCount(0);

    await settings.getByRole("button", { name: "Send a test delivery" }).click();
    await expect(settings.getByText("Test delivery queued.")).toBeVisible();
    await expect.poll(() => testDeliveries().length, { timeout: 15_000 }).toBe(1);
    const [delivery] = testDeliveries();
    const verified = new Webhook(secret).verify(delivery.body, {
      "webhook-id": String(delivery.headers["webhook-id"]),
      "webhook-timestamp": String(delivery.headers["webhook-timestamp"]),
      "webhook-signature": String(delivery.headers["webhook-signature"]),
    });
    expect(verified).toMatchObject({ type: "webhook.test" });

    await expect
      .poll(
        async () => {
          await page.reload();
          return settings.getByTestId("webhook-deliveries").locator("tr", { hasText: "webhook.test" }).textContent();
        },
        { timeout: 15_000 },
      )
      .toMatch(/Delivered[\s\S]*HTTP 204/);
    await expect(settings.getByTestId("webhook-deliveries")).toContainText(String(delivery.headers["webhook-id"]));
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    await settings.getByRole("button", { name: "Remove webhook" }).click();
    const dialog = page.getByRole("dialog", { name: "Remove the alert webhook?" });
    await dialog.getByRole("button", { name: "Remove" }).click();
    await expect(settings.getByTestId("webhook-current")).toHaveText(/No webhook is set up/);
    expect((await (await admin.get("/api/alerts/webhook")).json()).url).toBeNull();
    // exactly once, though both instances' workers were polling
    expect(testDeliveries()).toHaveLength(1);
  } finally {
    await removeWebhook(admin);
  }
});

test("in Chinese without JavaScript the form posts and the server shows the secret", async ({ apiAs, pageAs }) => {
  const admin = await apiAs("admin");
  await removeWebhook(admin);
  try {
    const page = await pageAs("admin", { locale: "zh-CN", javaScriptEnabled: false });
    await page.goto("/alerts");
    const settings = page.getByTestId("webhook-settings");
    await expect(settings.getByRole("heading", { name: "预警 Webhook" })).toBeVisible();
    await settings.getByLabel("Webhook 地址").fill(receiverUrl);
    await settings.getByRole("button", { name: "保存 Webhook" }).click();
    await expect(page.getByTestId("webhook-secret")).toContainText("签名密钥");
    await expect(page.getByTestId("webhook-secret").locator("code")).toHaveText(/^whsec_/);
    expect((await (await admin.get("/api/alerts/webhook")).json()).url).toBe(receiverUrl);
  } finally {
    await removeWebhook(admin);
  }
});

test("a supervisor sees no webhook settings and the API refuses them", async ({ apiAs, pageAs }) => {
  const page = await pageAs("supervisor");
  await page.goto("/alerts");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(page.getByTestId("webhook-settings")).toHaveCount(0);
  const supervisor = await apiAs("supervisor");
  expect((await supervisor.get("/api/alerts/webhook")).status()).toBe(403);
  expect((await supervisor.put("/api/alerts/webhook", { data: { url: receiverUrl } })).status()).toBe(403);
});
