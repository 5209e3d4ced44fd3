// Signing in through the form, the generic error on a bad login, the redirect of a signed-out
// visitor, and a burst of guesses spread over both instances held to the allowance.
import { randomBytes } from "node:crypto";
import type { Page } from "@playwright/test";
import { DEMO_PASSWORD, DEMO_USERS, expect, test, uniqueToken } from "./fixtures";
import { INSTANCE_A, INSTANCE_B, SIGN_IN_MAX_FAILURES } from "./instances";

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

test("thirty guesses sent at once over both instances: only the allowance is checked, the rest get 429", async ({
  apiAs,
  playwright,
}) => {
  const admin = await apiAs("admin");
  const email = `burst-${uniqueToken()}@demo.test`;
  const password = randomBytes(18).toString("base64url");
  const created = await admin.post("/api/admin/users", {
    data: { email, name: "Burst Tester", password, role: "FINANCE" },
  });
  expect(created.status(), await created.text()).toBe(201);

  const [onA, onB] = await Promise.all(
    [INSTANCE_A, INSTANCE_B].map((instance) => playwright.request.newContext({ baseURL: instance.url })),
  );
  try {
    const guesses = [...Array.from({ length: 29 }, (_, index) => `${password}-wrong-${index}`), password];
    const responses = await Promise.all(
      guesses.map((secret, index) =>
        (index % 2 === 0 ? onA : onB).post("/api/auth/sign-in", { data: { email, password: secret } }),
      ),
    );
    const statuses = responses.map((response) => response.status());
    expect(statuses.filter((status) => status !== 429).length, statuses.join(",")).toBeLessThanOrEqual(
      SIGN_IN_MAX_FAILURES,
    );
    // Which attempts win the allowance depends on the order the database takes them in (on
    // PostgreSQL the last one sent may be among them); never more than the allowance are checked.
    expect(statuses.filter((status) => status === 200).length, statuses.join(",")).toBeLessThanOrEqual(1);
    for (const refused of responses.filter((response) => response.status() === 429)) {
      expect(Number(refused.headers()["retry-after"])).toBeGreaterThan(0);
      expect((await refused.json()).error.code).toBe("LOCKED");
    }
  } finally {
    await Promise.all([onA.dispose(), onB.dispose()]);
  }
});
