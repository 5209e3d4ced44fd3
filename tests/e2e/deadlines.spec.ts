// Issue 9: deadlines in the browser, against the two running instances. A case logged days after
// the mishap has passed its halt deadline: nobody opens a page, yet the servers' deadline job
// escalates it — the store's supervisor finds it in the inbox, once although two instances run the
// job — and the incident page shows each step's deadline, overdue in red, and the escalation on
// the timeline. Once in Chinese: a fresh case counts down to each step's deadline.
import { timelineEvents, UI } from "./casework";
import { expect, PHONE, test } from "./fixtures";

const DAY = 86_400_000;

test("a passed deadline is escalated by the servers' job without anyone opening a page, once, and shown on the incident", async ({
  createIncident,
  pageAs,
}) => {
  const incident = await createIncident("cashier", {
    kind: "wrong_amount",
    occurredAt: new Date(Date.now() - 3 * DAY).toISOString(),
  });
  expect(incident.deadlines.find((deadline) => deadline.step === "halt")?.status).toBe("missed");

  const supervisor = await pageAs("supervisor");
  const escalation = supervisor
    .getByTestId("notification")
    .filter({ hasText: incident.reference })
    .filter({ hasText: "Halt was due" });
  // The job runs every DEADLINE_SWEEP_MS (3 s here, 15 s by default) on both instances.
  await expect(async () => {
    await supervisor.goto("/notifications");
    await expect(escalation).toHaveCount(1, { timeout: 1_000 });
  }).toPass({ timeout: 45_000 });
  await expect(escalation).toContainText("and is not done (Wrong amount keyed at Store 1)");
  // A few sweeps later there is still one: each move is made once, whichever instance made it.
  await supervisor.waitForTimeout(7_000);
  await supervisor.reload();
  await expect(escalation).toHaveCount(1);

  await supervisor.goto(`/incidents/${incident.id}`);
  const halt = supervisor.getByTestId("deadline-halt");
  await expect(halt).toHaveAttribute("data-status", "missed");
  // The cut-off fell on the mishap's evening (or the next one, after 23:00): two or three days ago.
  await expect(halt).toContainText(/Overdue — was due [23] days ago/);
  await expect(supervisor.getByTestId("close-deadline")).toContainText("Due in 27 days");
  // Two days and more past: the ladder's both levels were due — the supervisor, then a day later the admin.
  const escalations = timelineEvents(supervisor, "en").filter({ hasText: "Deadline passed: Halt" });
  await expect(escalations).toHaveCount(2);
  await expect(escalations.nth(0)).toContainText("escalated (level 1) to Sam Supervisor");
  await expect(escalations.nth(1)).toContainText("escalated (level 2) to Ada Admin");
});

test.describe("zh-CN", () => {
  test.use({ locale: "zh-CN" });

  test("in Chinese, a fresh case counts down to each step's deadline and the close", async ({
    createIncident,
    pageAs,
  }) => {
    const incident = await createIncident("cashier", { kind: "unsigned_slip" });
    const cashier = await pageAs("cashier", PHONE);
    await cashier.goto(`/incidents/${incident.id}`);
    const resign = cashier.getByTestId("deadline-resign");
    await expect(resign).toHaveAttribute("data-status", "pending");
    await expect(resign).toContainText("3天后到期");
    await expect(cashier.getByTestId("close-deadline")).toContainText("结案期限");
    await expect(cashier.getByTestId("close-deadline")).toContainText("30天后到期");
    await expect(cashier.getByRole("heading", { name: UI["zh-CN"].checklist })).toBeVisible();
  });
});
