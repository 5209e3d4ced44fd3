// The terminals a user may log an incident for: the active terminals of the stores their role
// lets them log in (the cashier's terminal picker). The server still re-checks on create.
import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { prisma } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import { can, storeScopeOf } from "@/lib/rbac/permissions";

export interface LoggableTerminal {
  /** The TID printed on the slip; what the create API takes as `terminalId`. */
  tid: string;
  storeId: string;
  storeName: string;
}

export async function listLoggableTerminals({ actor }: { actor: Actor }): Promise<LoggableTerminal[]> {
  if (!can(actor.role, "incident.create")) return [];
  const where = terminalScopeWhere(actor);
  if (!where) return [];
  const terminals = await prisma.terminal.findMany({
    where: { ...where, active: true },
    select: { tid: true, storeId: true, store: { select: { name: true } } },
    orderBy: [{ store: { name: "asc" } }, { tid: "asc" }],
  });
  return terminals.map((terminal) => ({
    tid: terminal.tid,
    storeId: terminal.storeId,
    storeName: terminal.store.name,
  }));
}

function terminalScopeWhere(actor: Actor): Prisma.TerminalWhereInput | null {
  const scope = storeScopeOf(actor.role);
  switch (scope) {
    case "all":
      return { merchantId: actor.merchantId };
    case "assigned":
      return { merchantId: actor.merchantId, storeId: { in: actor.storeIds } };
    case "none":
      return null;
    default:
      return scope satisfies never;
  }
}
