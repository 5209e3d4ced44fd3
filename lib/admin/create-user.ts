// Creates a staff account: a better-auth user with an argon2id credential, and their membership
// (role, and the stores they work in for store-scoped roles).
import "server-only";
import { appendEvent } from "@/lib/audit/append-event";
import { hashPassword } from "@/lib/auth/password";
import type { Tx } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import type { Role } from "@/lib/rbac/permissions";

export interface NewUser {
  merchantId: string;
  email: string;
  name: string;
  password: string;
  role: Role;
  storeIds: string[];
}

/** Runs inside the caller's transaction; `actorId` is the admin doing it (null for the seed). */
export async function createUserInTx(tx: Tx, user: NewUser, actorId: string | null) {
  const email = user.email.trim().toLowerCase();
  if (await tx.user.findUnique({ where: { email }, select: { id: true } })) {
    throw new AppError("CONFLICT", `A user with email ${email} already exists.`, { email: "Already in use." });
  }
  const stores = await tx.store.findMany({
    where: { id: { in: user.storeIds }, merchantId: user.merchantId },
    select: { id: true },
  });
  if (stores.length !== new Set(user.storeIds).size) {
    throw new AppError("RULE_VIOLATION", "One of the stores is not this merchant's.", { storeIds: "Unknown store." });
  }
  const passwordHash = await hashPassword(user.password);
  const created = await tx.user.create({
    data: {
      email,
      name: user.name,
      emailVerified: true,
      membership: {
        create: {
          merchantId: user.merchantId,
          role: user.role,
          stores: { create: stores.map((store) => ({ storeId: store.id })) },
        },
      },
    },
    select: { id: true, email: true, name: true },
  });
  // better-auth's credential account: accountId is the user's id, as its own sign-up writes it.
  await tx.account.create({
    data: { userId: created.id, providerId: "credential", accountId: created.id, password: passwordHash },
  });
  await appendEvent(tx, {
    merchantId: user.merchantId,
    actorId,
    type: "user.created",
    after: { userId: created.id, email, role: user.role, storeIds: stores.map((s) => s.id) },
  });
  return created;
}
