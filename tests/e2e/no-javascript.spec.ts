// Signing in and logging an incident work in a browser that runs no JavaScript — as they must in
// the seconds before a slow phone has hydrated the page — and no form ever sends a password or a
// slip's details in a URL: every form posts, except the incident list's search form.
import { randomInt } from "node:crypto";
import type { Page, Request } from "@playwright/test";
import { incidentIdFromUrl, UI } from "./casework";
import {
  completeStep,
  DEMO_PASSWORD,
  DEMO_USERS,
  expect,
  fetchIncident,
  PHONE,
  TERMINALS,
  test,
  testCardNumber,
  uniqueAmount,
  uniqueRrn,
} from "./fixtures";

const en = UI.en;

test.use({ javaScriptEnabled: false });

/** Every request the page sends, kept so a test can show a secret never went into a URL. */
function recordRequests(page: Page): Request[] {
  const requests: Request[] = [];
  page.on("request", (request) => requests.push(request));
  return requests;
}

/** A value as it could appear in a URL: as typed, form-encoded or percent-encoded. */
function urlForms(value: string): string[] {
  return [value, encodeURIComponent(value), new URLSearchParams({ v: value }).toString().slice(2)];
}

function expectNotInAnyUrl(page: Page, requests: Request[], secret: string) {
  const urls = [page.url(), ...requests.map((request) => request.url())];
  for (const url of urls) {
    for (const form of urlForms(secret)) expect(url, "a secret travelled in a URL").not.toContain(form);
  }
}

/** What a form would do if submitted before its script runs, read from the server's HTML. */
async function formsOf(page: Page) {
  return page.locator("form").evaluateAll((forms) =>
    forms.map((form) => {
      const element = form as HTMLFormElement;
      return {
        method: element.method,
        action: new URL(element.action, location.href).pathname,
        hasPassword: element.querySelector("input[type=password]") !== null,
        typesText:
          element.querySelector("input:not([type=hidden]):not([type=checkbox]):not([type=radio]), textarea") !== null,
        hasServerAction: element.querySelector('input[name^="$ACTION_"]') !== null,
        html: element.outerHTML.slice(0, 120),
      };
    }),
  );
}

async function sessionCookies(page: Page) {
  return (await page.context().cookies()).filter((cookie) => cookie.name.includes("session"));
}

