// The duplicate check of a create, as SQL the create's one look-up statement joins: the open
// incidents of the merchant that look like the same mishap — the same RRN, or the same terminal,
// card last 4 and amount within DUPLICATE_WINDOW_MS of the moment it happened. Each arm walks its
// own index (Incident (merchantId, rrn) and (terminalId, occurredAt)), so the check stays a few
// index probes whatever the size of the table. A drill (issue 10, practice) is never a duplicate of a
// real case (and a drill's own start runs no check).
import "server-only";
import { timestampSql } from "@/lib/db/dialect";
import { Prisma } from "@/lib/generated/prisma/client";

/** How far apart two mishaps on one terminal, card and amount may be and still look like one. */
export const DUPLICATE_WINDOW_MS = 10 * 60_000;

/** At most this many matches are named (the oldest); one is enough to stop and look. */
export const MAX_NAMED_DUPLICATES = 5;

const OPEN_STATUSES = Prisma.raw("'OPEN', 'IN_PROGRESS'");

export interface DuplicateProbe {
  merchantId: string;
  /** The terminal's TID as the merchant's terminals store it (upper case). */
  tid: string;
  rrn?: string;
  cardLast4?: string;
  amountMinor: number | null;
  occurredAt: Date;
}

/**
 * A derived table of (id, number) of the suspected duplicates, oldest first, or null when the
 * incident carries nothing to match on (no RRN, and not all of card last 4 and amount).
 */
export function suspectedDuplicatesSql(probe: DuplicateProbe): Prisma.Sql | null {
  const arms: Prisma.Sql[] = [];
  if (probe.rrn) {
    arms.push(Prisma.sql`SELECT i."id", i."number" FROM "Incident" i
      WHERE i."merchantId" = ${probe.merchantId} AND i."rrn" = ${probe.rrn} AND i."status" IN (${OPEN_STATUSES})
        AND i."drill" = FALSE`);
  }
  if (probe.cardLast4 && probe.amountMinor !== null) {
    const from = new Date(probe.occurredAt.getTime() - DUPLICATE_WINDOW_MS);
    const to = new Date(probe.occurredAt.getTime() + DUPLICATE_WINDOW_MS);
    arms.push(Prisma.sql`SELECT i."id", i."number" FROM "Incident" i
      WHERE i."terminalId" = (SELECT "id" FROM "Terminal" WHERE "merchantId" = ${probe.merchantId} AND "tid" = ${probe.tid})
        AND i."occurredAt" >= ${timestampSql(from)} AND i."occurredAt" <= ${timestampSql(to)}
        AND i."cardLast4" = ${probe.cardLast4} AND i."amountMinor" = ${probe.amountMinor}
        AND i."merchantId" = ${probe.merchantId} AND i."status" IN (${OPEN_STATUSES}) AND i."drill" = FALSE`);
  }
  if (arms.length === 0) return null;
  return Prisma.sql`SELECT matched."id", matched."number" FROM (${Prisma.join(arms, " UNION ")}) AS matched
    ORDER BY matched."number" LIMIT ${Prisma.raw(String(MAX_NAMED_DUPLICATES))}`;
}
