// The risk dashboard end to end (issue 10), in Chromium against the real build, in English and
// Chinese, on a 390 px phone and a 1366 px desktop: a supervisor opens /dashboard and its charts
// are drawn (SVG with a mark per figure), the table under a chart holds the same numbers, its CSV
// downloads with them; an empty period says what to do next; and a drill, started and walked to a
// close, never shows on it. Each test makes its own store, terminal, cashier and supervisor, and
// logs its incidents on a day of 2023, so nothing another spec does reaches its figures.
import { randomInt } from "node:crypto";
import fs from "node:fs/promises";
import type { APIRequestContext, Browser, BrowserContextOptions, Page } from "@playwright/test";
import {
  completeStep,
  expect,
  fetchIncident,
  PHONE,
  seriousAccessibilityViolations,
  test,
  uniqueToken,
} from "./fixtures";

const DESKTOP: BrowserContextOptions = { viewport: { width: 1366, height: 900 } };

const UI = {
  en: {
    locale: "en-GB",
    title: "Risk dashboard",
    period: "Period",
    total: "Total",
    unsigned: "Unsigned slip",
    wrongAmount: "Wrong amount keyed",
    showNumbers: "Show the numbers",
    noIncidents: "No incidents in this period.",
    noJournal: "No POS journal imported for this period.",
    askFinance: "Ask finance to import the POS journal",
  },
  "zh-CN": {
    locale: "zh-CN",
    title: "风险看板",
    period: "时段",
    total: "合计",
    unsigned: "签购单未签名",
    wrongAmount: "金额输错",
    showNumbers: "查看数据",
    noIncidents: "本时段没有差错。",
    noJournal: "本时段还没有导入 POS 流水。",
    askFinance: "请财务在「对账」中导入这些日期的 POS 流水",
  },
} as const;
type Language = keyof typeof UI;

/** "YYYY-MM-DD" plus days. */
function addDays(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** Today in the merchant's zone (Asia/Shanghai). */
function merchantToday(): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai" }).format(new Date());
}

interface World {
  storeId: string;
  tid: string;
  cashierId: string;
  supervisor: { email: string; password: string };
  /** The day of 2023 its incidents occurred on: 2 unsigned slips and 1 wrong amount. */
  day: string;
}

/** A store of its own with a terminal, a cashier and a supervisor, and three incidents on one day. */
async function makeWorld(admin: APIRequestContext): Promise<World> {
  const suffix = uniqueToken().slice(0, 12);
  const created = async (path: string, data: unknown) => {
    const response = await admin.post(path, { data });
    expect(response.status(), `${path}: ${await response.text()}`).toBe(201);
    return (await response.json()) as { id: string };
  };
  const store = await created("/api/admin/stores", { name: `Dashboard ${suffix}` });
  const tid = `D${String(randomInt(10_000_000)).padStart(7, "0")}`;
  await created("/api/admin/terminals", { storeId: store.id, tid });
  const password = `dashboard-${suffix}`;
  const person = (role: string) => ({
    email: `dashboard-${role.toLowerCase()}-${suffix}@demo.test`,
    name: `Dashboard ${role.toLowerCase()} ${suffix}`,
    password,
    role,
    storeIds: [store.id],
  });
  const cashier = await created("/api/admin/users", person("CASHIER"));
  const supervisor = person("SUPERVISOR");
  await created("/api/admin/users", supervisor);
  const day = `2023-${String(randomInt(1, 13)).padStart(2, "0")}-${String(randomInt(1, 29)).padStart(2, "0")}`;
  for (const kind of ["unsigned_slip", "unsigned_slip", "wrong_amount"]) {
    // Noon in Shanghai, so the local day is `day` whatever the server's zone.
    await created("/api/incidents", { kind, terminalId: tid, amount: "12.50", occurredAt: `${day}T04:00:00.000Z` });
  }
  return { storeId: store.id, tid, cashierId: cashier.id, supervisor: { email: supervisor.email, password }, day };
}

