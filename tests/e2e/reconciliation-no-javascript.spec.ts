// The reconciliation's upload form works in a browser that runs no JavaScript (or before the
// page's script has loaded): the plain multipart POST lands on the import's page — never on the
// API's JSON — and that page follows the import to done by reloading itself; a refused file comes
// back to /reconciliation naming the lines to fix, and nothing of the file travels in a URL.
import { randomInt } from "node:crypto";
import fs from "node:fs";
import type { Page, Response } from "@playwright/test";
import { addDays, journeyFiles } from "@/tests/fixtures/reconciliation/journey.mjs";
import { luhnCheckDigit } from "@/tests/helpers/card-numbers";
import { expect, test } from "./fixtures";

function merchantToday(): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai" }).format(new Date());
}

/** The upload's answers and every URL the page asked for, to show what the browser was given. */
function watch(page: Page) {
  const uploads: Response[] = [];
  const urls: string[] = [];
  page.on("request", (request) => urls.push(request.url()));
  page.on("response", (response) => {
    if (response.request().method() === "POST" && new URL(response.url()).pathname === "/api/reconciliation/imports") {
      uploads.push(response);
    }
  });
  return { uploads, urls };
}

async function submit(page: Page, kind: string, file: { name: string; buffer: Buffer } | null) {
  await page.getByRole("combobox", { name: "Kind of file", exact: true }).selectOption({ label: kind });
  if (file) {
    await page.getByRole("button", { name: "File", exact: true }).setInputFiles({ ...file, mimeType: "text/csv" });
  }
  await page.getByRole("button", { name: "Import", exact: true }).click();
  await page.waitForLoadState("domcontentloaded");
}

test.describe("importing without JavaScript", () => {
  test("a journal lands on its import's page, which reloads itself to done; the same file again lands there too", async ({
    pageAs,
  }) => {
    test.setTimeout(120_000);
    const finance = await pageAs("finance", { javaScriptEnabled: false });
    const seen = watch(finance);
    const rrnBase = `${String(Date.now()).slice(-6)}${String(randomInt(0, 1000)).padStart(3, "0")}`;
    const files = journeyFiles({
      day: addDays(merchantToday(), -4),
      hour: 11,
      rrnBase,
      amountsMinor: [randomInt(1_000, 90_000), randomInt(1_000, 90_000), randomInt(1_000, 90_000)],
    });
    const name = `nojs-${rrnBase}.csv`;
    // One line carries the full card number (masked on upload, before the file is stored).
    const pan = `622202123456010${luhnCheckDigit("622202123456010")}`;
    const journal = Buffer.from(files.pos.replace("622202******0120", pan));
    expect(journal.toString()).toContain(pan);

    await finance.goto("/reconciliation");
    await submit(finance, "POS journal", { name, buffer: journal });
    await expect(finance).toHaveURL(/\/reconciliation\/imports\/[^/?#]+$/);
    expect(seen.uploads.map((response) => response.status())).toEqual([303]);
    await expect(finance.getByRole("heading", { level: 1 })).toHaveText(`Import ${name}`);
    const tracker = finance.getByTestId("import-tracker");
    // Nothing polls without JavaScript: the page's own refresh brings each new state.
    await expect(tracker).toHaveAttribute("data-status", "done", { timeout: 45_000 });
    await expect(tracker.getByTestId("import-status")).toHaveText("Done");
    await expect(tracker.getByRole("list", { name: "Steps of the import" }).getByRole("listitem")).toHaveText([
      /Waiting to start/,
      /Reading the file/,
      /Matching/,
      /Done/,
    ]);
    await expect(tracker.getByTestId("import-steps").locator("li[data-state=complete]")).toHaveCount(4);
    await expect(tracker.getByTestId("report-rows")).toHaveText("3 rows imported");
    await expect(tracker.getByTestId("report-pans")).toHaveText("1 full card number masked");
    await expect(finance.locator("body")).not.toContainText(pan);
    const importUrl = finance.url();

    await finance.goto("/reconciliation");
    await submit(finance, "POS journal", { name, buffer: journal });
    await expect(finance).toHaveURL(`${importUrl}?duplicate=1`);
    await expect(finance.getByTestId("upload-duplicate")).toContainText("Already imported on");
    expect(seen.uploads.map((response) => response.status())).toEqual([303, 303]);
  });

  test("a file with bad lines comes back to the form naming its lines, with no cell of the file in any URL", async ({
    pageAs,
  }) => {
    const finance = await pageAs("finance", { javaScriptEnabled: false });
    const seen = watch(finance);
    await finance.goto("/reconciliation");
    const name = `bad-nojs-${Date.now()}.csv`;
    await submit(finance, "POS journal", {
      name,
      buffer: fs.readFileSync("tests/fixtures/reconciliation/pos-journal-bad.csv"),
    });
    const url = new URL(finance.url());
    expect(url.pathname).toBe("/reconciliation");
    expect(Object.fromEntries(url.searchParams)).toEqual({ upload: "FILE_REFUSED", count: "2", lines: "3,4" });
    const notice = finance.getByTestId("upload-notice");
    await expect(notice).toContainText("The file was not imported: 2 lines have problems. Nothing was stored.");
    await expect(notice).toContainText("Lines to fix (as a spreadsheet numbers them): 3 and 4.");
    for (const secret of ["twelve", "2026-11-31", "532400900002", name]) {
      for (const seenUrl of [finance.url(), ...seen.urls]) expect(seenUrl).not.toContain(secret);
    }
    // The form is there to try again.
    await expect(finance.getByTestId("upload-form")).toBeVisible();
  });

  test("no file chosen comes back saying so, in the reader's language", async ({ pageAs }) => {
    const finance = await pageAs("finance", { javaScriptEnabled: false });
    await finance.goto("/reconciliation");
    await submit(finance, "Acquirer statement", null);
    await expect(finance).toHaveURL(/\/reconciliation\?upload=REQUIRED&field=file#upload-notice$/);
    await expect(finance.getByTestId("upload-notice")).toHaveText("Choose a file to import.");

    const chinese = await pageAs("finance", { javaScriptEnabled: false, locale: "zh-CN" });
    await chinese.goto("/reconciliation?upload=FILE_TOO_LARGE&field=file");
    await expect(chinese.getByTestId("upload-notice")).toContainText("文件超过");
  });
});
