// The shop floor's queues and the phone: the incident list opens on what needs doing (soonest due
// first, closed cases behind the status filter), finance lands on its queue, the header fits one
// line with the current page marked, a skip link leads the tab order, and on the incident page the
// next action's button is on the first screen and takes the focus along when a step is done.
import type { Page } from "@playwright/test";
import { expect, PHONE, test } from "./fixtures";

const PHONE_HEIGHT = 844;

/**
 * At the common desktop widths, the header's links do not scroll: the bar is as wide as its links,
 * and each named one lies inside the window with its full label.
 */
async function expectHeaderLinksFit(page: Page, labels: string[]): Promise<void> {
  for (const width of [1280, 1024]) {
    await page.setViewportSize({ width, height: 720 });
    const nav = page.getByRole("navigation", { name: /Main|主导航/ });
    const hidden = await nav.locator("ul").evaluate((list) => list.scrollWidth - list.clientWidth);
    expect(hidden, `links scrolled out of sight at ${width} px`).toBeLessThanOrEqual(1);
    for (const label of labels) {
      const link = nav.getByRole("link", { name: label, exact: true });
      await expect(link, `${label} at ${width} px`).toBeVisible();
      const box = await link.boundingBox();
      expect((box?.x ?? width) + (box?.width ?? 0), `${label} at ${width} px`).toBeLessThanOrEqual(width);
    }
  }
}

test("on a phone the list's first case is near the top and its whole row is one tappable link", async ({
  pageAs,
  createIncident,
}) => {
  const incident = await createIncident("cashier", { kind: "wrong_amount" });
  const supervisor = await pageAs("supervisor", PHONE);
  await supervisor.goto(`/incidents?q=${incident.reference}`);
  const row = supervisor.getByTestId("incident-row").first();
  await expect(row).toHaveAttribute("data-reference", incident.reference);
  // Unfiltered, the first case sits under the header and the title, not under the filters.
  await supervisor.goto("/incidents");
  const first = supervisor.getByTestId("incident-row").first();
  const box = await first.boundingBox();
  expect(box, "the list shows at least one case").not.toBeNull();
  expect(box?.y ?? Number.POSITIVE_INFINITY).toBeLessThan(250);
  expect(box?.height ?? 0).toBeGreaterThanOrEqual(44);

  // A tap anywhere on the row, not only on its reference text, opens the case.
  await supervisor.goto(`/incidents?q=${incident.reference}`);
  const target = supervisor.getByTestId("incident-row").first();
  const targetBox = await target.boundingBox();
  if (!targetBox) throw new Error("no row");
  await supervisor.mouse.click(targetBox.x + targetBox.width - 8, targetBox.y + targetBox.height - 6);
  await expect(supervisor).toHaveURL(new RegExp(`/incidents/${incident.id}$`));
});

test("the default list leaves closed cases out and puts the soonest due first", async ({
  pageAs,
  apiAs,
  createIncident,
}) => {
  const admin = await apiAs("admin");
  // Closed last, so a newest-first list would show it on top.
  const pin = await createIncident("cashier", { kind: "pin_error", description: "Closed by the queue spec." });
  for (const key of ["halt", "reverify"] as const) {
    const { version } = (await (await admin.get(`/api/incidents/${pin.id}`)).json()) as { version: number };
    expect(
      (await admin.post(`/api/incidents/${pin.id}/steps/${key}`, { data: { action: "complete", version } })).status(),
    ).toBe(200);
  }
  const { version } = (await (await admin.get(`/api/incidents/${pin.id}`)).json()) as { version: number };
  expect(
    (
      await admin.post(`/api/incidents/${pin.id}/close`, {
        data: { resolution: "no_loss", causes: ["distraction"], recoveredAmount: "0", lostAmount: "0", version },
      })
    ).status(),
  ).toBe(200);

  const page = await pageAs("admin");
  await page.goto("/incidents");
  const rows = page.getByTestId("incident-row");
  await expect(rows.first()).toBeVisible();
  const references = await rows.evaluateAll((elements) => elements.map((row) => row.getAttribute("data-reference")));
  expect(references).not.toContain(pin.reference);
  const dues = await rows.evaluateAll((elements) =>
    elements.map((row) => Date.parse(row.getAttribute("data-due") ?? "")),
  );
  expect(dues.every(Number.isFinite)).toBe(true);
  expect(dues).toEqual([...dues].sort((a, b) => a - b));

  // Closed cases are one choice of the status filter away.
  await page.goto("/incidents?status=CLOSED&sort=newest");
  await expect(page.getByTestId("incident-row").first()).toHaveAttribute("data-reference", pin.reference);
});

