// Signing in through the form, the generic error on a bad login, and the redirect of a signed-out
// visitor.
import type { Page } from "@playwright/test";
import { DEMO_PASSWORD, DEMO_USERS, expect, test } from "./fixtures";

/** The form's error message (Next's empty route announcer is an alert too). */
function loginError(page: Page) {
  return page.getByRole("alert").filter({ hasText: /\S/ });
}

async function sessionCookies(page: Page) {
  return (await page.context().cookies()).filter((cookie) => cookie.name.includes("session"));
}

test("a wrong password shows the generic error and keeps the user on the login page", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("Email").fill(DEMO_USERS.finance);
  await page.getByLabel("Password").fill(`${DEMO_PASSWORD}-wrong`);
  await page.getByRole("button", { name: "Sign in" }).click();

  await expect(loginError(page)).toHaveText("Email or password is incorrect.");
  await expect(page).toHaveURL(/\/login/);
  expect(await sessionCookies(page)).toEqual([]);
});

test("an unknown email shows the same generic error as a wrong password", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("Email").fill("nobody@demo.test");
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();

  await expect(loginError(page)).toHaveText("Email or password is incorrect.");
  await expect(page).toHaveURL(/\/login/);
});

test("a signed-out visitor to /incidents is sent to the login page", async ({ page }) => {
  await page.goto("/incidents");

  await expect(page).toHaveURL(/\/login(\?|$)/);
  await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible();
});

test("signing in through the form opens the incident list", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("Email").fill(DEMO_USERS.supervisor);
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();

  await expect(page).toHaveURL(/\/incidents$/);
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
  const [session] = await sessionCookies(page);
  expect(session).toMatchObject({ httpOnly: true, sameSite: "Lax" });
});
