// The transaction lines linked to an incident as its evidence: the lines of the exceptions it was
// opened from or linked to, and the lines a later file (or a person) paired them with. For the incident page's "Reconciliation evidence" section, shown to
// finance and admins only (null for the other roles, who never reach the reconciliation).
import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { prisma } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import { can } from "@/lib/rbac/permissions";
import { LINE_COLUMNS } from "@/lib/reconciliation/exceptions/first-lines";
import { type ReconLineRow, serializeLine } from "@/lib/reconciliation/exceptions/serialize-line";
import type { ReconLineDto } from "@/lib/schemas/reconciliation";

/** Lines shown on the page; a whole batch's others are in the exceptions CSV. */
export const LINKED_LINES_SHOWN = 50;

export async function listLinkedLines({
  actor,
  incidentId,
}: {
  actor: Actor;
  incidentId: string;
}): Promise<{ lines: ReconLineDto[]; total: number } | null> {
  if (!can(actor.role, "reconciliation.view")) return null;
  // The exceptions' own lines and the lines that explained them (their partners, once matched).
  const linked = Prisma.sql`"ReconLine" l
    WHERE l."merchantId" = ${actor.merchantId} AND l."category" <> 'staged' AND (
      l."exceptionId" IN (
        SELECT e."id" FROM "ReconException" e WHERE e."incidentId" = ${incidentId} AND e."merchantId" = ${actor.merchantId})
      OR l."id" IN (
        SELECT m."matchedLineId" FROM "ReconLine" m JOIN "ReconException" e ON e."id" = m."exceptionId"
        WHERE e."incidentId" = ${incidentId} AND e."merchantId" = ${actor.merchantId} AND m."matchedLineId" IS NOT NULL))`;
  const [rows, [count]] = await Promise.all([
    prisma.$queryRaw<ReconLineRow[]>`SELECT ${LINE_COLUMNS} FROM ${linked} ORDER BY l."id" LIMIT ${LINKED_LINES_SHOWN}`,
    prisma.$queryRaw<{ total: number | bigint }[]>`SELECT COUNT(*) AS "total" FROM ${linked}`,
  ]);
  return { lines: rows.map(serializeLine), total: Number(count?.total ?? 0) };
}
