// The import's last step, through the app's client in one transaction: an audit event on each
// linked incident whose exception this import's publish resolved (the lines that now explain it;
// or, for a settle date's credit case that changed category, the case it became, linked to it),
// the import's own completion event — all through ONE claim of the merchant's chain
// (appendEvents) — and the import marked done with its report. Runs again harmlessly after a
// crash: the publish time recorded on the import finds the same resolved exceptions.
import "server-only";
import { appendEvents } from "@/lib/audit/append-event";
import { prisma } from "@/lib/db/client";
import type { ReconImport } from "@/lib/generated/prisma/client";
import { formatMinor } from "@/lib/reconciliation/parse/values";
import type { ImportType } from "@/lib/reconciliation/types";

type EventInput = Parameters<typeof appendEvents>[2][number];

/** A linked credit case this publish turned into another category, and the case it became. */
interface FollowedCase {
  incidentId: string;
  to: { id: string; key: string; category: string };
}

/**
 * A settle date's credit case is one case whatever it turns into — missing, then short once a
 * smaller credit comes (or short, then missing): its key names the category, so the publish
 * resolved the one and opened the other. The incident follows the case to the one opened for the
 * same acquirer merchant id and date, and its timeline says so — not that the money came.
 */
async function followedCreditCases(
  merchantId: string,
  resolved: { id: string; key: string; category: string; incidentId: string | null }[],
): Promise<Map<string, FollowedCase>> {
  const creditCases = resolved.filter(
    (exception) => exception.category === "credit_short" || exception.category === "credit_missing",
  );
  const turnedInto = (exception: { key: string; category: string }) =>
    `${exception.category === "credit_short" ? "credit_missing" : "credit_short"}${exception.key.slice(exception.category.length)}`;
  if (creditCases.length === 0) return new Map();
  const opened = await prisma.reconException.findMany({
    where: { merchantId, status: "open", incidentId: null, key: { in: creditCases.map(turnedInto) } },
    select: { id: true, key: true, category: true },
  });
  const openedByKey = new Map(opened.map((exception) => [exception.key, exception]));
  const followed = new Map<string, FollowedCase>();
  for (const exception of creditCases) {
    const to = openedByKey.get(turnedInto(exception));
    if (to && exception.incidentId) followed.set(exception.id, { incidentId: exception.incidentId, to });
  }
  return followed;
}

async function evidenceEvents(
  merchantId: string,
  publishedAt: Date,
): Promise<{ events: EventInput[]; followed: FollowedCase[] }> {
  const resolved = await prisma.reconException.findMany({
    where: { merchantId, status: "resolved", resolvedAt: publishedAt, incidentId: { not: null } },
    select: { id: true, key: true, category: true, incidentId: true },
    orderBy: { id: "asc" },
  });
  if (resolved.length === 0) return { events: [], followed: [] };
  const followed = await followedCreditCases(merchantId, resolved);
  const lineSelect = {
    id: true,
    lineNo: true,
    source: true,
    tid: true,
    txAt: true,
    amountMinor: true,
    rrn: true,
    matchedLineId: true,
    exceptionId: true,
  } as const;
  const own = await prisma.reconLine.findMany({
    where: {
      merchantId,
      exceptionId: {
        in: [...resolved.map((exception) => exception.id), ...[...followed.values()].map((each) => each.to.id)],
      },
    },
    select: lineSelect,
    orderBy: { id: "asc" },
  });
  const partnerIds = own.flatMap((line) => (line.matchedLineId === null ? [] : [line.matchedLineId]));
  const partners = await prisma.reconLine.findMany({
    where: { merchantId, id: { in: partnerIds }, category: { not: "staged" } },
    select: lineSelect,
  });
  const partnerById = new Map(partners.map((line) => [line.id, line]));
  const evidence = (line: (typeof own)[number]) => ({
    id: line.id,
    lineNo: line.lineNo,
    source: line.source as "pos" | "statement" | "bank",
    tid: line.tid,
    txAt: line.txAt,
    amount: formatMinor(Number(line.amountMinor)),
    rrn: line.rrn,
  });
  const events = resolved.map((exception): EventInput => {
    const follows = followed.get(exception.id);
    if (follows) {
      return {
        type: "reconciliation.exception_linked",
        incidentId: follows.incidentId,
        after: {
          exceptionId: follows.to.id,
          key: follows.to.key,
          category: follows.to.category,
          lines: own.filter((line) => line.exceptionId === follows.to.id).map(evidence),
        },
      };
    }
    const lines = own.filter((line) => line.exceptionId === exception.id);
    const explaining = new Map<number, (typeof own)[number]>();
    for (const line of lines) {
      explaining.set(line.id, line);
      const partner = line.matchedLineId === null ? undefined : partnerById.get(line.matchedLineId);
      if (partner) explaining.set(partner.id, partner);
    }
    return {
      type: "reconciliation.evidence_matched" as const,
      incidentId: exception.incidentId,
      after: {
        exceptionId: exception.id,
        category: exception.category,
        lines: [...explaining.values()].sort((a, b) => a.id - b.id).map(evidence),
      },
    };
  });
  return { events, followed: [...followed.values()] };
}

export async function finalizeImport({
  reconImport,
  publishedAt,
  report,
}: {
  reconImport: ReconImport;
  publishedAt: Date;
  report: Record<string, unknown> & { rows: number; counts: Record<string, number> };
}): Promise<void> {
  const { id: importId, merchantId } = reconImport;
  const { events, followed } = await evidenceEvents(merchantId, publishedAt);
  await prisma.$transaction(async (tx) => {
    // Only the first finaliser of an import writes its events (two workers after a lease ran out).
    const claimed = await tx.reconImport.updateMany({
      where: { id: importId, status: "matching" },
      data: { status: "done", report: JSON.stringify(report), finishedAt: new Date() },
    });
    if (claimed.count !== 1) return;
    for (const { incidentId, to } of followed) {
      await tx.reconException.updateMany({ where: { id: to.id, merchantId, incidentId: null }, data: { incidentId } });
    }
    await appendEvents(tx, merchantId, [
      ...events,
      {
        type: "reconciliation.import_completed",
        actorId: reconImport.createdById,
        after: {
          importId,
          type: reconImport.type as ImportType,
          fileName: reconImport.fileName,
          rows: report.rows,
          counts: report.counts,
        },
      },
    ]);
  });
}
