// Issue 9: the admin records a terminal's model, software, last update and the provider's support
// contact on /admin; a supervisor handling a terminal_fault incident on it sees them, with the
// terminal flagged while its software is older than the admin's threshold.
import { randomInt } from "node:crypto";
import { expect, TERMINALS, test } from "./fixtures";

test("the admin records a terminal's details and the supervisor sees them, flagged, on a terminal fault", async ({
  apiAs,
  pageAs,
  createIncident,
}) => {
  const admin = await apiAs("admin");
  // A terminal of its own, in the store the demo cashier and supervisor work in.
  const terminals = (await (await admin.get("/api/admin/terminals")).json()) as {
    items: { tid: string; storeId: string }[];
  };
  const storeId = terminals.items.find((terminal) => terminal.tid === TERMINALS.store1)?.storeId;
  expect(storeId).toBeTruthy();
  const tid = `D${String(randomInt(10_000_000)).padStart(7, "0")}`;
  const added = await admin.post("/api/admin/terminals", { data: { storeId, tid } });
  expect(added.status(), await added.text()).toBe(201);

  try {
    const adminPage = await pageAs("admin");
    await adminPage.goto("/admin");
    const row = adminPage
      .getByRole("row")
      .filter({ has: adminPage.getByRole("rowheader", { name: tid, exact: true }) });
    // Nothing recorded yet: the update day is unknown, which is flagged.
    await expect(row).toContainText("Software update date unknown");

    const form = row.getByRole("form", { name: `Details of terminal ${tid}` });
    // Once in CI the details stayed shut after the click and the test waited two minutes for the
    // form (cause not found: no hydration mismatch on /admin, and a details opened before hydration
    // stays open): open it until the form shows, so a lost click is clicked again.
    await expect(async () => {
      if (!(await form.isVisible())) await row.locator("summary").click();
      await expect(form.getByLabel("Model")).toBeVisible({ timeout: 1_000 });
    }).toPass({ timeout: 15_000 });
    await form.getByLabel("Model").fill("PAX A920");
    await form.getByLabel("Software version").fill("V1.4.2");
    await form.getByLabel("Software last updated").fill("2024-01-15");
    await form.getByLabel("Provider support").fill("Lakala hotline 400-666-8888");
    await form.getByRole("button", { name: `Save details ${tid}` }).click();
    await expect(form.getByText("Details saved.")).toBeVisible();
    await adminPage.reload();
    await expect(row).toContainText("PAX A920");
    await expect(row).toContainText("V1.4.2");
    await expect(row).toContainText("2024-01-15");
    await expect(row).toContainText("Software outdated");

    const incident = await createIncident("cashier", {
      kind: "terminal_fault",
      terminalId: tid,
      description: "Terminal froze while printing.",
    });

    const supervisor = await pageAs("supervisor");
    await supervisor.goto(`/incidents/${incident.id}`);
    const panel = supervisor.getByRole("region", { name: `Terminal ${tid}` });
    await expect(panel.getByTestId("incident-terminal-model")).toHaveText("PAX A920");
    await expect(panel.getByTestId("incident-terminal-softwareVersion")).toHaveText("V1.4.2");
    await expect(panel.getByTestId("incident-terminal-softwareUpdatedAt")).toHaveText("2024-01-15");
    await expect(panel.getByTestId("incident-terminal-supportContact")).toHaveText("Lakala hotline 400-666-8888");
    await expect(panel).toContainText("Software outdated (over 180 days)");

    // The same page in Chinese.
    const supervisorZh = await pageAs("supervisor", { locale: "zh-CN" });
    await supervisorZh.goto(`/incidents/${incident.id}`);
    const panelZh = supervisorZh.getByRole("region", { name: `终端 ${tid}` });
    await expect(panelZh).toContainText("软件过旧（超过 180 天未更新）");
    await expect(panelZh).toContainText("型号");
    await expect(panelZh.getByTestId("incident-terminal-supportContact")).toHaveText("Lakala hotline 400-666-8888");

    // The admin allows ten years on the admin page: the same incident shows the software current.
    const thresholdForm = adminPage.getByRole("form", { name: "Terminal software" });
    await thresholdForm.getByLabel("Flag after (days)").fill("3650");
    await thresholdForm.getByRole("button", { name: "Save" }).click();
    await expect(thresholdForm.getByText("Saved. Terminals are flagged against the new number of days.")).toBeVisible();
    await supervisor.reload();
    await expect(panel).toContainText("Software up to date");
    await expect(panel).not.toContainText("Software outdated");
  } finally {
    const reset = await admin.put("/api/admin/terminal-software", { data: { maxAgeDays: 180 } });
    expect(reset.status()).toBe(200);
  }
});
