// GET /api/reconciliation/exceptions: the exception groups that need work (or were resolved),
// oldest day first, keyset-paginated on (day, id), each with its first lines and its incident.
// Finance and admins only; the caller's merchant only.
import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { prisma } from "@/lib/db/client";
import { exceptionsWhere } from "@/lib/reconciliation/exceptions/exception-filters";
import { assertOwnStore } from "@/lib/reconciliation/exceptions/find-store";
import { firstLinesOf } from "@/lib/reconciliation/exceptions/first-lines";
import { linkedIncidents } from "@/lib/reconciliation/exceptions/linked-incidents";
import { requireReconciliation } from "@/lib/reconciliation/exceptions/require-permission";
import { serializeException } from "@/lib/reconciliation/exceptions/serialize-exception";
import { EXCEPTION_CURSOR, type ListExceptionsQuery, type ReconExceptionDto } from "@/lib/schemas/reconciliation";

export async function listExceptions({
  actor,
  query,
}: {
  actor: Actor;
  query: ListExceptionsQuery;
}): Promise<{ items: ReconExceptionDto[]; nextCursor: string | null }> {
  requireReconciliation(actor, "reconciliation.view");
  await assertOwnStore(actor, query.storeId);
  const after = query.cursor ? EXCEPTION_CURSOR.exec(query.cursor) : null;
  const rows = await prisma.reconException.findMany({
    where: {
      ...exceptionsWhere(actor, query),
      ...(after ? { OR: [{ day: { gt: after[1] } }, { day: after[1], id: { gt: after[2] } }] } : {}),
    },
    orderBy: [{ day: "asc" }, { id: "asc" }],
    take: query.limit + 1,
  });
  const page = rows.slice(0, query.limit);
  const [lines, incidentOf, stores] = await Promise.all([
    firstLinesOf(
      actor.merchantId,
      page.map((row) => row.id),
    ),
    linkedIncidents(actor.merchantId, page),
    prisma.store.findMany({
      where: { merchantId: actor.merchantId, id: { in: page.flatMap((row) => row.storeId ?? []) } },
      select: { id: true, name: true },
    }),
  ]);
  const names = new Map(stores.map((store) => [store.id, store.name]));
  const last = page.at(-1);
  return {
    items: page.map((row) =>
      serializeException(row, {
        storeName: row.storeId ? (names.get(row.storeId) ?? null) : null,
        incident: row.incidentId ? (incidentOf.get(row.incidentId) ?? null) : null,
        lines: lines.get(row.id) ?? [],
      }),
    ),
    nextCursor: rows.length > query.limit && last ? `${last.day}~${last.id}` : null,
  };
}