test("a desk screen of 1366×768 shows at least fifteen cases", async ({ pageAs, createIncident }) => {
  for (let n = 0; n < 16; n++) await createIncident("cashier", { kind: "terminal_fault" });
  const page = await pageAs("admin", { viewport: { width: 1366, height: 768 } });
  await page.goto("/incidents");
  const rows = page.getByTestId("incident-row");
  await expect(rows.nth(15)).toBeAttached();
  const tops = await rows.evaluateAll((elements) => elements.map((row) => row.getBoundingClientRect().bottom));
  expect(tops.filter((bottom) => bottom <= 768).length).toBeGreaterThanOrEqual(15);
});

test("finance lands on its queue after signing in and at /", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("Email").fill("finance@demo.test");
  await page.getByLabel("Password").fill(process.env.DEMO_PASSWORD ?? "slipcase-demo-2026");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/finance$/);
  await page.goto("/");
  await expect(page).toHaveURL(/\/finance$/);
});

test("finance's queue shows totals per currency, filters by store and exports what it shows", async ({
  pageAs,
  createIncident,
}) => {
  await createIncident("cashier", { kind: "duplicate_charge", amount: "12.34", currency: "CNY" });
  const finance = await pageAs("finance");
  await finance.goto("/finance");
  const totals = finance.getByTestId("finance-totals");
  await expect(totals).toContainText("CNY");
  await finance.getByLabel("Store").selectOption({ label: "Store 2" });
  await finance.getByRole("button", { name: "Apply" }).click();
  await expect(finance).toHaveURL(/storeId=/);
  const stores = await finance
    .getByTestId("finance-row")
    .evaluateAll((rows) => rows.map((row) => row.getAttribute("data-store")));
  expect(stores.every((store) => store === "Store 2")).toBe(true);
  const exportLink = finance.getByRole("link", { name: "Export CSV" });
  await expect(exportLink).toHaveAttribute("href", /\/api\/finance\/queue\.csv\?.*storeId=/);
});

