// Locators for the incident page and the cashier's form, by what a user sees (roles, labels,
// headings) in either language, so the specs read as the journey they walk.
import type { Locator, Page } from "@playwright/test";

/** The words of the UI the specs look for, in each language the app ships. */
export const UI = {
  en: {
    form: { kind: "Kind", terminal: "Terminal", amount: "Amount", cardLast4: "Card last 4" },
    rrn: "Reference number (RRN)",
    description: "Description",
    logIncident: "Log incident",
    checklist: "Checklist",
    timeline: "Timeline",
    complete: "Complete",
    contactMethodPhone: "Phone",
    identityVerified: "Identity verified",
    resolution: "Resolution",
    recoveredAmount: "Amount recovered",
    lostAmount: "Amount lost",
    causes: "Causes",
    closeIncident: "Close incident",
    steps: { halt: "Halt", reverify: "Re-verify", notify: "Notify", resign: "Re-sign", reconcile: "Reconcile" },
    stepDone: "Done",
    closed: "Closed",
    unsignedSlip: "Unsigned slip",
  },
  "zh-CN": {
    form: { kind: "类型", terminal: "终端", amount: "金额", cardLast4: "卡号后四位" },
    rrn: "参考号（RRN）",
    description: "描述",
    logIncident: "登记事件",
    checklist: "处理清单",
    timeline: "处理记录",
    complete: "完成",
    contactMethodPhone: "电话",
    identityVerified: "已核实身份",
    resolution: "处理结果",
    recoveredAmount: "追回金额",
    lostAmount: "损失金额",
    causes: "原因",
    closeIncident: "关闭事件",
    steps: { halt: "暂停交易", reverify: "重新核实", notify: "通知", resign: "补签", reconcile: "对账" },
    stepDone: "已完成",
    closed: "已关闭",
    unsignedSlip: "签购单未签名",
  },
} as const;
export type UiLanguage = keyof typeof UI;

/** One step of the checklist, found by its visible name. */
export function checklistStep(page: Page, language: UiLanguage, stepName: string): Locator {
  return page
    .getByRole("region", { name: UI[language].checklist })
    .getByRole("listitem")
    .filter({ has: page.getByRole("heading", { name: stepName, exact: true }) });
}

/** The events of the timeline, oldest first. */
export function timelineEvents(page: Page, language: UiLanguage): Locator {
  return page.getByRole("region", { name: UI[language].timeline }).getByRole("listitem");
}

/** The incident's status pill beside its reference. */
export function incidentStatus(page: Page): Locator {
  return page.getByTestId("incident-status");
}

/** The id at the end of an /incidents/{id} URL. */
export function incidentIdFromUrl(url: string): string {
  const match = /\/incidents\/([^/?#]+)$/.exec(new URL(url).pathname);
  if (!match || match[1] === "new") throw new Error(`Not an incident page: ${url}`);
  return match[1];
}
