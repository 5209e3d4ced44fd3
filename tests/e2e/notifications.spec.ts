// Issue 9: the emergency plan at work in the browser. A cashier logs an incident through the form;
// the store's supervisor signs in, sees the bell's unread count, finds the notification in the
// inbox and opens the incident from it (which marks it read). Once in English, once in Chinese.
import { randomInt } from "node:crypto";
import type { Page } from "@playwright/test";
import { incidentIdFromUrl, UI } from "./casework";
import { expect, PHONE, TERMINALS, test, uniqueRrn } from "./fixtures";

const INBOX = {
  en: { title: "Notifications", open: "Open", bell: /^Notifications, \d+ unread$/, kind: "Unsigned slip" },
  "zh-CN": { title: "消息", open: "打开", bell: /^消息，\d+ 条未读$/, kind: "签购单未签名" },
} as const;

async function logThroughTheForm(cashier: Page, language: "en" | "zh-CN"): Promise<{ id: string; reference: string }> {
  const ui = UI[language];
  await cashier.goto("/incidents/new");
  await cashier.getByLabel(ui.form.kind).selectOption({ label: ui.unsignedSlip });
  await cashier.getByLabel(ui.form.terminal).selectOption(TERMINALS.store1);
  await cashier.getByLabel(ui.form.amount).fill(`${randomInt(100, 1000)}.20`);
  await cashier.getByLabel(ui.form.cardLast4).fill(String(randomInt(1000, 10_000)));
  await cashier.getByLabel(ui.rrn).fill(uniqueRrn());
  await cashier.getByRole("button", { name: ui.logIncident }).click();
  await expect(cashier).toHaveURL(/\/incidents\/(?!new)[^/]+$/);
  const id = incidentIdFromUrl(cashier.url());
  const reference = (await cashier.getByTestId("incident-reference").textContent())?.trim() ?? "";
  expect(reference).toMatch(/^INC-\d{6}$/);
  return { id, reference };
}

for (const language of ["en", "zh-CN"] as const) {
  test.describe(language, () => {
    test.use({ locale: language });

    test(`${language}: the supervisor is told of the cashier's incident, sees the bell and opens it from the inbox`, async ({
      pageAs,
    }) => {
      const words = INBOX[language];
      const cashier = await pageAs("cashier", PHONE);
      const incident = await logThroughTheForm(cashier, language);
      // The cashier who logged it is not told of their own action.
      await cashier.goto("/notifications");
      await expect(cashier.getByRole("heading", { level: 1 })).toHaveText(words.title);
      await expect(cashier.getByTestId("notification").filter({ hasText: incident.reference })).toHaveCount(0);

      const supervisor = await pageAs("supervisor");
      await supervisor.goto("/incidents");
      const bell = supervisor.getByTestId("notification-bell");
      await expect(bell).toHaveAccessibleName(words.bell);
      expect(Number(await bell.getAttribute("data-unread"))).toBeGreaterThanOrEqual(1);

      await bell.click();
      await expect(supervisor).toHaveURL(/\/notifications$/);
      const item = supervisor.getByTestId("notification").filter({ hasText: incident.reference });
      await expect(item).toHaveCount(1);
      await expect(item).toHaveAttribute("data-unread", "true");
      await expect(item).toContainText(words.kind);
      await expect(item).toContainText("Cai Cashier");

      await item.getByRole("button", { name: new RegExp(`^${words.open} ${incident.reference}$`) }).click();
      await expect(supervisor).toHaveURL(new RegExp(`/incidents/${incident.id}$`));
      await expect(supervisor.getByTestId("incident-reference")).toHaveText(incident.reference);
      // Opened from the inbox = read.
      await supervisor.goto("/notifications");
      await expect(supervisor.getByTestId("notification").filter({ hasText: incident.reference })).toHaveAttribute(
        "data-unread",
        "false",
      );
    });
  });
}

test("the emergency plan page is the admin's; a cashier is told it is not theirs", async ({ pageAs }) => {
  const cashier = await pageAs("cashier");
  await cashier.goto("/admin/plan");
  await expect(cashier.getByTestId("plan-forbidden")).toBeVisible();

  const admin = await pageAs("admin");
  await admin.goto("/admin/plan?kind=terminal_fault");
  await expect(admin.getByRole("heading", { level: 1 })).toHaveText("Emergency plan");
  const onNotify = admin.getByTestId("audience-onNotify");
  await expect(onNotify.getByRole("checkbox", { name: "Finance" })).toBeChecked();
  await onNotify.getByRole("checkbox", { name: "Admin" }).check();
  await admin.getByRole("button", { name: "Save plan" }).click();
  await expect(admin.getByText("Plan saved.")).toBeVisible();
  await admin.reload();
  await expect(admin.getByTestId("audience-onNotify").getByRole("checkbox", { name: "Admin" })).toBeChecked();
  await expect(admin.getByTestId("plan-status")).not.toContainText("Default plan");
  // Back as it was, for the other specs.
  await admin.getByTestId("audience-onNotify").getByRole("checkbox", { name: "Admin" }).uncheck();
  await admin.getByRole("button", { name: "Save plan" }).click();
  await expect(admin.getByText("Plan saved.")).toBeVisible();
});
