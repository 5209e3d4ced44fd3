// Finance pairs lines by hand (issue 8: "finance can pair or unpair lines by hand, audited"): a
// statement line without references halfway between two equal sales is ambiguous; on a phone, in
// Chinese, finance picks the statement line, pairs it with the right sale, sees the tie's other sale
// become pos_only, then undoes the pair from the resolved exception — in Chromium against the real
// build (the audit events of pairing and unpairing: tests/integration/reconciliation-exceptions.test.ts).
import { randomInt } from "node:crypto";
import type { Locator, Page } from "@playwright/test";
import { expect, PHONE, seriousAccessibilityViolations, test } from "./fixtures";
import { daysAgo, importAndWait } from "./reconciliation-api";

test.use({ locale: "zh-CN" });

test("finance pairs an ambiguous statement line with the right sale on a phone, and unpairs it", async ({
  apiAs,
  pageAs,
}) => {
  const tag = `PR${String(Date.now()).slice(-8)}${randomInt(10, 100)}`;
  const day = daysAgo(11);
  const amount = `${randomInt(100, 999)}.${String(randomInt(0, 100)).padStart(2, "0")}`;
  const [right, wrong] = [`${tag}A`, `${tag}B`];
  const finance = await apiAs("finance");
  // Two sales of the same amount ten minutes apart; the statement line, without rrn or trace, is
  // five minutes from each: a tie the window rule leaves to a person.
  await importAndWait(
    finance,
    "pos_journal",
    `pairing-journal-${tag}.csv`,
    [
      "交易时间,终端号,卡号,交易类型,交易金额,参考号,凭证号,批次号,交易状态",
      `${day} 15:00:00,T1000001,622202******0128,消费,${amount},${right},${tag.slice(-6)},000912,成功`,
      `${day} 15:10:00,T1000001,622848******1234,消费,${amount},${wrong},${tag.slice(-5)}9,000912,成功`,
    ].join("\r\n"),
  );
  await importAndWait(
    finance,
    "statement",
    `pairing-statement-${tag}.csv`,
    [
      "清算日期,交易时间,终端号,卡号,交易类型,交易金额,手续费,结算金额,参考号,凭证号,批次号",
      `${daysAgo(10)},${day} 15:05:00,T1000001,622202******0128,消费,${amount},0.00,${amount},,,000912`,
    ].join("\r\n"),
  );

  const page = await pageAs("finance", PHONE);
  const ours = () => page.getByTestId("exception-item").filter({ hasText: right });

  await test.step("the tie is listed as ambiguous, and says to pair by hand", async () => {
    await page.goto("/reconciliation/exceptions?category=ambiguous");
    await expect(ours()).toHaveCount(1);
    await expect(ours()).toContainText("有多行同样可能对应");
    await ours().locator("summary").click();
    await expect(ours().locator("tr[data-line-id]")).toHaveCount(3);
  });

  await test.step("finance picks the statement line, then the right sale", async () => {
    await ours().locator('tr[data-source="statement"]').getByRole("button", { name: "配对…" }).click();
    await expect(page.getByTestId("pairing-bar")).toContainText("选择同一终端上与之对应的POS 行");
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    const notice = page.getByTestId("exceptions-notice");
    await tryAgainWhileMatching(page, "两行已配对（已记入审计）；差错已更新。", async () => {
      await openLines(ours());
      if ((await page.getByTestId("pairing-bar").count()) === 0) {
        await ours().locator('tr[data-source="statement"]').getByRole("button", { name: "配对…" }).click();
      }
      await ours().locator("tr", { hasText: right }).getByRole("button", { name: "与此行配对" }).click();
    });
    await expect(notice).toBeFocused();
    await expect(page.getByTestId("pairing-bar")).toHaveCount(0);
    // The tie is resolved: no longer among the open ambiguous exceptions.
    await expect(ours()).toHaveCount(0);
  });

  await test.step("the other sale of the tie stands alone: pos_only", async () => {
    await page.goto("/reconciliation/exceptions?category=pos_only");
    await expect(page.getByTestId("exception-item").filter({ hasText: wrong })).toHaveCount(1);
    await expect(page.getByTestId("exception-item").filter({ hasText: right })).toHaveCount(0);
  });

  await test.step("the pair is undone from the resolved exception", async () => {
    await page.goto("/reconciliation/exceptions?category=ambiguous&status=resolved");
    await expect(ours()).toHaveCount(1);
    await ours().locator("summary").click();
    await tryAgainWhileMatching(page, "已解除配对（已记入审计）；两行各自重新成为差错，直到再次配对。", async () => {
      await openLines(ours());
      await ours().locator("tr", { hasText: right }).getByRole("button", { name: "解除配对" }).click();
    });
    await page.goto("/reconciliation/exceptions?category=pos_only");
    await expect(page.getByTestId("exception-item").filter({ hasText: right })).toHaveCount(1);
  });
});

/**
 * Does `act` until the page's notice says `done`. The end-to-end tests share one merchant, and
 * pairing waits while another test's import of it is matching (the page says so: "…正在对账匹配：请在
 * 其完成后再配对"): finance would load the page again and retry, and so does the test.
 */
async function tryAgainWhileMatching(page: Page, done: string, act: () => Promise<void>) {
  const notice = page.getByTestId("exceptions-notice");
  await expect(async () => {
    await act();
    await expect(notice).not.toBeEmpty({ timeout: 15_000 });
    const said = (await notice.textContent()) ?? "";
    if (said !== done) {
      await page.reload();
      throw new Error(said);
    }
  }).toPass({ timeout: 120_000 });
}

/** Opens the exception's lines unless they are open. */
async function openLines(item: Locator) {
  if (
    !(await item
      .locator("details")
      .first()
      .evaluate((details) => (details as HTMLDetailsElement).open))
  ) {
    await item.locator("summary").click();
  }
}