/** A page signed in as the world's supervisor; CSP violations are collected into `violations`. */
async function supervisorPage(
  browser: Browser,
  baseURL: string | undefined,
  world: World,
  options: BrowserContextOptions,
  violations: string[],
): Promise<Page> {
  const context = await browser.newContext({ baseURL, ...options });
  context.on("console", (message) => {
    if (message.type() === "error" && /Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  const signedIn = await context.request.post("/api/auth/sign-in", { data: world.supervisor });
  expect(signedIn.status()).toBe(200);
  return context.newPage();
}

/** The cells of a CSV without quoted commas (the dashboard's headers and counts), BOM dropped. */
function csvRows(text: string): string[][] {
  expect(text.charCodeAt(0), "the file starts with a BOM").toBe(0xfeff);
  return text
    .slice(1)
    .split("\r\n")
    .filter((line) => line !== "")
    .map((line) => line.split(","));
}

const CASES: { language: Language; device: string; options: BrowserContextOptions }[] = [
  { language: "en", device: "desktop", options: DESKTOP },
  { language: "en", device: "phone", options: PHONE },
  { language: "zh-CN", device: "desktop", options: DESKTOP },
  { language: "zh-CN", device: "phone", options: PHONE },
];

for (const { language, device, options } of CASES) {
  test(`${language} on a ${device}: a supervisor's dashboard draws its charts, the table under one and its CSV say the same`, async ({
    apiAs,
    browser,
    baseURL,
  }) => {
    const ui = UI[language];
    const world = await makeWorld(await apiAs("admin"));
    const violations: string[] = [];
    const page = await supervisorPage(browser, baseURL, world, { ...options, locale: ui.locale }, violations);
    const from = addDays(world.day, -6);
    await page.goto(`/dashboard?from=${from}&to=${world.day}`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(ui.title);

    // The chart: seven columns of days, the last one holding 2 unsigned slips and 1 wrong amount.
    const chart = page.getByTestId("chart-incidents-by-kind");
    await expect(chart).toBeVisible();
    await expect(chart.locator("g[data-total]")).toHaveCount(7);
    await expect(chart.locator("rect[data-series]")).toHaveCount(2);
    await expect(chart.locator('rect[data-series="unsigned_slip"]')).toHaveAttribute("data-value", "2");
    await expect(chart.locator('rect[data-series="wrong_amount"]')).toHaveAttribute("data-value", "1");
    const box = await chart.locator('rect[data-series="unsigned_slip"]').boundingBox();
    expect(box?.height ?? 0, "the bar is drawn with a height").toBeGreaterThan(10);
    const legend = page.getByTestId("legend-incidents-by-kind");
    await expect(legend.locator('[data-series="unsigned_slip"]')).toHaveText(`${ui.unsigned}2`);

    // The numbers one click away: the same counts in the table.
    const table = page.getByTestId("table-incidents-by-kind");
    await table.getByText(ui.showNumbers).click();
    const headers = await table.locator("thead th").allTextContents();
    expect(headers[0]).toBe(ui.period);
    expect(headers.at(-1)).toBe(ui.total);
    const unsignedColumn = headers.indexOf(ui.unsigned);
    const wrongColumn = headers.indexOf(ui.wrongAmount);
    expect(unsignedColumn).toBeGreaterThan(0);
    const bodyRows = table.locator("tbody tr");
    await expect(bodyRows).toHaveCount(7);
    const lastDay = await bodyRows.nth(6).locator("th, td").allTextContents();
    expect([lastDay[unsignedColumn], lastDay[wrongColumn], lastDay.at(-1)]).toEqual(["2", "1", "3"]);
    const totals = await table.locator("tfoot tr").first().locator("th, td").allTextContents();
    expect([totals[0], totals[unsignedColumn], totals.at(-1)]).toEqual([ui.total, "2", "3"]);

    // The CSV of that table: the same numbers, worded in the reader's language.
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByTestId("csv-incidents-by-kind").click(),
    ]);
    expect(download.suggestedFilename()).toBe(`dashboard-incidents-by-kind-${from}-${world.day}.csv`);
    const rows = csvRows(await fs.readFile(await download.path(), "utf8"));
    expect(rows[0]).toEqual(headers);
    const dayRow = rows.find((row) => row[0] === world.day);
    expect([dayRow?.[unsignedColumn], dayRow?.[wrongColumn], dayRow?.at(-1)]).toEqual(["2", "1", "3"]);
    expect(rows.at(-1)?.[0]).toBe(ui.total);
    expect(rows.at(-1)?.at(-1)).toBe("3");

    // Its three cases are open now, and no journal was imported for the store: ask finance.
    await expect(page.getByTestId("open-total")).toContainText("3");
    await expect(page.getByTestId("rates-empty")).toContainText(ui.noJournal);
    await expect(page.getByTestId("rates-empty")).toContainText(ui.askFinance);
    await expect(page.getByTestId("rates-import-link")).toHaveCount(0);

    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow, "the page never scrolls sideways").toBeLessThanOrEqual(0);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    expect(violations).toEqual([]);
    await page.context().close();
  });
}

/**
 * A POS journal of the world's terminal on its day: seven operators of 60 lines each from 08:00 to
 * 20:00, three declined each, one of them (007) leaving a slip in three unsigned — far above the
 * others' one in 25 (no line both declined and unsigned).
 */
function journal(world: World): string {
  const lines = ["time,terminal id,card,type,amount,rrn,auth code,trace no,batch no,status,signed,operator"];
  const rrnHead = `${String(Date.now()).slice(-4)}${String(randomInt(100)).padStart(2, "0")}`;
  let n = 0;
  for (let operator = 1; operator <= 7; operator++) {
    for (let index = 0; index < 60; index++) {
      n++;
      const hour = String(8 + ((index * 7 + operator) % 13)).padStart(2, "0");
      const time = `${world.day} ${hour}:${String((index * 11) % 60).padStart(2, "0")}:0${operator}`;
      const unsigned = operator === 7 ? index % 3 === 0 : index % 25 === 0;
      lines.push(
        [
          time,
          world.tid,
          `622202******${String(1000 + n).slice(-4)}`,
          "sale",
          `${(n % 300) + 1}.00`,
          `${rrnHead}${String(n).padStart(6, "0")}`,
          `A${String(n).padStart(5, "0")}`,
          String(n).padStart(6, "0"),
          "000001",
          [4, 23, 47].includes(index) ? "declined" : "approved",
          unsigned ? "N" : "Y",
          `00${operator}`,
        ].join(","),
      );
    }
  }
  return `${lines.join("\r\n")}\r\n`;
}

test("with a POS journal imported: the rates per 1,000, the hour-of-day chart, and the operator who stands out marked in words", async ({
  apiAs,
  browser,
  baseURL,
}) => {
  const world = await makeWorld(await apiAs("admin"));
  const finance = await apiAs("finance");
  const queued = await finance.post("/api/reconciliation/imports", {
    multipart: {
      type: "pos_journal",
      file: { name: `dashboard-${world.tid}.csv`, mimeType: "text/csv", buffer: Buffer.from(journal(world)) },
    },
  });
  expect([200, 202], await queued.text()).toContain(queued.status());
  const { id } = ((await queued.json()) as { import: { id: string } }).import;
  await expect
    .poll(
      async () =>
        ((await (await finance.get(`/api/reconciliation/imports/${id}`)).json()) as { status: string }).status,
      {
        timeout: 45_000,
      },
    )
    .toBe("done");

  const violations: string[] = [];
  const page = await supervisorPage(browser, baseURL, world, { ...DESKTOP, locale: "en-GB" }, violations);
  await page.goto(`/dashboard?from=${world.day}&to=${world.day}`);
  const overall = page.getByTestId("rates-overall");
  // 6 operators × 3 unsigned (index 0, 25, 50) + 20 of operator 007's 60, of 420 lines: 38 → 90.5 per 1,000.
  await expect(overall.locator('[data-rate="unsigned"]')).toContainText("90.5 per 1,000");
  await expect(overall.locator('[data-rate="unsigned"]')).toContainText("38 of 420");
  const hours = page.getByTestId("chart-rates-by-hour");
  await expect(hours.locator("g[data-total]")).toHaveCount(24);
  expect(await hours.locator("rect[data-series]").count()).toBeGreaterThanOrEqual(13);
  const operators = page.getByTestId("rates-by-operator");
  await expect(operators.locator("tbody tr")).toHaveCount(7);
  const flagged = operators.locator('td[data-outlier="true"]');
  await expect(flagged).toHaveCount(1);
  await expect(flagged).toHaveAttribute("data-rate", "unsigned");
  await expect(flagged).toContainText("▲");
  await expect(flagged).toContainText("stands out");
  await expect(
    operators.locator("tbody tr", { has: page.locator('td[data-outlier="true"]') }).locator("th"),
  ).toHaveText("007");
  await expect(page.getByTestId("rates-empty")).toHaveCount(0);

  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByTestId("csv-rates-by-operator").click(),
  ]);
  const rows = csvRows(await fs.readFile(await download.path(), "utf8"));
  expect(rows[0].slice(0, 5)).toEqual([
    "Operator (cashier)",
    "Store",
    "Transactions",
    "Approved sales",
    "Unsigned slips",
  ]);
  const operator7 = rows.find((row) => row[0] === "007");
  expect(operator7?.slice(2, 6)).toEqual(["60", expect.any(String), "20", "333.3"]);
  expect(operator7?.at(-1)).toBe("Unsigned slips");
  expect(await seriousAccessibilityViolations(page)).toEqual([]);
  expect(violations).toEqual([]);
  await page.context().close();
});

