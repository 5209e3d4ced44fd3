// Errors in the reader's language, in a real browser: the 404 page for an unknown address, a
// refusal shown on the incident page, the API's answer to the page's own fetch (browser in
// Chinese, or the locale chosen in the UI on an English browser), and time tooltips.
import { LOCALE_COOKIE } from "@/lib/i18n/locales";
import { expect, test } from "./fixtures";

const HAN = /\p{Script=Han}/u;
const LATIN_WORD = /[A-Za-z]{3,}/;

/** What the page's own fetch gets back for a step done out of order (notify before halt). */
async function stepOutOfOrderFromThePage(page: import("@playwright/test").Page, id: string, version: number) {
  return page.evaluate(
    async ({ id, version }) => {
      const response = await fetch(`/api/incidents/${id}/steps/notify`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ action: "complete", version }),
      });
      return { status: response.status, body: await response.json() };
    },
    { id, version },
  );
}

test.describe("in Chinese (the browser asks for zh-CN)", () => {
  test.use({ locale: "zh-CN" });

  test("an unknown address answers 404 with the page in Chinese", async ({ pageAs }) => {
    const cashier = await pageAs("cashier");
    const response = await cashier.goto("/no-such-page");
    expect(response?.status()).toBe(404);
    await expect(cashier.getByRole("heading", { level: 1 })).toHaveText("找不到页面");
    await expect(cashier.getByRole("link", { name: "返回事件列表" })).toBeVisible();
    await expect(cashier.locator("main")).not.toContainText("could not be found");
  });

  test("a skip without a note is refused in Chinese on the incident page", async ({ pageAs, createIncident }) => {
    const incident = await createIncident("supervisor");
    const supervisor = await pageAs("supervisor");
    await supervisor.goto(`/incidents/${incident.id}`);
    const skip = supervisor.getByTestId("skip-step").first();
    await skip.getByText("跳过此步骤").click();
    await skip.getByRole("button", { name: "确认跳过" }).click();
    const refusal = skip.getByTestId("action-error");
    await expect(refusal).toBeVisible();
    await expect(refusal).toHaveText(HAN);
    await expect(refusal).not.toHaveText(LATIN_WORD);
  });

  test("the API answers the page's own request in Chinese", async ({ pageAs, createIncident }) => {
    const incident = await createIncident("supervisor");
    const supervisor = await pageAs("supervisor");
    await supervisor.goto(`/incidents/${incident.id}`);
    const { status, body } = await stepOutOfOrderFromThePage(supervisor, incident.id, incident.version);
    expect(status).toBe(422);
    expect(body.error).toMatchObject({ code: "RULE_VIOLATION", reason: "STEP_OUT_OF_ORDER" });
    expect(body.error.message).toMatch(HAN);
    expect(body.error.message).toContain("暂停交易");
  });

  test("a time's tooltip gives the exact moment in Chinese, not an ISO string", async ({ pageAs, createIncident }) => {
    const incident = await createIncident("supervisor");
    const supervisor = await pageAs("supervisor");
    await supervisor.goto(`/incidents/${incident.id}`);
    const time = supervisor.locator("time[title]").first();
    await expect(time).toHaveAttribute("title", /年/);
    await expect(time).not.toHaveAttribute("title", /\d{4}-\d{2}-\d{2}T|UTC$/);
  });
});

test.describe("with Chinese chosen in the app on an English browser", () => {
  test.use({ locale: "en-US" });

  test("the 404 page and the API's answers follow the chosen language", async ({ pageAs, createIncident, baseURL }) => {
    const incident = await createIncident("supervisor");
    const supervisor = await pageAs("supervisor");

    const english = await supervisor.goto("/no-such-page");
    expect(english?.status()).toBe(404);
    await expect(supervisor.getByRole("heading", { level: 1 })).toHaveText("Page not found");

    await supervisor.context().addCookies([{ name: LOCALE_COOKIE, value: "zh-CN", url: baseURL ?? "" }]);
    await supervisor.goto("/no-such-page");
    await expect(supervisor.getByRole("heading", { level: 1 })).toHaveText("找不到页面");

    await supervisor.goto(`/incidents/${incident.id}`);
    const { status, body } = await stepOutOfOrderFromThePage(supervisor, incident.id, incident.version);
    expect(status).toBe(422);
    expect(body.error.message).toMatch(HAN);
  });
});

test.describe("refusals before any route (proxy.ts)", () => {
  test("an undecodable address is refused in the caller's language, with its reason under /api/", async ({
    request,
  }) => {
    const page = await request.get("/incidents/%ZZ", { headers: { "accept-language": "zh-CN" } });
    expect(page.status()).toBe(400);
    expect(await page.text()).toBe("地址中含有无效的转义字符。");

    const api = await request.get("/api/incidents/%ZZ", { headers: { "accept-language": "en-US" } });
    expect(api.status()).toBe(400);
    expect((await api.json()).error).toMatchObject({
      code: "BAD_REQUEST",
      reason: "PATH_NOT_DECODABLE",
      message: "The address contains an invalid escape.",
      fieldReasons: { path: { reason: "PATH_NOT_DECODABLE" } },
    });
  });
});
