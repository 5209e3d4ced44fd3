// The common case of "who is calling" in one statement. better-auth's getSession reads the
// session, then the user, and getActor then read the membership and its stores: four round trips
// on every request, a fifth of what a create costs. Here the cookie's signature is checked in
// process (the same HMAC better-auth signs it with) and one join reads session, user, membership
// and stores. Whatever is not the plain case — no such session, expired, or due for its sliding
// refresh — is left to better-auth (sessionActorOrFallback's caller), which deletes or extends
// the session exactly as it always has.
import "server-only";
import crypto from "node:crypto";
import { auth } from "@/lib/auth/auth";
import { hashSessionToken } from "@/lib/auth/hashed-session-tokens";
import { prisma } from "@/lib/db/client";

interface Row {
  expiresAt: Date | string | number;
  userId: string;
  name: string;
  email: string;
  merchantId: string | null;
  role: string | null;
  active: boolean | number | null;
  storeId: string | null;
}

export interface SessionMembership {
  userId: string;
  name: string;
  email: string;
  /** Null when the user has no membership (never a signed-in actor). */
  membership: { merchantId: string; role: string; active: boolean; storeIds: string[] } | null;
}

export type SessionLookup =
  | { kind: "none" } // no cookie, a forged one, or no such session: nobody is signed in
  | { kind: "ask-better-auth" } // expired or due for refresh: better-auth handles it
  | { kind: "found"; session: SessionMembership };

/** The session token from the signed cookie, or null when it is absent or its signature is wrong. */
async function signedSessionToken(headers: Headers): Promise<string | null> {
  const cookieHeader = headers.get("cookie");
  if (!cookieHeader) return null;
  const context = await auth.$context;
  const name = context.authCookies.sessionToken.name;
  let raw: string | undefined;
  for (const part of cookieHeader.split(";")) {
    const at = part.indexOf("=");
    if (at > 0 && part.slice(0, at).trim() === name) {
      raw = part.slice(at + 1).trim();
      break;
    }
  }
  if (!raw) return null;
  let value: string;
  try {
    value = decodeURIComponent(raw);
  } catch {
    return null;
  }
  // The same shape better-call's getSignedCookie accepts: `token.base64(HMAC-SHA256)`.
  const dot = value.lastIndexOf(".");
  if (dot < 1) return null;
  const token = value.slice(0, dot);
  const signature = value.slice(dot + 1);
  if (signature.length !== 44 || !signature.endsWith("=")) return null;
  const expected = crypto.createHmac("sha256", context.secret).update(token).digest();
  const given = Buffer.from(signature, "base64");
  return given.length === expected.length && crypto.timingSafeEqual(given, expected) ? token : null;
}

const toTime = (value: Row["expiresAt"]) => (value instanceof Date ? value : new Date(value)).getTime();

export async function lookUpSession(headers: Headers, now = Date.now()): Promise<SessionLookup> {
  const token = await signedSessionToken(headers);
  if (!token) return { kind: "none" };
  const rows = await prisma.$queryRaw<Row[]>`
    SELECT s."expiresAt", u."id" AS "userId", u."name", u."email",
           m."merchantId", m."role", m."active", ms."storeId"
    FROM "session" s
    JOIN "user" u ON u."id" = s."userId"
    LEFT JOIN "Membership" m ON m."userId" = u."id"
    LEFT JOIN "MembershipStore" ms ON ms."membershipId" = m."id"
    WHERE s."token" = ${hashSessionToken(token)}`;
  const first = rows[0];
  if (!first) return { kind: "none" };
  const context = await auth.$context;
  const expiresAt = toTime(first.expiresAt);
  const { expiresIn, updateAge } = context.sessionConfig;
  // better-auth's own rule: refresh once the session is more than updateAge old.
  const dueForRefresh = expiresAt - expiresIn * 1000 + updateAge * 1000 <= now;
  if (!Number.isFinite(expiresAt) || expiresAt < now || dueForRefresh) return { kind: "ask-better-auth" };
  return {
    kind: "found",
    session: {
      userId: first.userId,
      name: first.name,
      email: first.email,
      membership:
        first.merchantId && first.role
          ? {
              merchantId: first.merchantId,
              role: first.role,
              active: Boolean(first.active),
              storeIds: rows.flatMap((row) => (row.storeId ? [row.storeId] : [])),
            }
          : null,
    },
  };
}