test("an empty period says so and what to do next: a longer period, and (for finance) importing a journal", async ({
  pageAs,
}) => {
  const page = await pageAs("finance", { ...PHONE, locale: "en-GB" });
  await page.goto("/dashboard?from=2001-01-01&to=2001-01-07");
  await expect(page.getByTestId("incidents-empty")).toContainText(UI.en.noIncidents);
  await expect(page.getByTestId("chart-incidents-by-kind")).toHaveCount(0);
  await expect(page.getByTestId("csv-incidents-by-kind")).toHaveCount(0);
  await expect(page.getByTestId("incidents-empty").getByRole("link", { name: "Last 90 days" })).toHaveAttribute(
    "href",
    /^\/dashboard\?from=\d{4}-\d{2}-\d{2}&to=\d{4}-\d{2}-\d{2}$/,
  );
  await expect(page.getByTestId("rates-empty")).toContainText(UI.en.noJournal);
  await expect(page.getByTestId("rates-import-link")).toHaveAttribute("href", "/reconciliation");
  await expect(page.getByTestId("causes-empty")).toBeVisible();
  await expect(page.getByTestId("time-to-close-empty")).toBeVisible();
  expect(await seriousAccessibilityViolations(page)).toEqual([]);

  // A store they cannot see, or a reversed period: said in words, and the last 30 days shown instead.
  await page.goto("/dashboard?storeId=not-a-store-of-theirs");
  await expect(page.getByTestId("dashboard-bad-query")).toContainText("Store not found");
  await expect(page.getByTestId("preset-30")).toHaveAttribute("aria-current", "page");
  await page.goto("/dashboard?from=2026-11-30&to=2026-11-01");
  await expect(page.getByTestId("dashboard-bad-query")).toBeVisible();

  // The presets keep working without typing dates.
  await page.getByTestId("preset-7").click();
  await expect(page).toHaveURL(/\/dashboard\?from=\d{4}-\d{2}-\d{2}&to=\d{4}-\d{2}-\d{2}$/);
  await expect(page.getByTestId("preset-7")).toHaveAttribute("aria-current", "page");
});

