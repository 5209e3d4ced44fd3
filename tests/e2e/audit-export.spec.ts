// Issue 10's audit report end to end: in Chinese, on a phone with JavaScript off (the /audit page's
// form is a plain GET), a supervisor downloads the PDF of today's incidents of their store, and its
// text — read by a real extractor, pdf.js — holds the Chinese step names of a case walked through
// 暂停交易 and 重新核实, and the chain's verification. A cashier is refused the page.
import fs from "node:fs/promises";
import { pdfText } from "@/tests/helpers/pdf-text";
import { completeStep, expect, PHONE, seriousAccessibilityViolations, test } from "./fixtures";

test.use({ locale: "zh-CN" });

test("a supervisor downloads the audit PDF in Chinese from /audit without JavaScript; its text names the steps", async ({
  pageAs,
  apiAs,
  createIncident,
}) => {
  const incident = await createIncident("supervisor", { description: "审计导出测试" });
  const supervisorApi = await apiAs("supervisor");
  await completeStep(supervisorApi, incident.id, "halt");
  await completeStep(supervisorApi, incident.id, "reverify");

  const page = await pageAs("supervisor", { ...PHONE, javaScriptEnabled: false });
  await page.goto("/audit");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("审计与合规");
  const today = new Date().toISOString().slice(0, 10);
  await page.getByLabel("开始日期（发生日期）").fill(today);
  await page.getByLabel("结束日期").fill(today);
  await page.getByLabel("门店").selectOption({ label: "Store 1" });
  await expect(page.getByLabel("报告语言")).toHaveValue("zh-CN");

  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("audit-download-pdf").click()]);
  expect(download.suggestedFilename()).toMatch(/^audit-report-zh-CN-\d{4}-\d{2}-\d{2}\.pdf$/);
  const bytes = await fs.readFile(await download.path());
  expect(bytes.subarray(0, 5).toString()).toBe("%PDF-");
  const text = (await pdfText(new Uint8Array(bytes))).replace(/\s+/g, "");
  expect(text).toContain("审计报告");
  expect(text).toContain(incident.reference);
  expect(text).toContain("完成步骤：暂停交易");
  expect(text).toContain("完成步骤：重新核实");
  for (const step of ["暂停交易", "重新核实", "通知", "补签", "对账"]) expect(text).toContain(step);
  expect(text).toContain("审计记录校验");

  // The export is on record, and the page now shows the checkpoint it signed.
  await page.goto("/audit");
  await expect(page.getByTestId("audit-quick-check")).toHaveAttribute("data-status", "ok");
  await expect(page.getByTestId("audit-checkpoint")).toBeVisible();
});

test("a cashier is refused the audit page and its exports", async ({ pageAs, apiAs }) => {
  const page = await pageAs("cashier");
  await page.goto("/audit");
  await expect(page.getByTestId("audit-forbidden")).toBeVisible();
  const cashier = await apiAs("cashier");
  expect((await cashier.get("/api/audit/export.csv")).status()).toBe(403);
  expect((await cashier.get("/api/audit/export.pdf?lang=zh-CN")).status()).toBe(403);
});

test("the audit page has no serious accessibility problems, in Chinese and in English", async ({ pageAs }) => {
  for (const locale of ["zh-CN", "en-GB"]) {
    const page = await pageAs("finance", { ...PHONE, locale });
    await page.goto("/audit?verify=1");
    await expect(page.getByTestId("audit-full-check")).toBeVisible();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
  }
});
