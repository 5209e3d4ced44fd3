// Creates a staff account: a better-auth user with an argon2id credential, and their membership
// (role, and the stores they work in for store-scoped roles).
import "server-only";
import { assertAdmin } from "@/lib/admin/assert-admin";
import { rethrowUniqueClash } from "@/lib/admin/unique-clash";
import { appendEvent } from "@/lib/audit/append-event";
import type { Actor } from "@/lib/auth/actor";
import { hashPassword } from "@/lib/auth/password";
import { prisma, type Tx } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import type { Role } from "@/lib/rbac/permissions";
import type { CreateUserInput } from "@/lib/schemas/admin";

export type NewUser = {
  merchantId: string;
  email: string;
  name: string;
  role: Role;
  storeIds: string[];
} & ({ password: string } | { passwordHash: string });

/** Runs inside the caller's transaction; `actorId` is the admin doing it (null for the seed). */
export async function createUserInTx(tx: Tx, user: NewUser, actorId: string | null) {
  const email = user.email.trim().toLowerCase();
  if (await tx.user.findUnique({ where: { email }, select: { id: true } })) {
    const taken = { reason: "EMAIL_TAKEN", params: { email } } as const;
    throw new AppError("CONFLICT", taken, { email: taken });
  }
  const stores = await tx.store.findMany({
    where: { id: { in: user.storeIds }, merchantId: user.merchantId },
    select: { id: true },
  });
  if (stores.length !== new Set(user.storeIds).size) {
    throw new AppError("NOT_FOUND", { reason: "STORES_NOT_FOUND" }, { storeIds: { reason: "STORES_NOT_FOUND" } });
  }
  const passwordHash = "passwordHash" in user ? user.passwordHash : await hashPassword(user.password);
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
    after: { userId: created.id, email, name: user.name, role: user.role, storeIds: stores.map((s) => s.id) },
  });
  return created;
}

/** An admin adds a member of staff, who can sign in at once with the initial password. */
export async function createUser({ actor, input }: { actor: Actor; input: CreateUserInput }) {
  assertAdmin(actor);
  // Hashing is slow (argon2id): do it before the transaction so the write lock is held briefly.
  const passwordHash = await hashPassword(input.password);
  try {
    return await prisma.$transaction((tx) =>
      createUserInTx(
        tx,
        {
          merchantId: actor.merchantId,
          email: input.email,
          name: input.name,
          role: input.role,
          storeIds: input.storeIds,
          passwordHash,
        },
        actor.userId,
      ),
    );
  } catch (error) {
    rethrowUniqueClash(
      error,
      new AppError(
        "CONFLICT",
        { reason: "EMAIL_TAKEN", params: { email: input.email } },
        { email: { reason: "EMAIL_TAKEN", params: { email: input.email } } },
      ),
    );
  }
}
