// getActor's one-statement path (lib/auth/session-actor.ts) against better-auth's own: the same
// actor for every role, nothing for a forged, expired, signed-out or deactivated session, and the
// sliding refresh still done by better-auth.
import "@/tests/helpers/count-statements";
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { POST as signInRoute } from "@/app/api/auth/sign-in/route";
import { POST as signOutRoute } from "@/app/api/auth/sign-out/route";
import { getActor, getActorThroughBetterAuth } from "@/lib/auth/actor";
import { hashSessionToken } from "@/lib/auth/hashed-session-tokens";
import { prisma } from "@/lib/db/client";
import { DEMO_PASSWORD, type DemoUser, jsonRequest } from "@/tests/helpers/api";
import { statementsDuring } from "@/tests/helpers/count-statements";

/** A fresh session (not the per-file cached one: these tests end sessions). */
async function signIn(user: DemoUser): Promise<string> {
  const response = await signInRoute(
    jsonRequest("/api/auth/sign-in", { method: "POST", body: { email: `${user}@demo.test`, password: DEMO_PASSWORD } }),
    {},
  );
  expect(response.status).toBe(200);
  return response.headers
    .getSetCookie()
    .map((cookie) => cookie.split(";")[0])
    .join("; ");
}

/** The stored row of a cookie's session (the cookie holds `token.signature`, the row its hash). */
function sessionWhere(cookie: string) {
  const value = decodeURIComponent(cookie.split("session_token=")[1].split(";")[0]);
  return { token: hashSessionToken(value.slice(0, value.lastIndexOf("."))) };
}

const HOUR = 60 * 60 * 1000;

describe("getActor", () => {
  test.each<DemoUser>(["admin", "supervisor", "cashier", "cashier2", "finance"])(
    "%s: one statement, and the same actor better-auth's path gives",
    async (user) => {
      const headers = new Headers({ cookie: await signIn(user) });
      const { result, statements } = await statementsDuring(() => getActor(headers));
      expect(statements).toHaveLength(1);
      const slow = await getActorThroughBetterAuth(headers);
      expect(result).not.toBeNull();
      expect({ ...result, storeIds: [...(result?.storeIds ?? [])].sort() }).toEqual({
        ...slow,
        storeIds: [...(slow?.storeIds ?? [])].sort(),
      });
    },
  );

  test("a cookie whose signature does not match is nobody, and costs no statement", async () => {
    const cookie = await signIn("cashier");
    const forged = cookie.replace(/session_token=([^.;]+)\.([^;]+)/, (_, token: string, signature: string) => {
      const flipped = signature.startsWith("A") ? `B${signature.slice(1)}` : `A${signature.slice(1)}`;
      return `session_token=${token}.${flipped}`;
    });
    expect(forged).not.toBe(cookie);
    const { result, statements } = await statementsDuring(() => getActor(new Headers({ cookie: forged })));
    expect(result).toBeNull();
    expect(statements).toHaveLength(0);
  });

  test("after sign-out the cookie opens nothing", async () => {
    const cookie = await signIn("supervisor");
    expect(await getActor(new Headers({ cookie }))).not.toBeNull();
    const out = await signOutRoute(jsonRequest("/api/auth/sign-out", { method: "POST", cookie }), {});
    expect(out.status).toBeLessThan(300);
    expect(await getActor(new Headers({ cookie }))).toBeNull();
  });

  test("an expired session is nobody, and better-auth deletes it", async () => {
    const cookie = await signIn("cashier2");
    const where = sessionWhere(cookie);
    await prisma.session.update({ where, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await getActor(new Headers({ cookie }))).toBeNull();
    expect(await prisma.session.findUnique({ where })).toBeNull();
  });

  test("a session older than the refresh age is still the actor, and better-auth extends it", async () => {
    const cookie = await signIn("finance");
    const where = sessionWhere(cookie);
    // 12 h sessions refreshed after 1 h: one that expires in 10 h was last refreshed 2 h ago.
    const old = new Date(Date.now() + 10 * HOUR);
    await prisma.session.update({ where, data: { expiresAt: old } });
    const actor = await getActor(new Headers({ cookie }));
    expect(actor?.email).toBe("finance@demo.test");
    const after = await prisma.session.findUniqueOrThrow({ where });
    expect(after.expiresAt.getTime()).toBeGreaterThan(old.getTime() + HOUR);
  });

  test("a deactivated member's live session is nobody", async () => {
    const cookie = await signIn("cashier");
    const user = await prisma.user.findUniqueOrThrow({ where: { email: "cashier@demo.test" } });
    await prisma.membership.update({ where: { userId: user.id }, data: { active: false } });
    try {
      expect(await getActor(new Headers({ cookie }))).toBeNull();
    } finally {
      await prisma.membership.update({ where: { userId: user.id }, data: { active: true } });
    }
  });

  test("any Cookie header at all is answered with an actor or nobody, never an error", async () => {
    const cookie = await signIn("cashier");
    const value = cookie.split("session_token=")[1];
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.string(),
          fc.string().map((junk) => `better-auth.session_token=${junk}`),
          fc
            .tuple(fc.nat({ max: value.length }), fc.string({ maxLength: 3 }))
            .map(
              ([at, junk]) => `better-auth.session_token=${value.slice(0, at)}${junk}${value.slice(at + junk.length)}`,
            ),
        ),
        async (header) => {
          let headers: Headers;
          try {
            headers = new Headers({ cookie: header });
          } catch {
            return; // not a header a request can carry
          }
          const actor = await getActor(headers);
          if (actor) expect(actor.email).toBe("cashier@demo.test");
        },
      ),
      { numRuns: 150 },
    );
  });
});
