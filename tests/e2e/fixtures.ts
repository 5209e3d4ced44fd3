// Playwright fixtures: demo users signed in through the API (never through the login form, which
// has its own spec), and incidents created through the API with distinct slip data, so every
// test stands alone against the shared seeded database.
import { randomInt, randomUUID } from "node:crypto";
import AxeBuilder from "@axe-core/playwright";
import {
  type APIRequestContext,
  type APIResponse,
  type BrowserContext,
  type BrowserContextOptions,
  test as base,
  expect,
  type Page,
} from "@playwright/test";
import type { StepKey } from "@/lib/incidents/rules";
import type { CreateIncidentInput, IncidentDetailDto, StepActionInput } from "@/lib/schemas/incident";

export { expect };

export const DEMO_PASSWORD = process.env.DEMO_PASSWORD ?? "slipcase-demo-2026";

export const DEMO_USERS = {
  admin: "admin@demo.test",
  supervisor: "supervisor@demo.test",
  cashier: "cashier@demo.test",
  cashier2: "cashier2@demo.test",
  finance: "finance@demo.test",
} as const;
export type DemoUser = keyof typeof DEMO_USERS;

/** Terminals of the seeded demo merchant. */
export const TERMINALS = { store1: "T1000001" } as const;

/** A phone in portrait: where cashiers log incidents during a rush. */
export const PHONE: BrowserContextOptions = {
  viewport: { width: 390, height: 844 },
  deviceScaleFactor: 3,
  isMobile: true,
  hasTouch: true,
};

/** A 12-digit reference number (RRN) that no other test uses. */
export function uniqueRrn(): string {
  return `${String(Date.now()).slice(-8)}${String(randomInt(0, 10_000)).padStart(4, "0")}`;
}

/**
 * A unique token of letters only (a UUID's digits spelled as letters), for e-mails and keys: a
 * UUID's digit groups can line up into a Luhn-valid run, which the app rightly refuses or masks
 * as a card number.
 */
export function uniqueToken(): string {
  return randomUUID()
    .replace(/-/g, "")
    .replace(/[0-9]/g, (digit) => "ghijklmnop"[Number(digit)]);
}

/** An amount such as "123.45" that makes an incident easy to tell apart. */
export function uniqueAmount(): string {
  return `${randomInt(1, 10_000)}.${String(randomInt(0, 100)).padStart(2, "0")}`;
}

function passesLuhn(digits: string): boolean {
  let sum = 0;
  for (let index = 0; index < digits.length; index++) {
    let digit = Number(digits[digits.length - 1 - index]);
    if (index % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

/**
 * The well-known Visa test card number, assembled at run time so no full PAN sits in the source,
 * grouped as a cashier would type it. It ends in 1111.
 */
export function testCardNumber(): { typed: string; digits: string } {
  const groups = ["4111", "1111", "1111", "1111"];
  const digits = groups.join("");
  if (!passesLuhn(digits)) throw new Error("The test card number must pass the Luhn check.");
  return { typed: groups.join(" "), digits };
}

async function signIn(request: APIRequestContext, user: DemoUser): Promise<void> {
  const response = await request.post("/api/auth/sign-in", {
    data: { email: DEMO_USERS[user], password: DEMO_PASSWORD },
  });
  expect(response.status(), `sign-in as ${user}`).toBe(200);
}

/** Accessibility violations axe rates serious or critical, readable in a failure message. */
export async function seriousAccessibilityViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .map(
      (violation) =>
        `${violation.impact} ${violation.id}: ${violation.help} — ${violation.nodes
          .map((node) => node.target.join(" "))
          .join(", ")}`,
    );
}

/**
 * Collects Content-Security-Policy violations in every page of a browser context: Chromium
 * reports each one as a console error, and the page's own `securitypolicyviolation` event says
 * which directive and what it blocked.
 */
async function watchCsp(context: BrowserContext, violations: string[]): Promise<void> {
  await context.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      console.error(
        `CSP violation: ${event.effectiveDirective} blocked ${event.blockedURI || "inline"} in ${event.sourceFile}:${event.lineNumber}`,
      );
    });
  });
  context.on("console", (message) => {
    const text = message.text();
    if (message.type() === "error" && /Content Security Policy|CSP violation/i.test(text)) {
      violations.push(`${message.page()?.url() ?? "?"}: ${text}`);
    }
  });
}

