// Email + password sign-in with a lock-out after repeated failures. Every failure answers the
// same generic message, whether the email exists or not.
import "server-only";
import { APIError } from "better-auth/api";
import { auth } from "@/lib/auth/auth";
import { prisma } from "@/lib/db/client";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors/app-error";

const GENERIC = "Email or password is incorrect.";

export async function signIn({
  email,
  password,
  headers,
}: {
  email: string;
  password: string;
  headers: Headers;
}): Promise<{ setCookie: string[] }> {
  const normalizedEmail = email.trim().toLowerCase();
  const membership = await prisma.membership.findFirst({
    where: { user: { email: normalizedEmail } },
    select: { id: true, active: true, lockedUntil: true },
  });
  const now = new Date();
  if (membership?.lockedUntil && membership.lockedUntil > now) {
    throw new AppError("LOCKED", "Too many failed sign-ins. Try again later.");
  }

  try {
    if (!membership?.active) throw new APIError("UNAUTHORIZED", { message: GENERIC });
    const result = await auth.api.signInEmail({
      body: { email: normalizedEmail, password },
      headers,
      returnHeaders: true,
    });
    await prisma.membership.update({
      where: { id: membership.id },
      data: { failedSignIns: 0, lockedUntil: null },
    });
    return { setCookie: result.headers.getSetCookie() };
  } catch (error) {
    if (!(error instanceof APIError)) throw error;
    if (membership) {
      // Count the failure; lock when the count reaches the limit. One statement, so two
      // instances counting at once cannot both miss the limit.
      const updated = await prisma.membership.update({
        where: { id: membership.id },
        data: { failedSignIns: { increment: 1 } },
        select: { failedSignIns: true },
      });
      if (updated.failedSignIns >= env.SIGN_IN_MAX_FAILURES) {
        await prisma.membership.update({
          where: { id: membership.id },
          data: {
            failedSignIns: 0,
            lockedUntil: new Date(now.getTime() + env.SIGN_IN_LOCK_MINUTES * 60_000),
          },
        });
      }
    }
    throw new AppError("UNAUTHENTICATED", GENERIC);
  }
}

export async function signOut({ headers }: { headers: Headers }): Promise<{ setCookie: string[] }> {
  const result = await auth.api.signOut({ headers, returnHeaders: true });
  return { setCookie: result.headers.getSetCookie() };
}
