// Who is calling: the signed-in user with their merchant, role and stores, or a 401.
import "server-only";
import { auth } from "@/lib/auth/auth";
import { lookUpSession } from "@/lib/auth/session-actor";
import { prisma } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { isRole, type Role } from "@/lib/rbac/permissions";

export interface Actor {
  userId: string;
  name: string;
  email: string;
  merchantId: string;
  role: Role;
  /** Stores the user works in (for store-scoped roles; all stores for the others). */
  storeIds: string[];
}

export async function getActor(headers: Headers): Promise<Actor | null> {
  const lookup = await lookUpSession(headers);
  if (lookup.kind === "none") return null;
  if (lookup.kind === "found") {
    const { membership, ...user } = lookup.session;
    if (!membership?.active || !isRole(membership.role)) return null;
    return { ...user, merchantId: membership.merchantId, role: membership.role, storeIds: membership.storeIds };
  }
  return getActorThroughBetterAuth(headers);
}

/** Expired sessions and sliding refreshes: better-auth deletes or extends the session. */
export async function getActorThroughBetterAuth(headers: Headers): Promise<Actor | null> {
  const session = await auth.api.getSession({ headers });
  if (!session) return null;
  const membership = await prisma.membership.findUnique({
    where: { userId: session.user.id },
    select: { merchantId: true, role: true, active: true, stores: { select: { storeId: true } } },
  });
  if (!membership?.active || !isRole(membership.role)) return null;
  return {
    userId: session.user.id,
    name: session.user.name,
    email: session.user.email,
    merchantId: membership.merchantId,
    role: membership.role,
    storeIds: membership.stores.map((s) => s.storeId),
  };
}

export async function requireActor(headers: Headers): Promise<Actor> {
  const actor = await getActor(headers);
  if (!actor) throw new AppError("UNAUTHENTICATED", { reason: "SIGN_IN_REQUIRED" });
  return actor;
}