test.describe("signing in without JavaScript", () => {
  test("the login form posts to a server action", async ({ page }) => {
    await page.goto("/login");
    const forms = await formsOf(page);
    expect(forms).toHaveLength(1);
    expect(forms[0]).toMatchObject({ method: "post", hasServerAction: true });
  });

  test("signs in, sets the session cookie and opens the incident list, the password in no URL; signs out", async ({
    page,
  }) => {
    const requests = recordRequests(page);
    await page.goto("/login");
    await page.getByLabel("Email").fill(DEMO_USERS.supervisor);
    await page.getByLabel("Password").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();

    await expect(page).toHaveURL(/\/incidents$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Incidents");
    const [session] = await sessionCookies(page);
    expect(session).toMatchObject({ httpOnly: true, sameSite: "Lax", path: "/" });
    expect(session.expires).toBeGreaterThan(Date.now() / 1000);
    expectNotInAnyUrl(page, requests, DEMO_PASSWORD);
    const signInPost = requests.find((request) => request.method() === "POST");
    expect(signInPost?.url()).toMatch(/\/login/);

    // Sign-out sits in the account menu (a disclosure: it opens without JavaScript too) and is a
    // form of its own: it ends the session with no script to run.
    await page.getByTestId("account-menu").locator("summary").click();
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/login$/);
    expect(await sessionCookies(page)).toEqual([]);
    await page.goto("/incidents");
    await expect(page).toHaveURL(/\/login/);
  });

  test("goes on to the page named by next, and never off-site", async ({ browser, baseURL }) => {
    for (const [next, landing] of [
      ["/incidents/new", /\/incidents\/new$/],
      ["//evil.example/phish", /localhost:\d+\/incidents$/],
    ] as const) {
      const context = await browser.newContext({ baseURL, javaScriptEnabled: false });
      const page = await context.newPage();
      await page.goto(`/login?next=${encodeURIComponent(next)}`);
      await page.getByLabel("Email").fill(DEMO_USERS.cashier);
      await page.getByLabel("Password").fill(DEMO_PASSWORD);
      await page.getByRole("button", { name: "Sign in" }).click();
      await expect(page).toHaveURL(landing);
      await context.close();
    }
  });

  test("a wrong password shows the generic error, keeps the email and sets no cookie", async ({ page }) => {
    const requests = recordRequests(page);
    const wrong = `${DEMO_PASSWORD}-wrong`;
    await page.goto("/login");
    await page.getByLabel("Email").fill(DEMO_USERS.cashier2);
    await page.getByLabel("Password").fill(wrong);
    await page.getByRole("button", { name: "Sign in" }).click();

    await expect(page.getByTestId("login-error")).toHaveText("Email or password is incorrect.");
    await expect(page).toHaveURL(/\/login$/);
    await expect(page.getByLabel("Email")).toHaveValue(DEMO_USERS.cashier2);
    await expect(page.getByLabel("Password")).toHaveValue("");
    expect(await sessionCookies(page)).toEqual([]);
    expectNotInAnyUrl(page, requests, wrong);
    expect(await page.content()).not.toContain(wrong);
  });

  test("a sign-in posted from another site is refused and signs nobody in", async ({ page }) => {
    await page.goto("/login");
    // The browser's own post, caught before it leaves, then sent from this site and from another.
    let caught: Request | undefined;
    await page.route("**/login*", async (route) => {
      if (route.request().method() !== "POST") return route.fallback();
      caught = route.request();
      await route.abort();
    });
    await page.getByLabel("Email").fill(DEMO_USERS.finance);
    await page.getByLabel("Password").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect.poll(() => caught).toBeDefined();
    const request = caught as Request;
    const headers = Object.fromEntries(
      Object.entries(await request.allHeaders()).filter(([name]) => name !== "content-length"),
    );
    const send = (origin: string) =>
      page.request.fetch(request.url(), {
        method: "POST",
        headers: { ...headers, origin },
        data: request.postDataBuffer() ?? undefined,
        maxRedirects: 0,
      });

    const foreign = await send("https://evil.example");
    expect(foreign.status()).toBe(403);
    expect(foreign.headers()["set-cookie"]).toBeUndefined();
    const own = await send(new URL(request.url()).origin);
    expect(own.status()).toBe(303);
    expect(own.headers()["set-cookie"]).toContain("session_token");
  });

  test("an empty form names the fields to fill", async ({ page }) => {
    await page.goto("/login");
    await page.getByRole("button", { name: "Sign in" }).click();

    await expect(page.getByLabel("Email")).toHaveAttribute("aria-invalid", "true");
    // Beside each field (and listed in the summary above them).
    await expect(page.getByLabel("Email")).toHaveAccessibleDescription("Enter a valid email address.");
    await expect(page.getByLabel("Password")).toHaveAccessibleDescription("Enter your password.");
    await expect(page).toHaveURL(/\/login$/);
  });
});

