// The transaction lines linked to an incident as its evidence: the lines of the exceptions it was
// opened from or linked to, and the lines a later file (or a person) paired them with. For the incident page's "Reconciliation evidence" section, shown to
// finance and admins only (null for the other roles, who never reach the reconciliation).
import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { databaseProvider, prisma } from "@/lib/db/client";
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
  const sql = linkedLinesSql({ merchantId: actor.merchantId, incidentId });
  const [rows, [count]] = await Promise.all([
    prisma.$queryRaw<ReconLineRow[]>(sql.lines),
    prisma.$queryRaw<{ total: number | bigint }[]>(sql.count),
  ]);
  return { lines: rows.map(serializeLine), total: Number(count?.total ?? 0) };
}

/**
 * The exceptions' own lines and the lines that explained them (their partners, once matched):
 * the exceptions' lines read once (ReconException (incidentId), then ReconLine (exceptionId)),
 * then the lines by primary key. Written as `exceptionId IN (…) OR id IN (…)` SQLite scanned the
 * merchant's every line: 2.8–4.2 s for an admin's incident page at 5 million lines. On SQLite the
 * exceptionId index is named (its statistics count the millions of lines of no exception as one
 * key, so the planner would rather scan) and the merchant check kept off the indexes (+).
 */
export function linkedLinesSql({ merchantId, incidentId }: { merchantId: string; incidentId: string }) {
  const sqlite = databaseProvider === "sqlite";
  const byException = Prisma.raw(sqlite ? `INDEXED BY "ReconLine_exceptionId_idx"` : "");
  const merchantColumn = Prisma.raw(sqlite ? `+l."merchantId"` : `l."merchantId"`);
  const own = Prisma.sql`WITH own AS MATERIALIZED (
    SELECT o."id", o."matchedLineId" FROM "ReconException" e JOIN "ReconLine" o ${byException} ON o."exceptionId" = e."id"
    WHERE e."incidentId" = ${incidentId} AND e."merchantId" = ${merchantId})`;
  const linked = Prisma.sql`"ReconLine" l
    WHERE l."id" IN (SELECT "id" FROM own UNION SELECT "matchedLineId" FROM own WHERE "matchedLineId" IS NOT NULL)
      AND ${merchantColumn} = ${merchantId} AND l."category" <> 'staged'`;
  return {
    lines: Prisma.sql`${own} SELECT ${LINE_COLUMNS} FROM ${linked} ORDER BY l."id" LIMIT ${LINKED_LINES_SHOWN}`,
    count: Prisma.sql`${own} SELECT COUNT(*) AS "total" FROM ${linked}`,
  };
}
