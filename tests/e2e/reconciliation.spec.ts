// The reconciliation as finance uses it (issue 8), in Chromium against the real build: a POS
// journal, an acquirer statement and a bank file uploaded through the page (each followed by its
// progress bar to "done"), the pos_only exception the files leave, an incident opened from it and
// found on /finance — once in English on a desktop and once in Chinese on a phone. Also: a file
// with bad lines shows them and stores nothing, and a cashier cannot reach the page or its API.

import { randomInt } from "node:crypto";
import fs from "node:fs";
import type { Locator, Page } from "@playwright/test";
import ExcelJS from "exceljs";
import sharp from "sharp";
import { addDays, journeyFiles } from "@/tests/fixtures/reconciliation/journey.mjs";
import { luhnCheckDigit } from "@/tests/helpers/card-numbers";
import { expect, PHONE, seriousAccessibilityViolations, test } from "./fixtures";

const UI = {
  en: {
    title: "Reconciliation",
    kind: "Kind of file",
    file: "File",
    submit: "Import",
    done: "Done",
    progress: (file: string) => `Import of ${file}`,
    types: { pos_journal: "POS journal", statement: "Acquirer statement", bank_credit: "Bank credits" },
    openIncident: "Open incident",
    incidentLink: /^Incident INC-\d+$/,
    category: "Category",
    posOnly: "At the till only (debited, not credited?)",
    apply: "Show",
    nav: "Reconciliation",
    skipped: "1 row without a credit amount (money out of the account) skipped",
  },
  "zh-CN": {
    title: "对账",
    kind: "文件类型",
    file: "文件",
    submit: "导入",
    done: "已完成",
    progress: (file: string) => `${file} 的导入进度`,
    types: { pos_journal: "POS 流水", statement: "收单对账单", bank_credit: "银行入账明细" },
    openIncident: "登记事件",
    incidentLink: /^事件 INC-\d+$/,
    category: "类别",
    posOnly: null,
    apply: "查看",
    nav: "对账",
    skipped: "1 行没有收入金额（账户支出），已跳过",
  },
} as const;

type Locale = keyof typeof UI;

/** Today in the merchant's zone (Asia/Shanghai), as the lines' days are written. */
function merchantToday(): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai" }).format(new Date());
}

/** The three files of one journey, with reference numbers and amounts no other run uses. */
function freshJourney(daysAgo: number, hour: number) {
  const rrnBase = `${String(Date.now()).slice(-6)}${String(randomInt(0, 1000)).padStart(3, "0")}`;
  const amount = () => randomInt(1_000, 90_000);
  return journeyFiles({
    day: addDays(merchantToday(), -daysAgo),
    hour,
    rrnBase,
    amountsMinor: [amount(), amount(), amount()],
  });
}

/** Uploads one file through the form and waits until its import's progress bar reports done. */
async function importFile(
  page: Page,
  locale: Locale,
  type: keyof (typeof UI)["en"]["types"],
  name: string,
  text: string,
) {
  const ui = UI[locale];
  await page.getByRole("combobox", { name: ui.kind, exact: true }).selectOption({ label: ui.types[type] });
  await page
    .getByRole("button", { name: ui.file, exact: true })
    .setInputFiles({ name, mimeType: "text/csv", buffer: Buffer.from(text) });
  await page.getByRole("button", { name: ui.submit, exact: true }).click();
  const tracker = page.getByTestId("import-tracker").filter({ hasText: name });
  const bar = tracker.getByRole("progressbar", { name: ui.progress(name) });
  await expect(bar).toBeVisible();
  await expect(tracker).toHaveAttribute("data-status", "done", { timeout: 45_000 });
  await expect(tracker.getByTestId("import-status")).toHaveText(ui.done);
  // Done fills the bar.
  await expect(bar).toHaveAttribute("value", "1");
  await expect(bar).toHaveAttribute("max", "1");
}

async function noHorizontalOverflow(page: Page): Promise<void> {
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow, "the page must not scroll sideways").toBeLessThanOrEqual(0);
}

/** The box is narrower than what it holds. */
function scrolls(box: Locator): Promise<boolean> {
  return box.evaluate((element) => element.scrollWidth > element.clientWidth + 1);
}

/**
 * Whether each side edge of a scrolling box is shaded (the cue that there is more that way): the
 * box's own pixels two CSS pixels in from the edge, halfway down its header row, as drawn — plain
 * is the white of the page's cards.
 */
