// Finance imported the wrong statement (issue 8, "what finance would expect"): on its import's page
// they withdraw it after a confirmation, watch it go to "Withdrawn", find the exception it alone
// caused gone from the list, and can import the same file again — in Chromium against the real build.
import { randomInt } from "node:crypto";
import { expect, seriousAccessibilityViolations, test } from "./fixtures";
import { daysAgo, importAndWait } from "./reconciliation-api";

/** A statement of one line no journal has: a statement_only exception until it is withdrawn. */
function wrongStatement(rrn: string): string {
  const day = daysAgo(9);
  const settle = daysAgo(8);
  const amount = `${randomInt(100, 999)}.${String(randomInt(0, 100)).padStart(2, "0")}`;
  return [
    "清算日期,交易时间,终端号,卡号,交易类型,交易金额,手续费,结算金额,参考号,凭证号,批次号",
    `${settle},${day} 09:15:00,T1000001,622202******0128,消费,${amount},0.00,${amount},${rrn},${rrn.slice(-6)},000777`,
  ].join("\r\n");
}

test("finance withdraws a wrongly imported statement from its page, and the same file imports again", async ({
  apiAs,
  pageAs,
}) => {
  const rrn = `WD${String(Date.now()).slice(-8)}${randomInt(10, 100)}`;
  const name = `wrong-statement-${rrn}.csv`;
  const text = wrongStatement(rrn);
  const finance = await apiAs("finance");
  const id = await importAndWait(finance, "statement", name, text);
  const page = await pageAs("finance");

  await test.step("its exception is listed", async () => {
    await page.goto("/reconciliation/exceptions?category=statement_only");
    await expect(page.getByTestId("exception-item").filter({ hasText: rrn })).toHaveCount(1);
  });

  await test.step("the import's page offers the withdrawal and asks before doing it", async () => {
    await page.goto(`/reconciliation/imports/${id}`);
    const tracker = page.getByTestId("import-tracker");
    await expect(tracker).toHaveAttribute("data-status", "done");
    await expect(page.getByRole("heading", { name: "Imported the wrong file?" })).toBeVisible();
    // Another session's import may be running (the tests share the merchant): asked again until none is.
    await expect(async () => {
      await page.getByTestId("withdraw-import").click();
      const dialog = page.getByRole("dialog", { name: `Withdraw “${name}”?` });
      await expect(dialog).toBeVisible();
      expect(await seriousAccessibilityViolations(page)).toEqual([]);
      await dialog.getByRole("button", { name: "Withdraw", exact: true }).click();
      await expect(tracker).not.toHaveAttribute("data-status", "done", { timeout: 2_000 });
    }).toPass({ timeout: 60_000 });
    await expect(tracker).toHaveAttribute("data-status", "withdrawn", { timeout: 45_000 });
    await expect(page.getByTestId("import-status")).toHaveText("Withdrawn");
    await expect(page.getByTestId("withdrawal-note")).toContainText("1 line was removed");
    await expect(page.getByTestId("withdraw-import")).toHaveCount(0);
  });

  await test.step("the exception it alone caused is gone, and the list of imports says withdrawn", async () => {
    await page.goto("/reconciliation/exceptions?category=statement_only");
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await expect(page.getByTestId("exception-item").filter({ hasText: rrn })).toHaveCount(0);
    await page.goto("/reconciliation");
    const listed = page.getByTestId("recent-imports").getByRole("listitem").filter({ hasText: name });
    await expect(listed.getByTestId("import-status-badge")).toHaveText("Withdrawn");
  });

  await test.step("the same file imports again (not 'already imported')", async () => {
    const again = await importAndWait(finance, "statement", name, text);
    expect(again).not.toBe(id);
  });
});
