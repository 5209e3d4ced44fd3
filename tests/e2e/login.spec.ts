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
  await page.getByTestId("account-menu").locator("summary").click();
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
  const [session] = await sessionCookies(page);
  expect(session).toMatchObject({ httpOnly: true, sameSite: "Lax" });
});

test("thirty guesses sent at once over both instances: only the allowance is checked, the rest get 429; then even the right password waits", async ({
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
    // All wrong: a right password inside the burst could be taken in any order and, once right,
    // starts the account's counters again (as a real sign-in must), which would blur the count.
    const guesses = Array.from({ length: 30 }, (_, index) => `${password}-wrong-${index}`);
    const responses = await Promise.all(
      guesses.map((secret, index) =>
        (index % 2 === 0 ? onA : onB).post("/api/auth/sign-in", { data: { email, password: secret } }),
      ),
    );
    const statuses = responses.map((response) => response.status());
    const checked = statuses.filter((status) => status !== 429);
    expect(checked.length, statuses.join(",")).toBeLessThanOrEqual(SIGN_IN_MAX_FAILURES);
    expect(
      checked.every((status) => status === 401),
      statuses.join(","),
    ).toBe(true);
    for (const refused of responses.filter((response) => response.status() === 429)) {
      expect(Number(refused.headers()["retry-after"])).toBeGreaterThan(0);
      expect((await refused.json()).error.code).toBe("LOCKED");
    }
    // The right password right after, on either instance, is held back too: it is not checked.
    for (const context of [onA, onB]) {
      const right = await context.post("/api/auth/sign-in", { data: { email, password } });
      expect(right.status()).toBe(429);
      expect(Number(right.headers()["retry-after"])).toBeGreaterThan(0);
    }
  } finally {
    await Promise.all([onA.dispose(), onB.dispose()]);
  }
});