async function edgeShade(box: Locator): Promise<{ left: string; right: string }> {
  const header = await box.locator("thead").boundingBox();
  const outer = await box.boundingBox();
  if (!header || !outer) throw new Error("the box is not on screen");
  const shot = await box.page().screenshot({ clip: { ...outer, y: header.y + 1, height: 1 } });
  const { data, info } = await sharp(shot).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const scale = info.width / outer.width;
  const shade = (x: number) => {
    const at = Math.round(x * scale) * info.channels;
    return data[at] + data[at + 1] + data[at + 2] < 3 * 245 ? "shaded" : "plain";
  };
  return { left: shade(2), right: shade(outer.width - 3) };
}

async function journey(page: Page, locale: Locale, { daysAgo, hour }: { daysAgo: number; hour: number }) {
  const ui = UI[locale];
  const files = freshJourney(daysAgo, hour);
  const tag = files.posOnly.rrn;

  await test.step("finance finds the page in the header and it speaks the reader's language", async () => {
    await page.goto("/incidents");
    await page
      .getByRole("navigation", { name: locale === "en" ? "Main" : "主导航" })
      .getByRole("link", { name: ui.nav })
      .click();
    await expect(page).toHaveURL(/\/reconciliation$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(ui.title);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
  });

  await test.step("uploads a POS journal, a statement and a bank file, each followed to done", async () => {
    const openBefore = await page.getByTestId("summary-open-exceptions").textContent();
    await importFile(page, locale, "pos_journal", `pos-${tag}.csv`, files.pos);
    await importFile(page, locale, "statement", `statement-${tag}.csv`, files.statement);
    await importFile(page, locale, "bank_credit", `bank-${tag}.csv`, files.bank);
    // The bank file's debit row is read and skipped, not counted as imported.
    const bankReport = page.getByTestId("import-tracker").filter({ hasText: `bank-${tag}` });
    await expect(bankReport.getByTestId("report-rows")).toContainText("1");
    await expect(bankReport.getByTestId("report-skipped")).toContainText(ui.skipped);
    await expect(
      page.getByTestId("recent-imports").getByRole("link", { name: new RegExp(`bank-${tag}`) }),
    ).toBeVisible();
    // The summary beside the form counts the new exceptions without a reload.
    await expect(page.getByTestId("summary-open-exceptions")).not.toHaveText(openBefore ?? "");
    await noHorizontalOverflow(page);
  });

  const reference = await test.step("opens an incident from the pos_only exception", async () => {
    await page.goto("/reconciliation/exceptions?category=pos_only");
    const item = page.getByTestId("exception-item").filter({ hasText: files.posOnly.rrn });
    await expect(item).toHaveCount(1);
    await expect(item).toHaveAttribute("data-category", "pos_only");
    if (ui.posOnly) await expect(item).toContainText(ui.posOnly);
    await noHorizontalOverflow(page);
    // Its lines unfold inside the screen: a table wider than a phone scrolls in its own box.
    await item.locator("summary").click();
    const scroller = item.getByTestId("exception-lines-scroll");
    await expect(scroller.locator("table")).toBeVisible();
    const box = await scroller.boundingBox();
    expect((box?.x ?? 0) + (box?.width ?? Number.POSITIVE_INFINITY)).toBeLessThanOrEqual(
      page.viewportSize()?.width ?? 0,
    );
    await noHorizontalOverflow(page);
    const scrollsSideways = await scrolls(scroller);
    // On a phone the lines are wider than the screen, so there the cue must show.
    if ((page.viewportSize()?.width ?? 0) <= (PHONE.viewport?.width ?? 0)) expect(scrollsSideways).toBe(true);
    if (scrollsSideways) {
      // It shows that it scrolls: a shadow on the edge with more to see, none where it ends.
      expect(await edgeShade(scroller)).toEqual({ left: "plain", right: "shaded" });
      await scroller.evaluate((box) => box.scrollTo({ left: box.scrollWidth }));
      expect(await edgeShade(scroller)).toEqual({ left: "shaded", right: "plain" });
      await scroller.evaluate((box) => box.scrollTo({ left: 0 }));
    }
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await item.getByRole("button", { name: ui.openIncident, exact: true }).click();
    const link = item.getByTestId("exception-incident-link");
    await expect(link).toHaveText(ui.incidentLink);
    // The button pressed is gone: its incident's link has the focus, not the page.
    await expect(link).toBeFocused();
    return ((await link.textContent()) ?? "").match(/INC-\d+/)?.[0] ?? "";
  });

  await test.step("the incident waits on /finance", async () => {
    expect(reference).toMatch(/^INC-\d+$/);
    await page.goto("/finance?kind=debited_not_credited");
    await expect(page.getByText(reference, { exact: true })).toBeVisible();
  });
}

test.describe("in English on a desktop", () => {
  test("finance imports three files, opens an incident from the pos_only line and sees it on /finance", async ({
    pageAs,
  }) => {
    test.setTimeout(180_000);
    const finance = await pageAs("finance");
    await journey(finance, "en", { daysAgo: 3, hour: 10 });
  });

  test("finance opens incidents for two selected exceptions at once", async ({ pageAs }) => {
    test.setTimeout(120_000);
    const finance = await pageAs("finance");
    const day = addDays(merchantToday(), -5);
    const rrnBase = `${String(Date.now()).slice(-6)}${String(randomInt(0, 1000)).padStart(3, "0")}`;
    // Two approved sales no statement will ever explain, on two terminals: two exception groups.
    const journal = [
      "time,terminal id,card,type,amount,rrn,auth code,trace no,batch no,status,signed",
      `${day} 08:01:00,T1000001,622202******0301,sale,${randomInt(10, 900)}.11,${rrnBase}101,B00001,${rrnBase.slice(-3)}101,000009,approved,Y`,
      `${day} 08:02:00,T2000001,622202******0302,sale,${randomInt(10, 900)}.22,${rrnBase}102,B00002,${rrnBase.slice(-3)}102,000009,approved,Y`,
      "",
    ].join("\r\n");
    await finance.goto("/reconciliation");
    await importFile(finance, "en", "pos_journal", `two-${rrnBase}.csv`, journal);

    await finance.goto(`/reconciliation/exceptions?category=pos_only&from=${day}&to=${day}`);
    const items = finance.getByTestId("exception-item").filter({ hasText: rrnBase });
    await expect(items).toHaveCount(2);
    for (const index of [0, 1]) await items.nth(index).getByRole("checkbox").check();
    await finance.getByRole("button", { name: "Open incidents for selected (2)" }).click();
    await expect(finance.getByTestId("exceptions-notice")).toHaveText("2 incidents opened or linked.");
    await expect(finance.getByTestId("exceptions-notice")).toBeFocused();
    await expect(items.getByTestId("exception-incident-link")).toHaveCount(2);
    await expect(items.getByRole("checkbox")).toHaveCount(0);
    // Each shows where its case stands.
    await expect(items.getByTestId("exception-incident-status")).toHaveText(["Open", "Open"]);

    // The work not started yet: the two are gone from "No incident yet", and listed under "Has an incident".
    await finance.getByRole("combobox", { name: "Incident", exact: true }).selectOption("none");
    await finance.getByRole("button", { name: "Show", exact: true }).click();
    await expect(finance).toHaveURL(/incident=none/);
    // The filtered list has rendered (its CSV link carries the filter) before its count is read.
    await expect(finance.getByTestId("exceptions-csv")).toHaveAttribute("href", /incident=none/);
    await expect(items).toHaveCount(0);
    await finance.getByRole("combobox", { name: "Incident", exact: true }).selectOption("linked");
    await finance.getByRole("button", { name: "Show", exact: true }).click();
    await expect(finance).toHaveURL(/incident=linked/);
    await expect(finance.getByTestId("exceptions-csv")).toHaveAttribute("href", /incident=linked/);
    await expect(items).toHaveCount(2);
  });

  test("a file with bad lines shows them by line and column, and nothing is stored", async ({ pageAs, apiAs }) => {
    const finance = await pageAs("finance");
    await finance.goto("/reconciliation");
    const name = `bad-${Date.now()}.csv`;
    await finance.getByRole("combobox", { name: "Kind of file", exact: true }).selectOption("pos_journal");
    await finance.getByRole("button", { name: "File", exact: true }).setInputFiles({
      name,
      mimeType: "text/csv",
      buffer: fs.readFileSync("tests/fixtures/reconciliation/pos-journal-bad.csv"),
    });
    await finance.getByRole("button", { name: "Import", exact: true }).click();
    const refused = finance.getByTestId("upload-refused");
    await expect(refused).toBeVisible();
    const rows = refused.getByTestId("row-errors").locator("tbody tr");
    await expect(rows).toHaveCount(2);
    await expect(rows.nth(0)).toContainText("3");
    await expect(rows.nth(0)).toContainText("amount");
    await expect(rows.nth(0)).toContainText("twelve");
    await expect(rows.nth(1)).toContainText("4");
    await expect(rows.nth(1)).toContainText("2026-11-31");
    expect(await seriousAccessibilityViolations(finance)).toEqual([]);

    // A file of no bytes is named as empty (not "choose a file"), and the last answer goes.
    await finance.getByRole("button", { name: "File", exact: true }).setInputFiles({
      name: "empty.csv",
      mimeType: "text/csv",
      buffer: Buffer.alloc(0),
    });
    await finance.getByRole("button", { name: "Import", exact: true }).click();
    await expect(finance.getByText("“empty.csv” is empty: there is nothing in it to import.")).toBeVisible();
    await expect(refused).toHaveCount(0);

    // A workbook (its sheet before its shared strings, as Excel writes it) is read in the build as
    // in the tests: whole, its card number masked; cut short, it is refused, named as damaged.
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("流水");
    sheet.addRow(["交易时间", "终端号", "卡号", "交易金额"]);
    const pan = `622848040256489${luhnCheckDigit("622848040256489")}`;
    for (let i = 0; i < 300; i++) sheet.addRow(["2026-11-30 10:00:00", "T1", pan, 1]);
    const xlsx = Buffer.from(await workbook.xlsx.writeBuffer());
    const previewed = await (await apiAs("finance")).post("/api/reconciliation/preview", {
      multipart: { file: { name: "book.xlsx", mimeType: "application/octet-stream", buffer: xlsx } },
    });
    expect(previewed.status()).toBe(200);
    const preview = (await previewed.json()) as { encoding: string; rows: string[][] };
    expect(preview.encoding).toBe("xlsx");
    expect(preview.rows[1]).toEqual(["2026-11-30 10:00:00", "T1", `622848******${pan.slice(-4)}`, "1"]);
    await finance.getByRole("button", { name: "File", exact: true }).setInputFiles({
      name: "cut.xlsx",
      mimeType: "application/octet-stream",
      buffer: xlsx.subarray(0, Math.floor(xlsx.length / 2)),
    });
    await finance.getByRole("button", { name: "Import", exact: true }).click();
    await expect(finance.getByText(/starts as an Excel workbook \(XLSX\) but cannot be read as one/)).toBeVisible();

    const listed = await (await apiAs("finance")).get("/api/reconciliation/imports");
    expect(listed.status()).toBe(200);
    const { imports } = (await listed.json()) as { imports: { fileName: string }[] };
    expect(imports.map((item) => item.fileName)).not.toContain(name);
  });

  test("a cashier cannot reach /reconciliation: no link, a refusal on the page, 403 from its API", async ({
    pageAs,
    apiAs,
  }) => {
    const cashier = await pageAs("cashier");
    await cashier.goto("/incidents");
    await expect(cashier.getByRole("link", { name: "Reconciliation" })).toHaveCount(0);
    await cashier.goto("/reconciliation");
    await expect(cashier.getByTestId("reconciliation-forbidden")).toBeVisible();
    await expect(cashier.getByTestId("upload-form")).toHaveCount(0);
    for (const path of ["/reconciliation/exceptions", "/reconciliation/formats"]) {
      await cashier.goto(path);
      await expect(cashier.getByTestId("reconciliation-forbidden")).toBeVisible();
    }
    const api = await apiAs("cashier");
    for (const path of [
      "/api/reconciliation/imports",
      "/api/reconciliation/formats",
      "/api/reconciliation/exceptions",
    ]) {
      const refused = await api.get(path);
      expect(refused.status(), path).toBe(403);
    }
  });
});

test.describe("in Chinese on a phone", () => {
  test.use({ locale: "zh-CN" });

  test("财务在手机上导入三个文件，从“仅 POS 有”差错登记事件，并在财务页看到它", async ({ pageAs }) => {
    test.setTimeout(180_000);
    const finance = await pageAs("finance", PHONE);
    await journey(finance, "zh-CN", { daysAgo: 4, hour: 15 });
  });
});
