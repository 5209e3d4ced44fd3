// Sign-in under attack, through the real sign-in route on a real database: a burst of guesses is
// held to the allowance, an unknown e-mail costs a password check like a wrong password does, an
// attacker at one address cannot keep the cashier at another address out, and the stored session
// holds neither the raw token nor a card number from the User-Agent.
import crypto from "node:crypto";
import { afterEach, describe, expect, test, vi } from "vitest";

// The app sits behind one reverse proxy that appends the client's address to X-Forwarded-For:
// set before lib/env.ts is first imported.
vi.hoisted(() => {
  process.env.TRUSTED_PROXY = "1";
});

import { POST as signInRoute } from "@/app/api/auth/sign-in/route";
import { POST as signOutRoute } from "@/app/api/auth/sign-out/route";
import { GET as listRoute } from "@/app/api/incidents/route";
import { observePasswordVerifications } from "@/lib/auth/password";
import { prisma } from "@/lib/db/client";
import { env } from "@/lib/env";
import { DEMO_PASSWORD, jsonRequest } from "@/tests/helpers/api";
import type { ApiError } from "@/tests/helpers/incidents";

const LIMIT = env.SIGN_IN_MAX_FAILURES;

async function signIn(
  body: { email: string; password: string },
  { address, userAgent, forwardedFor }: { address?: string; userAgent?: string; forwardedFor?: string } = {},
) {
  const headers: Record<string, string> = {};
  if (forwardedFor !== undefined) headers["x-forwarded-for"] = forwardedFor;
  else if (address) headers["x-forwarded-for"] = `10.9.8.7, ${address}`; // the left entry is the client's claim
  if (userAgent) headers["user-agent"] = userAgent;
  const response = await signInRoute(jsonRequest("/api/auth/sign-in", { method: "POST", body, headers }), {});
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    retryAfter: Number(response.headers.get("retry-after")),
    body: JSON.parse(text) as ApiError,
  };
}

function cookieHeader(headers: Headers): string {
  return headers
    .getSetCookie()
    .map((cookie) => cookie.split(";")[0])
    .join("; ");
}

