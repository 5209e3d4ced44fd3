// The duplicate check in the cashier's form: the same RRN logged twice shows the first incident
// ("INC-000123 looks like the same mishap — open it, or log anyway") instead of logging it; "Log
// anyway" logs it, and its timeline says it was logged although it looked like the first.
import { randomInt } from "node:crypto";
import { incidentIdFromUrl, timelineEvents, UI } from "./casework";
import { expect, fetchIncident, TERMINALS, test, uniqueRrn } from "./fixtures";

const en = UI.en;

test("the same RRN logged twice in the form is caught, and can be logged anyway", async ({ pageAs, apiAs }) => {
  const rrn = uniqueRrn();
  const cashier = await pageAs("cashier");

  async function fillSlip(amount: string) {
    await cashier.goto("/incidents/new");
    await cashier.getByLabel(en.form.kind).selectOption({ label: en.unsignedSlip });
    await cashier.getByLabel(en.form.terminal).selectOption(TERMINALS.store1);
    await cashier.getByLabel(en.form.amount).fill(amount);
    await cashier.getByLabel(en.rrn).fill(rrn);
  }

  const first = await test.step("the first slip is logged", async () => {
    await fillSlip(`${randomInt(100, 1000)}.10`);
    await cashier.getByRole("button", { name: en.logIncident }).click();
    await expect(cashier).toHaveURL(/\/incidents\/(?!new)[^/]+$/);
    const id = incidentIdFromUrl(cashier.url());
    const reference = (await cashier.getByRole("heading", { level: 1 }).textContent())?.trim() ?? "";
    expect(reference).toMatch(/^INC-\d{6}$/);
    return { id, reference };
  });

  await test.step("the same RRN again shows the first incident instead of logging", async () => {
    await fillSlip(`${randomInt(100, 1000)}.20`);
    await cashier.getByRole("button", { name: en.logIncident }).click();
    const warning = cashier.getByTestId("duplicate-warning");
    await expect(warning).toContainText(`${first.reference} looks like the same mishap — open it, or log anyway.`);
    await expect(warning.getByRole("link", { name: first.reference })).toHaveAttribute(
      "href",
      `/incidents/${first.id}`,
    );
    await expect(cashier).toHaveURL(/\/incidents\/new/);
    const api = await apiAs("cashier");
    const list = await api.get(`/api/incidents?q=${rrn}`);
    expect(((await list.json()) as { items: unknown[] }).items).toHaveLength(1);
  });

  await test.step("Log anyway logs it, and its timeline says what it looked like", async () => {
    await cashier.getByRole("button", { name: "Log anyway" }).click();
    await expect(cashier).toHaveURL(/\/incidents\/(?!new)[^/]+$/);
    const secondId = incidentIdFromUrl(cashier.url());
    expect(secondId).not.toBe(first.id);
    await expect(timelineEvents(cashier, "en").first()).toContainText(
      `Logged anyway, although it looked like ${first.reference}`,
    );
    const second = await fetchIncident(await apiAs("cashier"), secondId);
    expect(second.rrn).toBe(rrn);
  });
});
