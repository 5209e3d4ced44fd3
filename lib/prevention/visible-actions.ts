// Which prevention actions a person sees: admin and finance all of the merchant's; a supervisor
// those of their stores, and any they made or own; everyone else only the ones they own. Every
// query of prevention actions goes through this, so one outside it answers 404 as if it did not exist.
import "server-only";
import type { Actor } from "@/lib/auth/actor";
import type { Prisma } from "@/lib/generated/prisma/client";
import { storeScopeFilter } from "@/lib/rbac/store-scope";

export function visibleActionsWhere(actor: Actor): Prisma.PreventionActionWhereInput {
  const filter = storeScopeFilter(actor);
  if (!filter) return { id: { in: [] } };
  const own: Prisma.PreventionActionWhereInput[] = [{ assigneeId: actor.userId }, { createdById: actor.userId }];
  if (filter.storeIds === "all") return { merchantId: actor.merchantId };
  if (actor.role === "SUPERVISOR") own.push({ storeId: { in: filter.storeIds } });
  return { merchantId: actor.merchantId, OR: own };
}
