// Which alerts a person sees: finance and admin all of the merchant's, a supervisor those of their
// stores (an alert of no one store — an operator seen in several, a bank credit — is not theirs),
// anyone else none. Every query of alerts goes through this, so one outside it answers 404.
import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { AppError } from "@/lib/errors/app-error";
import type { Prisma } from "@/lib/generated/prisma/client";
import { can } from "@/lib/rbac/permissions";
import { storeScopeFilter } from "@/lib/rbac/store-scope";

export function visibleAlertsWhere(actor: Actor): Prisma.AlertWhereInput {
  const filter = can(actor.role, "alerts.view") ? storeScopeFilter(actor) : null;
  if (!filter) return { id: { in: [] } };
  if (filter.storeIds === "all") return { merchantId: actor.merchantId };
  return { merchantId: actor.merchantId, storeId: { in: filter.storeIds } };
}

/** 403 for a role that may not see alerts at all (a cashier). */
export function requireAlertsView(actor: Actor): void {
  if (!can(actor.role, "alerts.view")) throw new AppError("FORBIDDEN", { reason: "ALERTS_NOT_ALLOWED" });
}