type Fixtures = {
  /** CSP violations seen in any page of the test; the test fails if there is one. */
  cspViolations: string[];
  /** A request context signed in as the user through POST /api/auth/sign-in. */
  apiAs: (user: DemoUser) => Promise<APIRequestContext>;
  /** A page in a browser context of its own, signed in as the user. */
  pageAs: (user: DemoUser, options?: BrowserContextOptions) => Promise<Page>;
  /** Logs a new incident as the user through the API; defaults to an unsigned slip at T1000001. */
  createIncident: (user: DemoUser, input?: Partial<CreateIncidentInput>) => Promise<IncidentDetailDto>;
};

export const test = base.extend<Fixtures>({
  cspViolations: [
    // biome-ignore lint/correctness/noEmptyPattern: Playwright fixtures take their dependencies destructured.
    async ({}, use) => {
      const violations: string[] = [];
      await use(violations);
      expect(violations, "the app must run under its Content-Security-Policy").toEqual([]);
    },
    { auto: true },
  ],

  context: async ({ context, cspViolations }, use) => {
    await watchCsp(context, cspViolations);
    await use(context);
  },

  apiAs: async ({ playwright, baseURL }, use) => {
    const contexts: APIRequestContext[] = [];
    await use(async (user) => {
      const request = await playwright.request.newContext({ baseURL });
      contexts.push(request);
      await signIn(request, user);
      return request;
    });
    await Promise.all(contexts.map((request) => request.dispose()));
  },

  pageAs: async ({ browser, baseURL, locale, cspViolations }, use) => {
    const contexts: BrowserContext[] = [];
    await use(async (user, options = {}) => {
      const context = await browser.newContext({ baseURL, locale, ...options });
      contexts.push(context);
      await watchCsp(context, cspViolations);
      // The context's request shares its cookie jar, so the session cookie reaches the page.
      await signIn(context.request, user);
      return context.newPage();
    });
    await Promise.all(contexts.map((context) => context.close()));
  },

  createIncident: async ({ apiAs }, use) => {
    const sessions = new Map<DemoUser, APIRequestContext>();
    await use(async (user, input = {}) => {
      let request = sessions.get(user);
      if (!request) {
        request = await apiAs(user);
        sessions.set(user, request);
      }
      const created = await request.post("/api/incidents", {
        data: {
          kind: "unsigned_slip",
          terminalId: TERMINALS.store1,
          amount: uniqueAmount(),
          cardLast4: String(randomInt(0, 10_000)).padStart(4, "0"),
          rrn: uniqueRrn(),
          description: "Logged by an end-to-end test.",
          ...input,
        },
      });
      expect(created.status(), await created.text()).toBe(201);
      const { id } = (await created.json()) as { id: string };
      const detail = await request.get(`/api/incidents/${id}`);
      expect(detail.status()).toBe(200);
      return (await detail.json()) as IncidentDetailDto;
    });
  },
});

/** The incident as the API shows it to this session. */
export async function fetchIncident(request: APIRequestContext, id: string): Promise<IncidentDetailDto> {
  const response = await request.get(`/api/incidents/${id}`);
  expect(response.status(), await response.text()).toBe(200);
  return (await response.json()) as IncidentDetailDto;
}

/**
 * Completes or skips a step through the API with the incident's current version, read as
 * `versionReader` (default: the same session), and returns the raw response for refusal checks.
 */
export async function postStepAction(
  request: APIRequestContext,
  id: string,
  key: StepKey,
  body: Omit<StepActionInput, "version">,
  versionReader: APIRequestContext = request,
): Promise<APIResponse> {
  const { version } = await fetchIncident(versionReader, id);
  return request.post(`/api/incidents/${id}/steps/${key}`, { data: { ...body, version } });
}

/** Completes a step through the API, expecting it to succeed. */
export async function completeStep(
  request: APIRequestContext,
  id: string,
  key: StepKey,
  details: Omit<StepActionInput, "version" | "action"> = {},
): Promise<void> {
  const response = await postStepAction(request, id, key, { action: "complete", ...details });
  expect(response.status(), await response.text()).toBe(200);
}
