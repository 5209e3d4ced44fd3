// The terminals a user may log an incident for: the active terminals of the stores their role
// lets them log in (the cashier's terminal picker). The server still re-checks on create.
import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { prisma } from "@/lib/db/client";
import { can } from "@/lib/rbac/permissions";
import { storeScopedWhere } from "@/lib/rbac/store-scope";

export interface LoggableTerminal {
  /** The TID printed on the slip; what the create API takes as `terminalId`. */
  tid: string;
  storeId: string;
  storeName: string;
}

export async function listLoggableTerminals({ actor }: { actor: Actor }): Promise<LoggableTerminal[]> {
  if (!can(actor.role, "incident.create")) return [];
  const where = storeScopedWhere(actor);
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
