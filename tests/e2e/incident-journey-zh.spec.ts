// The journey once in Simplified Chinese (the browser asks for zh-CN): the form, the supervisor's
// inbox, the checklist with its Chinese step names, closing, the timeline and the prevention
// action all speak Chinese.
import { randomInt } from "node:crypto";
import { checklistStep, incidentIdFromUrl, incidentStatus, timelineEvents, UI } from "./casework";
import { completeStep, expect, PHONE, TERMINALS, test, uniqueRrn } from "./fixtures";

const zh = UI["zh-CN"];

test.use({ locale: "zh-CN" });

test("in Chinese, an unsigned slip logged through the form is walked through 暂停交易 to 对账 and closed", async ({
  pageAs,
  apiAs,
}) => {
  const cashier = await pageAs("cashier", PHONE);

  const incidentId = await test.step("the cashier logs the incident through the Chinese form", async () => {
    await cashier.goto("/incidents/new");
    await expect(cashier.getByRole("heading", { level: 1 })).toHaveText(zh.logIncident);
    await cashier.getByLabel(zh.form.kind).selectOption({ label: zh.unsignedSlip });
    await cashier.getByLabel(zh.form.terminal).selectOption(TERMINALS.store1);
    await cashier.getByLabel(zh.form.amount).fill(`${randomInt(100, 1000)}.50`);
    await cashier.getByLabel(zh.form.cardLast4).fill(String(randomInt(1000, 10_000)));
    await cashier.getByLabel(zh.rrn).fill(uniqueRrn());
    await cashier.getByLabel(zh.description).fill("顾客未签名即离店。");
    await cashier.getByRole("button", { name: zh.logIncident }).click();

    await expect(cashier).toHaveURL(/\/incidents\/(?!new)[^/]+$/);
    return incidentIdFromUrl(cashier.url());
  });

  await test.step("the checklist names every step in Chinese", async () => {
    await expect(incidentStatus(cashier)).toHaveText("待处理");
    for (const stepName of Object.values(zh.steps)) {
      await expect(checklistStep(cashier, "zh-CN", stepName)).toHaveCount(1);
    }
  });

  const supervisor = await pageAs("supervisor");
  await test.step("the supervisor finds it in the Chinese inbox (消息) and opens it", async () => {
    const reference = (await cashier.getByTestId("incident-reference").textContent())?.trim() ?? "";
    expect(reference).toMatch(/^INC-\d{6}$/);
    await supervisor.goto("/notifications");
    await expect(supervisor.getByRole("heading", { level: 1 })).toHaveText("消息");
    const told = supervisor.getByTestId("notification").filter({ hasText: reference });
    await expect(told).toContainText(`登记了一起“${zh.unsignedSlip}”，登记人 Cai Cashier`);
    await told.getByRole("button", { name: `打开 ${reference}` }).click();
    await expect(supervisor).toHaveURL(new RegExp(`/incidents/${incidentId}$`));
  });

  await test.step("the supervisor completes Halt to Re-sign from the Chinese page", async () => {
    for (const stepName of [zh.steps.halt, zh.steps.reverify, zh.steps.notify]) {
      const step = checklistStep(supervisor, "zh-CN", stepName);
      await step.getByRole("button", { name: zh.complete }).click();
      await expect(step.getByText(zh.stepDone, { exact: true })).toBeVisible();
    }
    const resign = checklistStep(supervisor, "zh-CN", zh.steps.resign);
    await resign.getByRole("radio", { name: zh.contactMethodPhone }).check();
    await resign.getByRole("checkbox", { name: zh.identityVerified }).check();
    await resign.getByRole("button", { name: zh.complete }).click();
    await expect(resign.getByText(zh.stepDone, { exact: true })).toBeVisible();
  });

  await test.step("finance reconciles (through the API) and the supervisor closes it", async () => {
    await completeStep(await apiAs("finance"), incidentId, "reconcile");
    await supervisor.reload();
    await expect(
      checklistStep(supervisor, "zh-CN", zh.steps.reconcile).getByText(zh.stepDone, { exact: true }),
    ).toBeVisible();
    await supervisor.getByLabel(zh.resolution).selectOption({ label: "已补签" });
    await supervisor.getByRole("checkbox", { name: "打印机卡纸或缺纸" }).check();
    await supervisor.getByLabel(zh.recoveredAmount).fill("0");
    await supervisor.getByLabel(zh.lostAmount).fill("0");
    await supervisor.getByRole("button", { name: zh.closeIncident }).click();
    await expect(incidentStatus(supervisor)).toHaveText(zh.closed);
    await expect(supervisor.getByTestId("incident-causes")).toHaveText("打印机卡纸或缺纸");
  });

  await test.step("the timeline tells the story in Chinese", async () => {
    const events = timelineEvents(supervisor, "zh-CN");
    await expect(events).toHaveCount(10);
    const titles = [
      "登记事件",
      "已按应急预案通知：Sam Supervisor",
      "已查看通知",
      `完成步骤：${zh.steps.halt}`,
      `完成步骤：${zh.steps.reverify}`,
      `完成步骤：${zh.steps.notify}`,
      "已通知：Fay Finance",
      `完成步骤：${zh.steps.resign}`,
      `完成步骤：${zh.steps.reconcile}`,
      "关闭：已补签",
    ];
    for (const [index, title] of titles.entries()) await expect(events.nth(index)).toContainText(title);
  });

  await test.step("预防措施: the supervisor assigns one to the cashier, who completes it, all in Chinese", async () => {
    const create = supervisor.getByTestId("prevention-create-form");
    await create.getByLabel("改进类型").selectOption({ label: "更换设备（打印机、终端）" });
    const owner = create.getByLabel("负责人");
    const cashierOption = await owner.locator("option", { hasText: "Cai Cashier" }).getAttribute("value");
    await owner.selectOption(cashierOption ?? "");
    await create.getByLabel("要做什么").fill("更换 1 号收银台的打印机");
    await create.getByRole("button", { name: "添加预防措施" }).click();
    await expect(supervisor.getByTestId("prevention-item")).toContainText("更换 1 号收银台的打印机");

    await cashier.goto("/prevention");
    await expect(cashier.getByRole("heading", { level: 1 })).toHaveText("预防措施");
    const mine = cashier.getByTestId("prevention-item").filter({ hasText: "更换 1 号收银台的打印机" });
    await mine.getByLabel("做了什么").fill("已换新打印机");
    await mine.getByRole("button", { name: "标记完成" }).click();
    await expect(mine.getByTestId("prevention-done")).toContainText("Cai Cashier 已完成");
  });
});
