// axe on every page of the product, as the role that uses it: no serious or critical violation.
import { completeStep, type DemoUser, expect, PHONE, seriousAccessibilityViolations, test } from "./fixtures";

type PageUnderTest = { path: string | ((incidentId: string) => string); user: DemoUser | null; ready: string };

const PAGES: PageUnderTest[] = [
  { path: "/login", user: null, ready: "Sign in to Slipcase" },
  { path: "/incidents/new", user: "cashier", ready: "Log incident" },
  { path: "/incidents", user: "supervisor", ready: "Incidents" },
  { path: (id) => `/incidents/${id}`, user: "supervisor", ready: "INC-" },
  { path: "/finance", user: "finance", ready: "Reconcile queue" },
  { path: "/admin", user: "admin", ready: "Administration" },
];

for (const { path, user, ready } of PAGES) {
  const name = typeof path === "string" ? path : path("{id}");
  test(`${name} has no serious or critical accessibility violations for ${user ?? "a signed-out visitor"}`, async ({
    page,
    pageAs,
    apiAs,
    createIncident,
  }) => {
    let url: string;
    if (typeof path === "string") {
      url = path;
    } else {
      // Mid-walk, so the page carries the re-sign form (radios, checkbox, note) as well as done steps.
      const incident = await createIncident("cashier");
      const supervisorApi = await apiAs("supervisor");
      for (const key of ["halt", "reverify", "notify"] as const) await completeStep(supervisorApi, incident.id, key);
      url = path(incident.id);
    }
    const tab = user ? await pageAs(user) : page;
    await tab.goto(url);
    await expect(tab.getByRole("heading", { level: 1 })).toContainText(ready);

    expect(await seriousAccessibilityViolations(tab)).toEqual([]);
  });
}

test("/incidents/new on a phone, showing its validation errors, has no serious or critical accessibility violations", async ({
  pageAs,
}) => {
  const cashier = await pageAs("cashier", PHONE);
  await cashier.goto("/incidents/new");
  await cashier.getByRole("button", { name: "Log incident" }).click();
  await expect(cashier.getByRole("alert").filter({ hasText: /\S/ })).toContainText("Check the highlighted fields.");
  await expect(cashier.getByLabel("Kind")).toHaveAttribute("aria-invalid", "true");

  expect(await seriousAccessibilityViolations(cashier)).toEqual([]);
});

test.describe("in Chinese", () => {
  test.use({ locale: "zh-CN" });

  test("/incidents/new has no serious or critical accessibility violations for a cashier", async ({ pageAs }) => {
    const cashier = await pageAs("cashier");
    await cashier.goto("/incidents/new");
    await expect(cashier.getByRole("heading", { level: 1 })).toHaveText("登记事件");
    await expect(cashier.locator("html")).toHaveAttribute("lang", "zh-CN");

    expect(await seriousAccessibilityViolations(cashier)).toEqual([]);
  });
});
