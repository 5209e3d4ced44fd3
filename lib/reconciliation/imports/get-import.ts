// One import of the merchant, for the status poll (the progress bar) and the API.
import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { prisma } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { can } from "@/lib/rbac/permissions";
import { type ImportDto, serializeImport } from "@/lib/reconciliation/imports/serialize-import";

export function assertCanViewReconciliation(actor: Actor): void {
  if (!can(actor.role, "reconciliation.view")) throw new AppError("FORBIDDEN", { reason: "RECONCILIATION_ONLY" });
}

export async function getImport({ actor, id }: { actor: Actor; id: string }): Promise<ImportDto> {
  assertCanViewReconciliation(actor);
  const row = await prisma.reconImport.findFirst({ where: { id, merchantId: actor.merchantId } });
  if (!row) throw new AppError("NOT_FOUND", { reason: "IMPORT_NOT_FOUND" });
  return serializeImport(row);
}

/** The merchant's latest imports, newest first. */
export async function listImports({ actor, limit = 50 }: { actor: Actor; limit?: number }): Promise<ImportDto[]> {
  assertCanViewReconciliation(actor);
  const rows = await prisma.reconImport.findMany({
    where: { merchantId: actor.merchantId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit,
  });
  return rows.map(serializeImport);
}
