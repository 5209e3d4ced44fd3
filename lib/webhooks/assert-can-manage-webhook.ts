// The guard of every alert-webhook use case (and of their routes, before a body is read): only a
// role with `alerts.manage` (the admin) passes.
import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { AppError } from "@/lib/errors/app-error";
import { can } from "@/lib/rbac/permissions";

export function assertCanManageWebhook(actor: Actor): void {
  if (!can(actor.role, "alerts.manage")) throw new AppError("FORBIDDEN", { reason: "WEBHOOK_ADMIN_ONLY" });
}
