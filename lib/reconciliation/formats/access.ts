// The guard of the formats and the preview: importing files (and saving formats for them) is
// finance's and admin's (`reconciliation.import`). Unknown role → denied.
import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { AppError } from "@/lib/errors/app-error";
import { can } from "@/lib/rbac/permissions";

export function assertCanImport(actor: Actor): void {
  if (!can(actor.role, "reconciliation.import")) {
    throw new AppError("FORBIDDEN", { reason: "RECONCILIATION_ONLY" });
  }
}