test.describe("logging an incident without JavaScript", () => {
  test("the form posts to a server action and carries an idempotency key made by the server", async ({ pageAs }) => {
    const cashier = await pageAs("cashier", { javaScriptEnabled: false });
    await cashier.goto("/incidents/new");
    const forms = await formsOf(cashier);
    // The header's sign-out is a server-action form too; the incident form is the one of its own.
    const incidentForms = forms.filter((form) => form.html.includes('data-testid="new-incident-form"'));
    expect(incidentForms).toHaveLength(1);
    expect(incidentForms[0]).toMatchObject({ action: "/incidents/new", method: "post", hasServerAction: true });
    const key = await cashier.locator('input[type=hidden][name="idempotencyKey"]').inputValue();
    expect(key).toMatch(/^[\w-]{16,128}$/);
    await cashier.reload();
    expect(await cashier.locator('input[type=hidden][name="idempotencyKey"]').inputValue()).not.toBe(key);
  });

  test("a cashier on a phone logs an unsigned slip and lands on its page, the card number masked", async ({
    pageAs,
  }) => {
    const cashier = await pageAs("cashier", { ...PHONE, javaScriptEnabled: false });
    const requests = recordRequests(cashier);
    const card = testCardNumber();
    const rrn = uniqueRrn();
    const amount = uniqueAmount();
    await cashier.goto("/incidents/new");
    await cashier.getByLabel(en.form.kind).selectOption({ label: en.unsignedSlip });
    await cashier.getByLabel(en.form.terminal).selectOption(TERMINALS.store1);
    await cashier.getByLabel(en.form.amount).fill(amount);
    await cashier.getByLabel(en.form.cardLast4).fill("1111");
    await cashier.getByLabel(en.rrn).fill(rrn);
    await cashier.getByLabel(en.description).fill(`Left unsigned; the customer read out ${card.typed}.`);
    await cashier.getByRole("button", { name: en.logIncident }).click();

    await expect(cashier).toHaveURL(/\/incidents\/(?!new)[^/]+$/);
    const id = incidentIdFromUrl(cashier.url());
    await expect(cashier.getByText(rrn, { exact: true })).toBeVisible();
    await expect(cashier.getByText("Left unsigned; the customer read out ****1111.")).toBeVisible();
    const html = await cashier.content();
    expect(html).not.toContain(card.digits);
    expect(html).not.toContain(card.typed);
    for (const secret of [rrn, card.digits, card.typed]) expectNotInAnyUrl(cashier, requests, secret);

    const incident = await fetchIncident(cashier.request, id);
    expect(incident).toMatchObject({ kind: "unsigned_slip", terminalId: TERMINALS.store1, amount, rrn });
    // the store's supervisor told by the emergency plan (issue 9)
    expect(incident.timeline.map((event) => event.type)).toEqual(["incident.created", "notification.sent"]);
  });

  test("the same form sent twice logs one incident", async ({ pageAs }) => {
    const cashier = await pageAs("cashier", { javaScriptEnabled: false });
    const rrn = uniqueRrn();
    await cashier.goto("/incidents/new");
    await cashier.getByLabel(en.form.kind).selectOption("terminal_fault");
    await cashier.getByLabel(en.form.terminal).selectOption(TERMINALS.store1);
    await cashier.getByLabel(en.rrn).fill(rrn);
    const post = cashier.waitForRequest((request) => request.method() === "POST");
    await cashier.getByRole("button", { name: en.logIncident }).click();
    const sent = await post;
    await expect(cashier).toHaveURL(/\/incidents\/(?!new)[^/]+$/);
    const id = incidentIdFromUrl(cashier.url());

    // A second tap, or the browser resending the form: the same body with the same key.
    const again = await cashier.request.fetch(sent.url(), {
      method: "POST",
      headers: Object.fromEntries(
        Object.entries(await sent.allHeaders()).filter(([name]) => name !== "content-length"),
      ),
      data: sent.postDataBuffer() ?? undefined,
      maxRedirects: 0,
    });
    expect(again.status(), await again.text()).toBe(303);
    expect(new URL(again.headers().location, sent.url()).pathname).toBe(`/incidents/${id}`);

    const list = await cashier.request.get(`/api/incidents?q=${rrn}`);
    expect(((await list.json()) as { items: { id: string }[] }).items.map((item) => item.id)).toEqual([id]);
  });

  test("a form whose key holds a card number is refused and logs nothing", async ({ pageAs }) => {
    const cashier = await pageAs("cashier", { javaScriptEnabled: false });
    const rrn = uniqueRrn();
    await cashier.goto("/incidents/new");
    const key = cashier.locator('input[type=hidden][name="idempotencyKey"]');
    await key.evaluate((input, value) => {
      (input as HTMLInputElement).value = value;
    }, `retry-${testCardNumber().digits}`);
    await cashier.getByLabel(en.form.kind).selectOption("terminal_fault");
    await cashier.getByLabel(en.form.terminal).selectOption(TERMINALS.store1);
    await cashier.getByLabel(en.rrn).fill(rrn);
    await cashier.getByRole("button", { name: en.logIncident }).click();

    await expect(cashier).toHaveURL(/\/incidents\/new$/);
    await expect(cashier.getByTestId("form-error")).toHaveText(/already sent with different details/);
    expect(await cashier.content()).not.toContain(testCardNumber().digits);
    const list = await cashier.request.get(`/api/incidents?q=${rrn}`);
    expect(((await list.json()) as { items: unknown[] }).items).toEqual([]);
  });

  test("a rejected form shows its errors, keeps what was typed (card number masked) and logs once fixed", async ({
    pageAs,
  }) => {
    const cashier = await pageAs("cashier", { javaScriptEnabled: false });
    const card = testCardNumber();
    const amount = `${randomInt(1, 1000)}.50`;
    await cashier.goto("/incidents/new");
    await cashier.getByLabel(en.form.kind).selectOption("wrong_amount");
    await cashier.getByLabel(en.form.terminal).selectOption(TERMINALS.store1);
    await cashier.getByLabel(en.form.amount).fill(amount);
    await cashier.getByLabel(en.rrn).fill("12345");
    await cashier.getByLabel(en.description).fill(`Charged twice on ${card.typed}`);
    await cashier.getByRole("button", { name: en.logIncident }).click();

    await expect(cashier).toHaveURL(/\/incidents\/new$/);
    await expect(cashier.getByTestId("form-error")).toHaveText("Check the highlighted fields.");
    await expect(cashier.getByLabel(en.rrn)).toHaveAttribute("aria-invalid", "true");
    await expect(cashier.getByTestId("error-rrn")).toHaveText("The reference number (RRN) is 12 digits.");
    await expect(cashier.getByLabel(en.form.kind)).toHaveValue("wrong_amount");
    await expect(cashier.getByLabel(en.form.amount)).toHaveValue(amount);
    await expect(cashier.getByLabel(en.description)).toHaveValue("Charged twice on ****1111");
    expect(await cashier.content()).not.toContain(card.digits);

    const rrn = uniqueRrn();
    await cashier.getByLabel(en.rrn).fill(rrn);
    await cashier.getByRole("button", { name: en.logIncident }).click();
    await expect(cashier).toHaveURL(/\/incidents\/(?!new)[^/]+$/);
    await expect(cashier.getByText(rrn, { exact: true })).toBeVisible();
  });

  test("a time typed without JavaScript is read in the merchant's time zone", async ({ pageAs }) => {
    const cashier = await pageAs("cashier", { javaScriptEnabled: false });
    await cashier.goto("/incidents/new");
    await cashier.getByLabel(en.form.kind).selectOption("terminal_fault");
    await cashier.getByLabel(en.form.terminal).selectOption(TERMINALS.store1);
    await cashier.getByText("More slip details").click();
    await cashier.getByLabel("When it happened").fill("2026-01-05T09:30");
    await cashier.getByRole("button", { name: en.logIncident }).click();

    await expect(cashier).toHaveURL(/\/incidents\/(?!new)[^/]+$/);
    const incident = await fetchIncident(cashier.request, incidentIdFromUrl(cashier.url()));
    expect(incident.occurredAt).toBe("2026-01-05T01:30:00.000Z");
  });
});

