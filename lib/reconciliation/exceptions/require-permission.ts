// The reconciliation is finance's and admins' alone: every use case here checks the caller first.
import type { Actor } from "@/lib/auth/actor";
import { AppError } from "@/lib/errors/app-error";
import { can, type Permission } from "@/lib/rbac/permissions";

export function requireReconciliation(actor: Actor, permission: Extract<Permission, `reconciliation.${string}`>) {
  if (!can(actor.role, permission)) throw new AppError("FORBIDDEN", { reason: "RECONCILIATION_ONLY" });
}