test.describe("header and keyboard", () => {
  test("on a phone the header is one line, its links are 44 px tall and the current page is marked", async ({
    pageAs,
  }) => {
    const admin = await pageAs("admin", PHONE);
    await admin.goto("/incidents");
    const header = admin.getByRole("banner");
    const headerBox = await header.boundingBox();
    expect(headerBox?.height ?? Number.POSITIVE_INFINITY).toBeLessThan(64);
    const nav = admin.getByRole("navigation", { name: "Main" });
    const links = nav.getByRole("link");
    expect(await links.count()).toBeGreaterThanOrEqual(4);
    for (const box of await links.evaluateAll((elements) =>
      elements.map((link) => link.getBoundingClientRect().toJSON() as DOMRect),
    )) {
      expect(box.height).toBeGreaterThanOrEqual(44);
    }
    await expect(nav.getByRole("link", { name: "Incidents" })).toHaveAttribute("aria-current", "page");
    await expect(nav.locator('[aria-current="page"]')).toHaveCount(1);
    await admin.goto("/finance");
    await expect(nav.getByRole("link", { name: "Finance" })).toHaveAttribute("aria-current", "page");
    await expect(nav.getByRole("link", { name: "Incidents" })).not.toHaveAttribute("aria-current", "page");
  });

  test("on a desktop an admin's eight links all show without scrolling, and the account menu says who is signed in", async ({
    pageAs,
  }) => {
    const admin = await pageAs("admin");
    await admin.goto("/incidents");
    await expectHeaderLinksFit(admin, ["Incidents", "Log incident", "Reconciliation", "Alerts", "Admin"]);
    // Who is signed in, the language and sign-out sit in the account menu, on a desktop as on a phone.
    const menu = admin.getByTestId("account-menu");
    await menu.locator("summary").click();
    await expect(menu.getByText("Ada Admin · Admin")).toBeVisible();
    await expect(menu.getByLabel("Language", { exact: true })).toBeVisible();
    // It closes as a menu does: on Escape, the focus back on its button; on a click outside; and
    // when the keyboard's focus leaves it.
    await admin.keyboard.press("Escape");
    await expect(menu.getByLabel("Language", { exact: true })).toBeHidden();
    await expect(menu.locator("summary")).toBeFocused();
    await menu.locator("summary").click();
    await admin.getByRole("heading", { level: 1 }).click();
    await expect(menu.getByLabel("Language", { exact: true })).toBeHidden();
    // A click on the menu's own text keeps it open; tabbing out past its last item closes it.
    await menu.locator("summary").click();
    await menu.getByText("Ada Admin · Admin").click();
    await expect(menu.getByLabel("Language", { exact: true })).toBeVisible();
    await menu.getByRole("button", { name: "Sign out" }).focus();
    await admin.keyboard.press("Tab");
    await expect(menu.getByLabel("Language", { exact: true })).toBeHidden();
    await expect(menu.locator("summary")).not.toBeFocused();
    await menu.locator("summary").click();
    await menu.getByRole("button", { name: "Sign out" }).click();
    await expect(admin).toHaveURL(/\/login/);
  });

  test("the first Tab reaches a skip link that moves focus to the main content", async ({ pageAs }) => {
    const cashier = await pageAs("cashier");
    await cashier.goto("/incidents");
    await cashier.keyboard.press("Tab");
    const skip = cashier.getByRole("link", { name: "Skip to content" });
    await expect(skip).toBeFocused();
    await expect(skip).toBeVisible();
    await cashier.keyboard.press("Enter");
    await expect(cashier.getByRole("main")).toBeFocused();
  });

  test.describe("in Chinese", () => {
    test.use({ locale: "zh-CN" });
    test("on a desktop an admin's eight links all show without scrolling", async ({ pageAs }) => {
      const admin = await pageAs("admin");
      await admin.goto("/incidents");
      await expectHeaderLinksFit(admin, ["事件", "登记事件", "对账", "风险看板", "预警", "管理"]);
    });

    test("the skip link speaks Chinese", async ({ pageAs }) => {
      const cashier = await pageAs("cashier");
      await cashier.goto("/incidents");
      await cashier.keyboard.press("Tab");
      await expect(cashier.getByRole("link", { name: "跳到主要内容" })).toBeFocused();
    });
  });
});

test.describe("the incident page", () => {
  test("on a phone, right after logging, the next step's Complete button is on the first screen", async ({
    pageAs,
    createIncident,
  }) => {
    const incident = await createIncident("cashier", {
      kind: "wrong_amount",
      amount: undefined,
      cardLast4: undefined,
      rrn: undefined,
      description: undefined,
    });
    const cashier = await pageAs("cashier", PHONE);
    await cashier.goto(`/incidents/${incident.id}`);
    const complete = cashier.getByRole("button", { name: "Complete" });
    await expect(complete).toBeVisible();
    const box = await complete.boundingBox();
    expect((box?.y ?? Number.POSITIVE_INFINITY) + (box?.height ?? 0)).toBeLessThanOrEqual(PHONE_HEIGHT);
  });

  test("after a step is completed the focus moves to the next step's action", async ({ pageAs, createIncident }) => {
    const incident = await createIncident("cashier", { kind: "wrong_amount" });
    const cashier = await pageAs("cashier");
    await cashier.goto(`/incidents/${incident.id}`);
    await cashier.getByTestId("step-halt").getByRole("button", { name: "Complete" }).click();
    await expect(cashier.getByTestId("step-reverify")).toHaveAttribute("data-current", "true");
    await expect
      .poll(() =>
        cashier.evaluate(() => document.activeElement?.closest("[data-testid^='step-']")?.getAttribute("data-testid")),
      )
      .toBe("step-reverify");
    await expect(cashier.getByTestId("step-reverify").getByRole("button", { name: "Complete" })).toBeFocused();
  });
});