test("a drill, started and walked to a close, never shows on the dashboard", async ({ apiAs, browser, baseURL }) => {
  const admin = await apiAs("admin");
  const world = await makeWorld(admin);
  const violations: string[] = [];
  const page = await supervisorPage(browser, baseURL, world, { ...PHONE, locale: "zh-CN" }, violations);
  const today = merchantToday();
  const address = `/dashboard?from=${addDays(today, -6)}&to=${today}`;
  const FIGURES = [
    "section-incidents-by-kind",
    "section-incidents-by-cause",
    "section-open-by-age",
    "section-money",
    "section-time-to-close",
  ];
  const figures = async () => {
    await page.goto(address);
    return Promise.all(FIGURES.map((id) => page.getByTestId(id).textContent()));
  };
  const before = await figures();
  await expect(page.getByTestId("incidents-empty")).toContainText(UI["zh-CN"].noIncidents);
  await expect(page.getByTestId("open-total")).toContainText("3");

  const supervisor = page.context().request;
  const started = await supervisor.post("/api/drills", { data: { kind: "unsigned_slip", cashierId: world.cashierId } });
  expect(started.status(), await started.text()).toBe(201);
  const drill = (await started.json()) as { id: string; drill: boolean };
  expect(drill.drill).toBe(true);
  expect(await figures(), "an open drill is not an open case").toEqual(before);

  // Walked like a real case: every step, then closed with a cause and a loss.
  for (const step of (await fetchIncident(supervisor, drill.id)).steps) {
    if (step.status !== "pending") continue;
    const details = step.key === "resign" ? { contactMethod: "phone" as const, identityVerified: true } : {};
    await completeStep(step.key === "reconcile" ? admin : supervisor, drill.id, step.key, details);
  }
  const { version } = await fetchIncident(supervisor, drill.id);
  const closed = await supervisor.post(`/api/incidents/${drill.id}/close`, {
    data: { resolution: "resigned", causes: ["inexperience"], recoveredAmount: "0", lostAmount: "5.00", version },
  });
  expect(closed.status(), await closed.text()).toBe(200);
  expect(await figures(), "a closed drill counts nowhere").toEqual(before);
  await expect(page.getByTestId("causes-empty")).toBeVisible();
  await expect(page.getByTestId("time-to-close-empty")).toBeVisible();
  expect(violations).toEqual([]);
  await page.context().close();
});
