// Taking a terminal or a member of staff out of service is one tap away from a mistake at the end
// of a shift: /admin asks first, in a dialog, and nothing changes until the admin confirms.
import { randomInt } from "node:crypto";
import { expect, seriousAccessibilityViolations, test } from "./fixtures";

async function created(request: import("@playwright/test").APIRequestContext, path: string, data: unknown) {
  const response = await request.post(path, { data });
  expect(response.status(), `${path}: ${await response.text()}`).toBe(201);
  return (await response.json()) as { id: string };
}

test("deactivating a terminal asks first: cancel changes nothing, confirm takes it out of service", async ({
  apiAs,
  pageAs,
}) => {
  const admin = await apiAs("admin");
  const suffix = `${Date.now().toString(36)}${randomInt(1_000)}`;
  const store = await created(admin, "/api/admin/stores", { name: `Confirm store ${suffix}` });
  const tid = `C${String(randomInt(10_000_000)).padStart(7, "0")}`;
  await created(admin, "/api/admin/terminals", { storeId: store.id, tid });

  const page = await pageAs("admin");
  await page.goto("/admin");
  const row = page.getByRole("row").filter({ has: page.getByRole("rowheader", { name: tid, exact: true }) });
  await expect(row).toContainText("In service");

  await row.getByRole("button", { name: `Deactivate ${tid}` }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText(tid);
  // Modal: the focus is inside, on the safe choice; axe finds nothing serious.
  await expect(dialog.getByRole("button", { name: "Cancel" })).toBeFocused();
  expect(await seriousAccessibilityViolations(page)).toEqual([]);
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toBeHidden();
  await page.reload();
  await expect(row).toContainText("In service");

  // The keyboard alone: Escape closes it too.
  await row.getByRole("button", { name: `Deactivate ${tid}` }).focus();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("dialog")).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(page.getByRole("dialog")).toBeHidden();
  await expect(row).toContainText("In service");

  await row.getByRole("button", { name: `Deactivate ${tid}` }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Deactivate" }).click();
  await expect(row).toContainText("Out of service");
  await page.reload();
  await expect(row).toContainText("Out of service");
});

test("deactivating a member of staff asks first: cancel changes nothing, confirm deactivates", async ({
  apiAs,
  pageAs,
}) => {
  const admin = await apiAs("admin");
  const suffix = `${Date.now().toString(36)}${randomInt(1_000)}`;
  const name = `Confirm Finance ${suffix}`;
  await created(admin, "/api/admin/users", {
    email: `confirm-${suffix}@demo.test`,
    name,
    password: `confirm-password-${suffix}`,
    role: "FINANCE",
  });

  const page = await pageAs("admin");
  await page.goto("/admin");
  const row = page.getByRole("row").filter({ has: page.getByRole("rowheader", { name }) });
  await expect(row).toContainText("Active");

  await row.getByRole("button", { name: `Deactivate (${name})` }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText(name);
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toBeHidden();
  await page.reload();
  await expect(row).toContainText("Active");

  await row.getByRole("button", { name: `Deactivate (${name})` }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Deactivate" }).click();
  await expect(row).toContainText("Deactivated");
});

test("without JavaScript the server asks the same question before it deactivates a terminal", async ({
  apiAs,
  pageAs,
}) => {
  const admin = await apiAs("admin");
  const suffix = `${Date.now().toString(36)}${randomInt(1_000)}`;
  const store = await created(admin, "/api/admin/stores", { name: `No-JS confirm store ${suffix}` });
  const tid = `N${String(randomInt(10_000_000)).padStart(7, "0")}`;
  await created(admin, "/api/admin/terminals", { storeId: store.id, tid });

  const page = await pageAs("admin", { javaScriptEnabled: false });
  await page.goto("/admin");
  const row = page.getByRole("row").filter({ has: page.getByRole("rowheader", { name: tid, exact: true }) });
  await row.getByRole("button", { name: `Deactivate ${tid}` }).click();

  // The post came back with the question, still in service.
  const dialog = page.getByRole("dialog");
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText(tid);
  await expect(row).toContainText("In service");

  await dialog.getByRole("button", { name: "Deactivate" }).click();
  await expect(row).toContainText("Out of service");
});
