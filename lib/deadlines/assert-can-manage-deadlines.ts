// The guard of every deadline-settings use case (and of their routes, before a body is read):
// only a role with `deadlines.manage` passes.
import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { AppError } from "@/lib/errors/app-error";
import { can } from "@/lib/rbac/permissions";

export function assertCanManageDeadlines(actor: Actor): void {
  if (!can(actor.role, "deadlines.manage")) throw new AppError("FORBIDDEN", { reason: "DEADLINES_ADMIN_ONLY" });
}
