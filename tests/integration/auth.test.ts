// Sign-in and sign-out through the route handlers: a generic message on failure, a wait after
// repeated failures, an httpOnly SameSite session cookie.
import { describe, expect, test } from "vitest";
import { POST as signInRoute } from "@/app/api/auth/sign-in/route";
import { POST as signOutRoute } from "@/app/api/auth/sign-out/route";
import { GET as listRoute } from "@/app/api/incidents/route";
import { prisma } from "@/lib/db/client";
import { env } from "@/lib/env";
import { DEMO_PASSWORD, jsonRequest } from "@/tests/helpers/api";
import type { ApiError } from "@/tests/helpers/incidents";

async function signIn(body: unknown) {
  const response = await signInRoute(jsonRequest("/api/auth/sign-in", { method: "POST", body }), {});
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: JSON.parse(text) as ApiError };
}

function cookieHeader(headers: Headers): string {
  return headers
    .getSetCookie()
    .map((cookie) => cookie.split(";")[0])
    .join("; ");
}

describe("sign-in", () => {
  test("the right password sets an httpOnly SameSite session cookie that opens the API", async () => {
    const response = await signIn({ email: "supervisor@demo.test", password: DEMO_PASSWORD });
    expect(response.status).toBe(200);
    const [sessionCookie] = response.headers.getSetCookie().filter((c) => c.includes("session_token"));
    expect(sessionCookie).toMatch(/HttpOnly/i);
    expect(sessionCookie).toMatch(/SameSite=Lax/i);
    const list = await listRoute(jsonRequest("/api/incidents", { cookie: cookieHeader(response.headers) }), {});
    expect(list.status).toBe(200);
  });

  test("the email is matched whatever its case", async () => {
    const response = await signIn({ email: "Finance@Demo.TEST", password: DEMO_PASSWORD });
    expect(response.status).toBe(200);
  });

  test("a wrong password and an unknown email get the same generic 401", async () => {
    const wrongPassword = await signIn({ email: "admin@demo.test", password: "not-the-password" });
    const unknownEmail = await signIn({ email: "nobody@demo.test", password: "not-the-password" });
    expect(wrongPassword.status).toBe(401);
    expect(unknownEmail.status).toBe(401);
    expect(wrongPassword.body.error.message).toBe(unknownEmail.body.error.message);
    expect(wrongPassword.body.error.message).not.toMatch(/password is wrong|no such user|not found/i);
    expect(wrongPassword.headers.getSetCookie()).toEqual([]);
  });

  test("a malformed sign-in body answers 400 naming the field", async () => {
    const response = await signIn({ email: "not-an-email", password: "x" });
    expect(response.status).toBe(400);
    expect(response.body.error.fields).toHaveProperty("email");
  });

  test("five failures hold the account back: 429 with Retry-After even with the right password", async () => {
    const email = "cashier2@demo.test";
    for (let attempt = 1; attempt <= env.SIGN_IN_MAX_FAILURES; attempt++) {
      const response = await signIn({ email, password: `wrong-${attempt}` });
      expect(response.status, `attempt ${attempt}`).toBe(401);
    }
    const locked = await signIn({ email, password: DEMO_PASSWORD });
    expect(locked.status).toBe(429);
    expect(locked.body.error.code).toBe("LOCKED");
    expect(Number(locked.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(locked.headers.getSetCookie()).toEqual([]);

    // The wait is kept in the database, where every instance reads it.
    const held = await prisma.signInThrottle.findMany({ where: { nextAllowedAt: { gt: new Date() } } });
    expect(held.length).toBeGreaterThan(0);
  });

  test("a success resets the failure count", async () => {
    const email = "cashier@demo.test";
    for (let attempt = 1; attempt <= 4; attempt++) {
      expect((await signIn({ email, password: `wrong-${attempt}` })).status).toBe(401);
    }
    expect((await signIn({ email, password: DEMO_PASSWORD })).status).toBe(200);
    for (let attempt = 1; attempt <= 4; attempt++) {
      expect((await signIn({ email, password: `wrong-again-${attempt}` })).status).toBe(401);
    }
    expect((await signIn({ email, password: DEMO_PASSWORD })).status).toBe(200);
  });
});

describe("sign-out", () => {
  test("signing out ends the session", async () => {
    const signedIn = await signIn({ email: "admin@demo.test", password: DEMO_PASSWORD });
    const cookie = cookieHeader(signedIn.headers);
    const out = await signOutRoute(jsonRequest("/api/auth/sign-out", { method: "POST", cookie }), {});
    expect(out.status).toBe(200);
    const list = await listRoute(jsonRequest("/api/incidents", { cookie }), {});
    expect(list.status).toBe(401);
  });
});