test.describe("every other form", () => {
  test("posts, or is the incident search: no form can send a GET with what was typed", async ({
    pageAs,
    apiAs,
    createIncident,
  }) => {
    // Ready to reconcile, so /finance shows its reconcile form too.
    const incident = await createIncident("cashier");
    const supervisor = await apiAs("supervisor");
    for (const key of ["halt", "reverify", "notify"] as const) await completeStep(supervisor, incident.id, key);
    await completeStep(supervisor, incident.id, "resign", { contactMethod: "phone", identityVerified: true });
    const pages = [
      { user: "admin", path: "/admin" },
      { user: "supervisor", path: "/incidents" },
      { user: "supervisor", path: `/incidents/${incident.id}` },
      { user: "finance", path: "/finance" },
    ] as const;
    for (const { user, path } of pages) {
      const tab = await pageAs(user, { javaScriptEnabled: false });
      await tab.goto(path);
      const forms = await formsOf(tab);
      expect(forms.length, `${path} has forms`).toBeGreaterThan(0);
      for (const form of forms) {
        const isSearch = form.method === "get" && form.action === "/incidents" && !form.hasPassword;
        // The reconcile queue's filters: choices only (store, kind, age), nothing typed.
        const isFinanceFilter = form.method === "get" && form.action === "/finance" && !form.typesText;
        // A dialog's own form (its Cancel) only closes the dialog: it sends nothing anywhere.
        const safe = form.method === "post" || form.method === "dialog" || isSearch || isFinanceFilter;
        expect(safe, `${path}: ${form.html}`).toBe(true);
      }
    }
  });
});

