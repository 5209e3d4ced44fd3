// Issue 10: drills (模拟演练) in the browser. A supervisor starts a drill for a cashier from
// /training; the cashier finds it in their incident list marked as a drill, opens it (marked in
// the header too), walks Halt, and the training record counts it. Once in English, once in
// Chinese, on a phone. And the start form works without JavaScript.
import { checklistStep, UI } from "./casework";
import { expect, PHONE, seriousAccessibilityViolations, test } from "./fixtures";

const WORDS = {
  en: {
    title: "Training",
    kindLabel: "Kind of incident",
    cashierLabel: "Cashier",
    start: "Start drill",
    started: "Drill started.",
    drill: "Drill",
    kind: "wrong_card",
    kindName: "Wrong card charged",
  },
  "zh-CN": {
    title: "培训记录",
    kindLabel: "差错类型",
    cashierLabel: "收银员",
    start: "发起演练",
    started: "演练已发起。",
    drill: "演练",
    kind: "terminal_fault",
    kindName: "终端/打印机/网络故障",
  },
} as const;

for (const language of ["en", "zh-CN"] as const) {
  test.describe(language, () => {
    test.use({ locale: language });

    test(`${language}: a supervisor starts a drill, the cashier walks it as a drill, the training record counts it`, async ({
      pageAs,
    }) => {
      const words = WORDS[language];
      const ui = UI[language];
      const supervisor = await pageAs("supervisor", PHONE);
      await supervisor.goto("/training");
      await expect(supervisor.getByRole("heading", { level: 1 })).toHaveText(words.title);
      const cai = supervisor.getByTestId("training-person").filter({ hasText: "Cai Cashier" });
      const counts = cai.locator(`[data-kind="${words.kind}"]`).getByTestId("training-counts");
      await expect(counts).toHaveText("0 / 0");

      const form = supervisor.getByTestId("start-drill-form");
      await form.getByRole("combobox", { name: words.kindLabel }).selectOption(words.kind);
      await form
        .getByRole("combobox", { name: words.cashierLabel, exact: true })
        .selectOption({ label: "Cai Cashier · Store 1" });
      await form.getByRole("button", { name: words.start }).click();
      await expect(form.getByRole("status")).toContainText(words.started);
      await expect(counts).toHaveText("0 / 1");
      expect(await seriousAccessibilityViolations(supervisor)).toEqual([]);

      const cashier = await pageAs("cashier", PHONE);
      await cashier.goto("/incidents");
      const row = cashier
        .getByTestId("incident-row")
        .filter({ hasText: words.kindName })
        .filter({ has: cashier.getByTestId("drill-badge") });
      await expect(row).toHaveCount(1);
      await expect(row.getByTestId("drill-badge")).toHaveText(words.drill);
      await row.getByRole("link").click();
      await expect(cashier).toHaveURL(/\/incidents\/(?!new)[^/]+$/);
      await expect(cashier.getByTestId("incident-drill")).toHaveText(words.drill);
      await expect(cashier.getByTestId("incident-drill-note")).toContainText("Cai Cashier");
      expect(await seriousAccessibilityViolations(cashier)).toEqual([]);
      const halt = checklistStep(cashier, language, ui.steps.halt);
      await halt.getByRole("button", { name: ui.complete }).click();
      await expect(halt.getByText(ui.stepDone, { exact: true })).toBeVisible();

      // Told in the inbox, marked as a drill.
      await cashier.goto("/notifications");
      await expect(cashier.getByTestId("notification").filter({ hasText: words.kindName }).first()).toContainText(
        words.drill,
      );

      // The cashier's own record shows the drill started, not yet finished.
      await cashier.goto("/training");
      const own = cashier.getByTestId("training-person");
      await expect(own).toHaveCount(1);
      await expect(own.locator(`[data-kind="${words.kind}"]`).getByTestId("training-counts")).toHaveText("0 / 1");
      await expect(cashier.getByTestId("start-drill-form")).toHaveCount(0);
    });
  });
}

test("the start form works without JavaScript", async ({ pageAs }) => {
  const supervisor = await pageAs("supervisor", { javaScriptEnabled: false });
  await supervisor.goto("/training");
  const form = supervisor.getByTestId("start-drill-form");
  // Nothing chosen: the server names the fields.
  await form.getByRole("button", { name: "Start drill" }).click();
  await expect(supervisor.getByRole("combobox", { name: "Kind of incident" })).toHaveAttribute("aria-invalid", "true");
  await expect(supervisor.getByRole("combobox", { name: "Cashier", exact: true })).toHaveAttribute(
    "aria-invalid",
    "true",
  );
  await supervisor.getByRole("combobox", { name: "Kind of incident" }).selectOption("pin_error");
  await supervisor
    .getByRole("combobox", { name: "Cashier", exact: true })
    .selectOption({ label: "Cai Cashier · Store 1" });
  await supervisor.getByRole("button", { name: "Start drill" }).click();
  await expect(supervisor.getByTestId("start-drill-form").getByRole("status")).toContainText("Drill started.");
});

test("the admin reads the training records a page at a time", async ({ pageAs }) => {
  // At least the demo's two cashiers (other specs may add more): a page of one shows the first by
  // name and links to the next, which shows someone else and links back to the first.
  const admin = await pageAs("admin");
  await admin.goto("/training?limit=1");
  const people = admin.getByTestId("training-person");
  await expect(people).toHaveCount(1);
  const first = await people.getAttribute("data-user");
  await admin.getByTestId("training-next").click();
  await expect(admin).toHaveURL(/cursor=/);
  await expect(people).toHaveCount(1);
  expect(await people.getAttribute("data-user")).not.toBe(first);
  await admin.getByRole("link", { name: "First people" }).click();
  await expect(people).toHaveAttribute("data-user", first ?? "");
});
