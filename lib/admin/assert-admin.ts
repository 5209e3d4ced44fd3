// The guard every administration use case starts with: only a role with `admin.manage` passes.
import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { AppError } from "@/lib/errors/app-error";
import { can } from "@/lib/rbac/permissions";

export function assertAdmin(actor: Actor): void {
  if (!can(actor.role, "admin.manage")) {
    throw new AppError("FORBIDDEN", { reason: "ADMIN_ONLY" });
  }
}
