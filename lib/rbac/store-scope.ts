// Which of the merchant's stores an actor works with, from the role's store scope. Pure: each
// query turns it into its own `where` (incidents, terminals and stores name the store differently).
import type { Actor } from "@/lib/auth/actor";
import { storeScopeOf } from "@/lib/rbac/permissions";

export type StoreScopeFilter = { merchantId: string; storeIds: "all" | string[] } | null;

/** null when the role sees no store at all (unknown role). */
export function storeScopeFilter(actor: Pick<Actor, "role" | "merchantId" | "storeIds">): StoreScopeFilter {
  const scope = storeScopeOf(actor.role);
  switch (scope) {
    case "all":
      return { merchantId: actor.merchantId, storeIds: "all" };
    case "assigned":
      return { merchantId: actor.merchantId, storeIds: actor.storeIds };
    case "none":
      return null;
    default:
      return scope satisfies never;
  }
}

/** `{ merchantId, storeId: { in } }` for rows that carry both (incidents, terminals); null = none. */
export function storeScopedWhere(actor: Pick<Actor, "role" | "merchantId" | "storeIds">) {
  const filter = storeScopeFilter(actor);
  if (!filter) return null;
  return filter.storeIds === "all"
    ? { merchantId: filter.merchantId }
    : { merchantId: filter.merchantId, storeId: { in: filter.storeIds } };
}