/** Counts the argon2 verifications run while `work` runs. */
async function countVerifications<T>(work: () => Promise<T>): Promise<{ result: T; verifications: number }> {
  let verifications = 0;
  const stop = observePasswordVerifications(() => {
    verifications++;
  });
  try {
    return { result: await work(), verifications };
  } finally {
    stop();
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

afterEach(() => {
  vi.useRealTimers();
});

describe("a burst of guesses", () => {
  test("thirty wrong passwords sent at once: at most the allowance is checked, the rest get 429 with Retry-After", async () => {
    const email = "cashier2@demo.test";
    const { result: responses, verifications } = await countVerifications(() =>
      Promise.all(Array.from({ length: 30 }, (_, index) => signIn({ email, password: `wrong-${index}` }))),
    );
    const statuses = responses.map((response) => response.status);
    console.info(`burst of 30: ${verifications} verified, statuses ${statuses.join(",")}`);
    expect(statuses.filter((status) => status === 401).length, statuses.join(",")).toBeLessThanOrEqual(LIMIT);
    expect(statuses.filter((status) => status === 429).length, statuses.join(",")).toBeGreaterThanOrEqual(30 - LIMIT);
    expect(statuses.every((status) => status === 401 || status === 429)).toBe(true);
    expect(verifications).toBeLessThanOrEqual(LIMIT);
    for (const refused of responses.filter((response) => response.status === 429)) {
      expect(refused.body.error.code).toBe("LOCKED");
      expect(refused.retryAfter).toBeGreaterThanOrEqual(1);
    }
  });

  test("a right password in a burst of wrong ones gets in only as one of the allowed attempts", async () => {
    const email = "finance@demo.test";
    const passwords = [...Array.from({ length: 29 }, (_, index) => `wrong-${index}`), DEMO_PASSWORD];
    const responses = await Promise.all(passwords.map((password) => signIn({ email, password })));
    const statuses = responses.map((response) => response.status);
    // Which attempts win the allowance depends on how the database orders them (on PostgreSQL
    // the last one sent may be among them); never more than the allowance are checked.
    expect(statuses.filter((status) => status !== 429).length, statuses.join(",")).toBeLessThanOrEqual(LIMIT);
    expect(statuses.filter((status) => status === 200).length).toBeLessThanOrEqual(1);
    if (statuses.at(-1) === 429) expect(responses.at(-1)?.headers.getSetCookie()).toEqual([]);
  });
});

describe("an unknown e-mail looks like a wrong password", () => {
  test("an unknown or inactive e-mail runs one password verification, as a wrong password does", async () => {
    const merchant = await prisma.merchant.findFirstOrThrow();
    await prisma.user.create({
      data: {
        email: "gone@demo.test",
        name: "Gone",
        emailVerified: true,
        membership: { create: { role: "CASHIER", active: false, merchantId: merchant.id } },
      },
    });
    const cases = [
      { email: "admin@demo.test", password: "not-the-password" },
      { email: "nobody@demo.test", password: "not-the-password" },
      { email: "gone@demo.test", password: DEMO_PASSWORD },
    ];
    for (const [index, body] of cases.entries()) {
      const { result, verifications } = await countVerifications(() =>
        signIn(body, { address: `192.0.2.${index + 10}` }),
      );
      expect(result.status, body.email).toBe(401);
      expect(verifications, body.email).toBe(1);
    }
    // A right password is checked once too (better-auth's own check reuses ours).
    const { result, verifications } = await countVerifications(() =>
      signIn({ email: "admin@demo.test", password: DEMO_PASSWORD }, { address: "192.0.2.13" }),
    );
    expect(result.status).toBe(200);
    expect(verifications).toBe(1);
  });

  test("an unknown e-mail takes about as long as a wrong password", async () => {
    const unknown: number[] = [];
    const wrong: number[] = [];
    // Interleaved, each from its own address, so load on the machine hits both alike and no
    // throttle is reached.
    for (let round = 0; round < 7; round++) {
      const known = ["admin", "supervisor", "finance", "cashier", "cashier2"][round % 5];
      for (const [times, email] of [
        [wrong, `${known}@demo.test`],
        [unknown, `nobody-${round}@demo.test`],
      ] as const) {
        const started = performance.now();
        const response = await signIn(
          { email, password: "not-the-password" },
          { address: `198.18.${round}.${times === wrong ? 1 : 2}` },
        );
        times.push(performance.now() - started);
        expect(response.status).toBe(401);
      }
    }
    const timings = `unknown e-mail median ${median(unknown).toFixed(1)} ms, wrong password median ${median(wrong).toFixed(1)} ms`;
    console.info(timings);
    expect(median(unknown), timings).toBeGreaterThanOrEqual(median(wrong) / 2);
    expect(median(wrong), timings).toBeGreaterThanOrEqual(median(unknown) / 2);
  });

  test("an unknown e-mail is throttled exactly like a known one, so a 429 does not reveal an account", async () => {
    const known: number[] = [];
    const unknown: number[] = [];
    for (let attempt = 0; attempt < LIMIT + 2; attempt++) {
      known.push((await signIn({ email: "admin@demo.test", password: `wrong-${attempt}` })).status);
      unknown.push((await signIn({ email: "no-such-admin@demo.test", password: `wrong-${attempt}` })).status);
    }
    expect(unknown).toEqual(known);
    expect(known.at(-1)).toBe(429);
  });
});

describe("an attacker cannot keep a real user out", () => {
  const ATTACKER = "198.51.100.7";
  const TILL = "203.0.113.20";

  test("an attacker hammering the cashier from one address does not stop the cashier at the till", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2026-12-01T09:00:00Z"));
    const email = "cashier@demo.test";

    // Guess until refused; the cashier tries at once.
    let refused = await signIn({ email, password: "guess-0" }, { address: ATTACKER });
    for (let guess = 1; refused.status !== 429 && guess < 50; guess++) {
      refused = await signIn({ email, password: `guess-${guess}` }, { address: ATTACKER });
    }
    expect(refused.status).toBe(429);
    expect((await signIn({ email, password: DEMO_PASSWORD }, { address: TILL })).status).toBe(200);

    // An hour of guessing, each guess the moment it is allowed: the waits grow to the cap, and
    // the cashier still gets in straight after any of them.
    const waits: number[] = [];
    let guesses = 0;
    const end = Date.now() + 60 * 60_000;
    while (Date.now() < end) {
      const response = await signIn({ email, password: `guess-${guesses}` }, { address: ATTACKER });
      if (response.status === 429) {
        waits.push(response.retryAfter);
        vi.setSystemTime(Date.now() + Math.max(response.retryAfter, 1) * 1000);
      } else {
        expect(response.status).toBe(401);
        guesses++;
        if (guesses % 4 === 0) {
          expect((await signIn({ email, password: DEMO_PASSWORD }, { address: TILL })).status).toBe(200);
        }
      }
    }
    expect(guesses, "guesses checked in an hour").toBeLessThan(30);
    expect(Math.max(...waits)).toBe(env.SIGN_IN_MAX_DELAY_SECONDS);
    // Right after a guess, the attacker's own address is held back, even with the right password.
    while ((await signIn({ email, password: `guess-${guesses}` }, { address: ATTACKER })).status === 429) {
      vi.setSystemTime(Date.now() + env.SIGN_IN_MAX_DELAY_SECONDS * 1000);
    }
    const fromAttacker = await signIn({ email, password: DEMO_PASSWORD }, { address: ATTACKER });
    expect(fromAttacker.status).toBe(429);
    expect(fromAttacker.retryAfter).toBeGreaterThan(0);
  });

  test("one address trying many accounts is held back on all of them; other addresses are not", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2026-12-02T09:00:00Z"));
    const sprayer = "198.51.100.99";
    const statuses: number[] = [];
    for (let account = 0; account < 40; account++) {
      statuses.push(
        (await signIn({ email: `staff-${account}@demo.test`, password: "Spring2026!" }, { address: sprayer })).status,
      );
    }
    expect(statuses.filter((status) => status === 401).length).toBeLessThan(40);
    const right = { email: "supervisor@demo.test", password: DEMO_PASSWORD };
    expect((await signIn(right, { address: sprayer })).status).toBe(429);
    expect((await signIn(right, { address: TILL })).status).toBe(200);
  });

  test("a delay ends: after Retry-After seconds the right password gets in from the same address", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2026-12-03T09:00:00Z"));
    const email = "supervisor@demo.test";
    for (let attempt = 0; attempt < LIMIT; attempt++) {
      expect((await signIn({ email, password: `typo-${attempt}` }, { address: TILL })).status).toBe(401);
    }
    const held = await signIn({ email, password: DEMO_PASSWORD }, { address: TILL });
    expect(held.status).toBe(429);
    expect(held.retryAfter).toBeGreaterThan(0);
    expect(held.retryAfter).toBeLessThanOrEqual(60);
    vi.setSystemTime(Date.now() + held.retryAfter * 1000);
    expect((await signIn({ email, password: DEMO_PASSWORD }, { address: TILL })).status).toBe(200);
  });
});