test.describe("before the page's script has run", () => {
  test.use({ javaScriptEnabled: true });

  /** Holds every script of the app until released: the page is served but not hydrated. */
  async function holdScripts(page: Page): Promise<() => Promise<void>> {
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    await page.route(/\/_next\/static\/.+\.js/, async (route) => {
      await held;
      await route.continue().catch(() => {});
    });
    return async () => {
      release();
      await page.unrouteAll({ behavior: "ignoreErrors" });
    };
  }

  test("a sign-in sent before hydration posts and signs in, the password in no URL", async ({ page }) => {
    const requests = recordRequests(page);
    const release = await holdScripts(page);
    await page.goto("/login", { waitUntil: "domcontentloaded" });
    await page.getByLabel("Email").fill(DEMO_USERS.supervisor);
    await page.getByLabel("Password").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL(/\/incidents$/, { waitUntil: "commit" });
    await release();

    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Incidents");
    expectNotInAnyUrl(page, requests, DEMO_PASSWORD);
  });

  test("an incident sent before hydration is logged", async ({ pageAs }) => {
    const cashier = await pageAs("cashier", PHONE);
    const rrn = uniqueRrn();
    const release = await holdScripts(cashier);
    await cashier.goto("/incidents/new", { waitUntil: "domcontentloaded" });
    await cashier.getByLabel(en.form.kind).selectOption({ label: en.unsignedSlip });
    await cashier.getByLabel(en.form.terminal).selectOption(TERMINALS.store1);
    await cashier.getByLabel(en.rrn).fill(rrn);
    await cashier.getByRole("button", { name: en.logIncident }).click();
    await cashier.waitForURL(/\/incidents\/(?!new)[^/]+$/, { waitUntil: "commit" });
    await release();

    await expect(cashier.getByText(rrn, { exact: true })).toBeVisible();
  });
});

test.describe("with JavaScript", () => {
  test.use({ javaScriptEnabled: true });

  test("an answer lost on the way back says so, and sending again logs the incident once", async ({ pageAs }) => {
    const cashier = await pageAs("cashier");
    const rrn = uniqueRrn();
    await cashier.goto("/incidents/new");
    // Hydrated: the time field is filled in by the browser.
    await expect(cashier.getByLabel("When it happened")).not.toHaveValue("");
    await cashier.getByLabel(en.form.kind).selectOption("terminal_fault");
    await cashier.getByLabel(en.form.terminal).selectOption(TERMINALS.store1);
    await cashier.getByLabel(en.rrn).fill(rrn);

    // The server receives the first try and logs it, but its answer never arrives.
    let lost = 0;
    await cashier.route("**/incidents/new", async (route) => {
      if (route.request().method() !== "POST" || lost > 0) return route.fallback();
      lost++;
      await route.fetch();
      await route.abort("connectionreset");
    });
    await cashier.getByRole("button", { name: en.logIncident }).click();
    await expect(cashier.getByTestId("form-error")).toContainText("Could not reach the server.");
    await expect(cashier.getByLabel(en.rrn)).toHaveValue(rrn);

    await cashier.getByRole("button", { name: en.logIncident }).click();
    await expect(cashier).toHaveURL(/\/incidents\/(?!new)[^/]+$/);
    const id = incidentIdFromUrl(cashier.url());
    const list = await cashier.request.get(`/api/incidents?q=${rrn}`);
    expect(((await list.json()) as { items: { id: string }[] }).items.map((item) => item.id)).toEqual([id]);
    expect(lost).toBe(1);
  });
});
