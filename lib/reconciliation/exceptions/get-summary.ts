// GET /api/reconciliation/summary: counts and amounts per source and category (lines by their
// day), the same per store, per settlement category (by settle date), and the exceptions open and
// resolved. Staged lines (an import still running) are never counted. Finance and admins only,
// inside the caller's merchant; three grouped reads: the lines over the (merchantId, source, day)
// index (every source named, so the day range is a range scan per source, not a walk of all the
// merchant's lines), the settlements and the exceptions.
import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { prisma } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import { assertOwnStore } from "@/lib/reconciliation/exceptions/find-store";
import { requireReconciliation } from "@/lib/reconciliation/exceptions/require-permission";
import { formatMinorExact } from "@/lib/reconciliation/exceptions/serialize-line";
import type { LineSource } from "@/lib/reconciliation/types";
import type { ReconciliationSummaryDto, ReconciliationSummaryQuery } from "@/lib/schemas/reconciliation";

type Count = ReconciliationSummaryDto["lines"][number];

export async function getReconciliationSummary({
  actor,
  query,
}: {
  actor: Actor;
  query: ReconciliationSummaryQuery;
}): Promise<ReconciliationSummaryDto> {
  requireReconciliation(actor, "reconciliation.view");
  await assertOwnStore(actor, query.storeId);
  const dayRange = (column: Prisma.Sql) =>
    Prisma.join(
      [
        ...(query.from ? [Prisma.sql`${column} >= ${query.from}`] : []),
        ...(query.to ? [Prisma.sql`${column} <= ${query.to}`] : []),
        Prisma.sql`1 = 1`,
      ],
      " AND ",
    );
  const store = query.storeId ? Prisma.sql`AND "storeId" = ${query.storeId}` : Prisma.empty;

  const [lineRows, settlementRows, exceptionRows] = await Promise.all([
    prisma.$queryRaw<
      {
        storeId: string | null;
        source: string;
        category: string;
        currency: string;
        count: number | bigint;
        amount: number | bigint | null;
      }[]
    >`SELECT "storeId", "source", "category", "currency", COUNT(*) AS "count", CAST(SUM("amountMinor") AS BIGINT) AS "amount"
      FROM "ReconLine"
      WHERE "merchantId" = ${actor.merchantId} AND "source" IN ('pos', 'statement', 'bank')
        AND ${dayRange(Prisma.sql`"day"`)} AND "category" <> 'staged' ${store}
      GROUP BY "storeId", "source", "category", "currency"`,
    query.storeId
      ? Promise.resolve([])
      : prisma.$queryRaw<
          {
            category: string;
            count: number | bigint;
            expected: number | bigint | null;
            shortBy: number | bigint | null;
          }[]
        >`SELECT "category", COUNT(*) AS "count", CAST(SUM("expectedMinor") AS BIGINT) AS "expected", CAST(SUM("shortByMinor") AS BIGINT) AS "shortBy"
          FROM "ReconSettlement"
          WHERE "merchantId" = ${actor.merchantId} AND ${dayRange(Prisma.sql`"settleDate"`)}
          GROUP BY "category" ORDER BY "category"`,
    prisma.$queryRaw<{ status: string; count: number | bigint }[]>`
      SELECT "status", COUNT(*) AS "count" FROM "ReconException"
      WHERE "merchantId" = ${actor.merchantId} AND ${dayRange(Prisma.sql`"day"`)} ${store}
      GROUP BY "status"`,
  ]);

  const storeNames = new Map(
    (
      await prisma.store.findMany({
        where: { merchantId: actor.merchantId, id: { in: [...new Set(lineRows.flatMap((row) => row.storeId ?? []))] } },
        select: { id: true, name: true },
      })
    ).map((row) => [row.id, row.name]),
  );
  const perStore = new Map<
    string | null,
    Map<string, { count: bigint; amount: bigint; row: (typeof lineRows)[number] }>
  >();
  const overall = new Map<string, { count: bigint; amount: bigint; row: (typeof lineRows)[number] }>();
  for (const row of lineRows) {
    const key = `${row.source}\u0000${row.category}\u0000${row.currency}`;
    const forStore = perStore.get(row.storeId) ?? new Map();
    perStore.set(row.storeId, forStore);
    for (const into of [forStore, overall]) {
      const sum = into.get(key) ?? { count: 0n, amount: 0n, row };
      sum.count += BigInt(row.count);
      sum.amount += BigInt(row.amount ?? 0);
      into.set(key, sum);
    }
  }
  const counts = (sums: typeof overall): (Count & { source: LineSource })[] =>
    [...sums.values()]
      .map(({ count, amount, row }) => ({
        source: row.source as LineSource,
        category: row.category,
        count: Number(count),
        amount: formatMinorExact(amount),
        currency: row.currency,
      }))
      .sort((a, b) => a.source.localeCompare(b.source) || a.category.localeCompare(b.category));

  const exceptions = { open: 0, resolved: 0 };
  for (const row of exceptionRows) {
    if (row.status === "open" || row.status === "resolved") exceptions[row.status] = Number(row.count);
  }
  return {
    from: query.from ?? null,
    to: query.to ?? null,
    storeId: query.storeId ?? null,
    lines: counts(overall),
    stores: [...perStore.entries()]
      .map(([storeId, sums]) => ({
        storeId,
        storeName: storeId ? (storeNames.get(storeId) ?? null) : null,
        categories: counts(sums),
      }))
      .sort((a, b) => (a.storeName ?? "\uffff").localeCompare(b.storeName ?? "\uffff")),
    settlements: settlementRows.map((row) => ({
      category: row.category,
      count: Number(row.count),
      expected: formatMinorExact(row.expected ?? 0),
      shortBy: formatMinorExact(row.shortBy ?? 0),
    })),
    exceptions,
  };
}