describe("the stored session", () => {
  function rawToken(headers: Headers): string {
    const cookie = headers.getSetCookie().find((c) => c.includes("session_token="));
    if (!cookie) throw new Error("no session cookie");
    const value = decodeURIComponent(cookie.split(";")[0].split("=").slice(1).join("="));
    return value.slice(0, value.lastIndexOf("."));
  }

  function signedCookie(name: string, token: string): string {
    const signature = crypto
      .createHmac("sha256", process.env.BETTER_AUTH_SECRET ?? "")
      .update(token)
      .digest("base64");
    return `${name}=${encodeURIComponent(`${token}.${signature}`)}`;
  }

  test("holds the SHA-256 of the token, not the token; the cookie works, a stolen stored value does not", async () => {
    const signedIn = await signIn({ email: "admin@demo.test", password: DEMO_PASSWORD }, { address: "192.0.2.50" });
    expect(signedIn.status).toBe(200);
    const cookie = cookieHeader(signedIn.headers);
    const cookieName = cookie.split("=")[0];
    const token = rawToken(signedIn.headers);
    // The cookie is the token signed with the secret: re-signing reproduces it exactly.
    expect(signedCookie(cookieName, token)).toBe(cookie);

    const hashed = crypto.createHash("sha256").update(token).digest("hex");
    const rows = await prisma.session.findMany({ where: { token: { in: [token, hashed] } } });
    expect(rows.map((row) => row.token)).toEqual([hashed]);

    expect((await listRoute(jsonRequest("/api/incidents", { cookie }), {})).status).toBe(200);
    // Someone who read the Session table signs its value with the secret: still no session.
    const stolen = signedCookie(cookieName, rows[0].token);
    expect((await listRoute(jsonRequest("/api/incidents", { cookie: stolen }), {})).status).toBe(401);

    const out = await signOutRoute(jsonRequest("/api/auth/sign-out", { method: "POST", cookie }), {});
    expect(out.status).toBe(200);
    expect(await prisma.session.count({ where: { token: hashed } })).toBe(0);
    expect((await listRoute(jsonRequest("/api/incidents", { cookie }), {})).status).toBe(401);
  });

  test("stores the User-Agent with card numbers masked and capped, and a capped address", async () => {
    const userAgent = `Mozilla/5.0 (X11; Linux) card 4111 1111 1111 1111 ${"x".repeat(5000)}`;
    const signedIn = await signIn(
      { email: "finance@demo.test", password: DEMO_PASSWORD },
      { userAgent, forwardedFor: `${"1".repeat(3000)}, 192.0.2.77` },
    );
    expect(signedIn.status).toBe(200);
    const token = rawToken(signedIn.headers);
    const row = await prisma.session.findFirstOrThrow({
      where: { token: crypto.createHash("sha256").update(token).digest("hex") },
    });
    expect(row.userAgent).not.toMatch(/4111\D*1111\D*1111\D*1111/);
    expect(row.userAgent).toContain("Mozilla/5.0");
    expect(row.userAgent?.length).toBeLessThanOrEqual(512);
    expect(row.ipAddress).toBe("192.0.2.77");
  });
});
