// The wrong role and the wrong store, in the page and in the API behind it: a page that hides an
// action is not enough, so every refusal is also forced through the API.
import { checklistStep, UI } from "./casework";
import { completeStep, expect, fetchIncident, postStepAction, TERMINALS, test } from "./fixtures";

const en = UI.en;

test("a cashier is offered no Complete for Notify or Reconcile, and the API refuses both with 403", async ({
  apiAs,
  pageAs,
  createIncident,
}) => {
  const incident = await createIncident("cashier");
  const cashierApi = await apiAs("cashier");
  await completeStep(cashierApi, incident.id, "halt");
  await completeStep(cashierApi, incident.id, "reverify");

  const cashier = await pageAs("cashier");
  await cashier.goto(`/incidents/${incident.id}`);
  const notify = checklistStep(cashier, "en", en.steps.notify);
  // Notify is the current step, so only the role keeps the cashier from completing it.
  await expect(notify).toHaveAttribute("aria-current", "step");
  await expect(notify).toContainText("Waiting for: Supervisor or Admin.");
  await expect(notify.getByRole("button", { name: en.complete })).toHaveCount(0);
  await expect(checklistStep(cashier, "en", en.steps.reconcile).getByRole("button")).toHaveCount(0);
  await expect(cashier.getByRole("button", { name: en.complete })).toHaveCount(0);

  for (const key of ["notify", "reconcile"] as const) {
    const refused = await postStepAction(cashierApi, incident.id, key, { action: "complete" });
    expect(refused.status(), key).toBe(403);
    expect((await refused.json()).error.code).toBe("FORBIDDEN");
  }
  const after = await fetchIncident(cashierApi, incident.id);
  expect(after.steps.map((step) => step.status)).toEqual(["done", "done", "pending", "pending", "pending"]);
});

test("finance is offered no close form and the API refuses to let finance close an incident", async ({
  apiAs,
  pageAs,
  createIncident,
}) => {
  const incident = await createIncident("supervisor", { kind: "wrong_amount" });
  const supervisorApi = await apiAs("supervisor");
  const financeApi = await apiAs("finance");
  for (const key of ["halt", "reverify", "notify"] as const) await completeStep(supervisorApi, incident.id, key);
  await completeStep(financeApi, incident.id, "reconcile");

  // Every step is done, so only the role keeps finance from closing it.
  const finance = await pageAs("finance");
  await finance.goto(`/incidents/${incident.id}`);
  await expect(finance.getByText("Close the incident", { exact: true })).toBeVisible();
  await expect(finance.getByRole("button", { name: en.closeIncident })).toHaveCount(0);
  await expect(finance.getByLabel(en.resolution)).toHaveCount(0);

  const { version } = await fetchIncident(financeApi, incident.id);
  const refused = await financeApi.post(`/api/incidents/${incident.id}/close`, {
    data: { resolution: "voided", causes: ["distraction"], recoveredAmount: "0", lostAmount: "0", version },
  });
  expect(refused.status()).toBe(403);
  expect((await fetchIncident(financeApi, incident.id)).status).toBe("IN_PROGRESS");

  const supervisor = await pageAs("supervisor");
  await supervisor.goto(`/incidents/${incident.id}`);
  await expect(supervisor.getByRole("button", { name: en.closeIncident })).toBeVisible();
});

test("a cashier who opens /admin is told it is not allowed and sees no staff or stores", async ({ pageAs, apiAs }) => {
  const cashier = await pageAs("cashier");
  await cashier.goto("/admin");
  await expect(cashier.getByRole("heading", { level: 1 })).toHaveText("Not allowed");
  await expect(cashier.getByRole("heading", { name: "Staff" })).toHaveCount(0);
  await expect(cashier.getByText("supervisor@demo.test")).toHaveCount(0);
  expect((await (await apiAs("cashier")).get("/api/admin/users")).status()).toBe(403);

  const admin = await pageAs("admin");
  await admin.goto("/admin");
  await expect(admin.getByRole("heading", { level: 1 })).toHaveText("Administration");
  await expect(admin.getByText("supervisor@demo.test")).toBeVisible();
});

test("a Store 2 cashier gets not found for a Store 1 incident, in the page, the API and the list", async ({
  apiAs,
  pageAs,
  createIncident,
}) => {
  const incident = await createIncident("cashier", { terminalId: TERMINALS.store1 });

  const outsider = await pageAs("cashier2");
  const response = await outsider.goto(`/incidents/${incident.id}`);
  expect(response?.status()).toBe(404);
  await expect(outsider.getByRole("heading", { level: 1 })).toHaveText("Incident not found");
  await expect(outsider.getByText(incident.reference)).toHaveCount(0);

  const outsiderApi = await apiAs("cashier2");
  const read = await outsiderApi.get(`/api/incidents/${incident.id}`);
  expect(read.status()).toBe(404);
  const act = await outsiderApi.post(`/api/incidents/${incident.id}/steps/halt`, {
    data: { action: "complete", version: incident.version },
  });
  expect(act.status()).toBe(404);
  const listed = await outsiderApi.get(`/api/incidents?q=${incident.rrn}`);
  expect((await listed.json()).items).toEqual([]);

  await outsider.goto(`/incidents?q=${incident.rrn}`);
  await expect(outsider.getByText("No incidents match these filters.")).toBeVisible();
  await expect(outsider.getByRole("link", { name: incident.reference })).toHaveCount(0);

  // The same search in Store 1 finds it, so the empty list above is the store boundary at work.
  const insider = await pageAs("supervisor");
  await insider.goto(`/incidents?q=${incident.rrn}`);
  await expect(insider.getByRole("link", { name: incident.reference, exact: true })).toBeVisible();
  expect((await fetchIncident(await apiAs("supervisor"), incident.id)).steps[0].status).toBe("pending");
});
