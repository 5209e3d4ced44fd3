// Email + password sign-in, throttled per account, per source address and per account at an
// address (lib/auth/throttle.ts). Every failure answers the same generic message and costs the
// same argon2 verification, whether the email exists or not. Used by the JSON route and the login
// form's server action alike.
import "server-only";
import { APIError } from "better-auth/api";
import { auth } from "@/lib/auth/auth";
import { clientAddress } from "@/lib/auth/client-address";
import { verifyAgainstDummyHash, verifyPassword, withVerifiedPassword } from "@/lib/auth/password";
import { reserveSignInAttempt, SignInThrottledError, settleSuccessfulSignIn } from "@/lib/auth/throttle";
import { prisma } from "@/lib/db/client";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors/app-error";

export { SignInThrottledError };

/** One answer whatever was wrong, so it tells nothing about which accounts exist. */
const GENERIC = { reason: "SIGN_IN_FAILED" } as const;

/**
 * Throws AppError UNAUTHENTICATED (401) for a wrong email or password and SignInThrottledError,
 * an AppError LOCKED (429) with `retryAfterSeconds`, while attempts are held back.
 */
export async function signIn({
  email,
  password,
  headers,
  now = new Date(),
}: {
  email: string;
  password: string;
  headers: Headers;
  now?: Date;
}): Promise<{ setCookie: string[] }> {
  const normalizedEmail = email.trim().toLowerCase();
  // Counted before the password is looked at, so a burst cannot outrun the count.
  const reservation = await reserveSignInAttempt({
    email: normalizedEmail,
    address: clientAddress(headers, env.TRUSTED_PROXY),
    now,
  });

  // The same work whatever is wrong: one lookup, then one argon2 verification, against the stored
  // hash or, for an unknown or inactive account, a dummy one. better-auth is called only once the
  // password is known to be right (its own answer for a wrong one takes longer than ours).
  const user = await prisma.user.findUnique({
    where: { email: normalizedEmail },
    select: {
      id: true,
      membership: { select: { active: true } },
      accounts: { where: { providerId: "credential" }, select: { accountId: true, password: true } },
    },
  });
  const storedHash = user?.membership?.active
    ? user.accounts.find((account) => account.accountId === user.id)?.password
    : undefined;
  const passwordIsRight = storedHash
    ? await verifyPassword({ hash: storedHash, password })
    : await verifyAgainstDummyHash(password);
  if (!storedHash || !passwordIsRight) throw new AppError("UNAUTHENTICATED", GENERIC);

  let setCookie: string[];
  try {
    const result = await withVerifiedPassword({ hash: storedHash, password }, () =>
      auth.api.signInEmail({ body: { email: normalizedEmail, password }, headers, returnHeaders: true }),
    );
    setCookie = result.headers.getSetCookie();
  } catch (error) {
    if (error instanceof APIError) throw new AppError("UNAUTHENTICATED", GENERIC);
    throw error;
  }
  await settleSuccessfulSignIn(reservation, now);
  return { setCookie };
}

export async function signOut({ headers }: { headers: Headers }): Promise<{ setCookie: string[] }> {
  const result = await auth.api.signOut({ headers, returnHeaders: true });
  return { setCookie: result.headers.getSetCookie() };
}
