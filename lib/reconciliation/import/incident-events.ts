// What a publish (an import's, a withdrawal's) tells the incidents linked to the exceptions it
// changed, as audit events for their timelines — read after the publish committed, from what it
// left (the exceptions resolved at its time, the moves it kept in the import's report), so a rerun
// after a crash writes the same events:
// - an exception whose lines now explain it: reconciliation.evidence_matched, with the lines (for
//   a credit case, the bank credit that explains it: creditsExplaining);
// - an exception whose lines went to another one of their category (the rest of a missing batch
//   once part of it settled, a missing sale that came at another amount), or one opened again (a withdrawn file's
//   lines gone): reconciliation.exception_linked, naming the exception the case now follows (one
//   event per case and category: a batch split into its sales names them all) — never
//   evidence_matched, as the money is not explained; and naming the case that exception is linked
//   to when it is another one (it took two cases' lines, or had its own);
// - a settle date's credit case that changed category (missing, then short): exception_linked to
//   the case it became, which the caller links (followed).
import "server-only";
import { z } from "zod";
import type { appendEvents } from "@/lib/audit/append-event";
import { prisma, type Tx } from "@/lib/db/client";
import { referenceOf } from "@/lib/incidents/serialize";
import {
  readSettleDateCaseKey,
  readUnexplainedCreditKey,
  settleDateCaseKey,
} from "@/lib/reconciliation/credit-case-key";
import type { IncidentMoves } from "@/lib/reconciliation/import/publish";
import { formatMinor } from "@/lib/reconciliation/parse/values";

type EventInput = Parameters<typeof appendEvents>[2][number];

/** A linked credit case this publish turned into another category, and the case it became. */
export interface FollowedCase {
  incidentId: string;
  to: { id: string; key: string; category: string };
  /**
   * The case it became is linked to this incident (null: to none), replacing the closed one it
   * was linked to: as read, so a link made meanwhile is kept. Absent: not linked here — it is this
   * incident's already, or another live case's (followedBy).
   */
  replacing?: string | null;
  followedBy?: { id: string; reference: string };
}

const movesSchema = z.object({
  moved: z.array(z.object({ from: z.string(), to: z.string(), own: z.boolean().default(true) })),
  reopened: z.array(z.string()),
});

/** The moves a publish kept in the import's report (none in a report from before they were kept). */
async function incidentMovesOf(importId: string): Promise<IncidentMoves> {
  const row = await prisma.reconImport.findUnique({ where: { id: importId }, select: { report: true } });
  const parsed = movesSchema.safeParse(JSON.parse(row?.report ?? "{}").incidentMoves);
  return parsed.success ? parsed.data : { moved: [], reopened: [] };
}

const isCreditCase = (category: string) => category === "credit_short" || category === "credit_missing";

/**
 * A settle date's credit case is one case whatever it turns into — missing, then short once a
 * smaller credit comes (or short, then missing again once another date takes that credit): its key
 * names the category, so the publish resolved the one and opened the other. A live incident
 * follows the case to the one opened for the same acquirer merchant id and date — linked to it
 * unless it has a live case of its own, which the timeline then names — and its timeline says so,
 * not that the money came. A closed incident follows nothing, as in carryLinks.
 */
async function followedCreditCases(
  merchantId: string,
  resolved: { id: string; key: string; category: string; incidentId: string | null }[],
): Promise<Map<string, FollowedCase>> {
  const creditCases = resolved.filter((exception) => isCreditCase(exception.category));
  // The key of the case the same date would be in the other category.
  const turnedInto = (exception: { key: string }) => {
    const read = readSettleDateCaseKey(exception.key);
    if (!read) return exception.key;
    const other = read.category === "credit_short" ? "credit_missing" : "credit_short";
    return settleDateCaseKey(other, read.acquirerMid, read.settleDate);
  };
  if (creditCases.length === 0) return new Map();
  const opened = await prisma.reconException.findMany({
    where: { merchantId, status: "open", key: { in: creditCases.map(turnedInto) } },
    select: { id: true, key: true, category: true, incidentId: true },
  });
  const incidents = await prisma.incident.findMany({
    where: { merchantId, id: { in: [...creditCases, ...opened].flatMap((exception) => exception.incidentId ?? []) } },
    select: { id: true, number: true, status: true },
  });
  const incidentById = new Map(incidents.map((incident) => [incident.id, incident]));
  const openedByKey = new Map(opened.map((exception) => [exception.key, exception]));
  const followed = new Map<string, FollowedCase>();
  for (const exception of creditCases) {
    const to = openedByKey.get(turnedInto(exception));
    const incident = exception.incidentId === null ? undefined : incidentById.get(exception.incidentId);
    if (!to || !incident || incident.status === "CLOSED") continue;
    const target = { id: to.id, key: to.key, category: to.category };
    const holder = to.incidentId === null ? undefined : incidentById.get(to.incidentId);
    if (!holder || holder.status === "CLOSED") {
      followed.set(exception.id, { incidentId: incident.id, to: target, replacing: to.incidentId });
    } else if (holder.id === incident.id) {
      followed.set(exception.id, { incidentId: incident.id, to: target });
    } else {
      const followedBy = { id: holder.id, reference: referenceOf(holder.number) };
      followed.set(exception.id, { incidentId: incident.id, to: target, followedBy });
    }
  }
  return followed;
}

/**
 * The bank credit that explains a credit case, which no longer points at it (a credit that pays a
 * date is matched, or in the date's short case): an unexplained credit's own line, now paying a
 * date; the credit that pays a missing or short date now.
 */
async function creditsExplaining(
  merchantId: string,
  explained: { id: string; key: string; category: string }[],
): Promise<Map<string, number>> {
  const creditOf = new Map<string, number>();
  const dates: { exceptionId: string; acquirerMid: string; settleDate: string }[] = [];
  for (const exception of explained) {
    const lineId = readUnexplainedCreditKey(exception.key);
    if (lineId !== null) creditOf.set(exception.id, lineId);
    const date = readSettleDateCaseKey(exception.key);
    if (date) dates.push({ exceptionId: exception.id, acquirerMid: date.acquirerMid, settleDate: date.settleDate });
  }
  if (dates.length === 0) return creditOf;
  const settlements = await prisma.reconSettlement.findMany({
    where: {
      merchantId,
      category: "credited",
      creditLineId: { not: null },
      OR: dates.map(({ acquirerMid, settleDate }) => ({ acquirerMid, settleDate })),
    },
    select: { acquirerMid: true, settleDate: true, creditLineId: true },
  });
  const paidBy = new Map(settlements.map((each) => [`${each.acquirerMid}:${each.settleDate}`, each.creditLineId]));
  for (const { exceptionId, acquirerMid, settleDate } of dates) {
    const lineId = paidBy.get(`${acquirerMid}:${settleDate}`);
    if (lineId !== undefined && lineId !== null) creditOf.set(exceptionId, lineId);
  }
  return creditOf;
}

/**
 * Links each followed credit case to its incident, in the transaction that writes the events —
 * if its link is still the one read (none, or a closed case's).
 */
export async function linkFollowed(tx: Tx, merchantId: string, followed: readonly FollowedCase[]): Promise<void> {
  for (const { incidentId, to, replacing } of followed) {
    if (replacing === undefined) continue;
    await tx.reconException.updateMany({
      where: { id: to.id, merchantId, incidentId: replacing },
      data: { incidentId },
    });
  }
}

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

export async function incidentEvents(
  merchantId: string,
  importId: string,
  publishedAt: Date,
): Promise<{ events: EventInput[]; followed: FollowedCase[] }> {
  const moves = await incidentMovesOf(importId);
  const resolved = await prisma.reconException.findMany({
    where: { merchantId, status: "resolved", resolvedAt: publishedAt, incidentId: { not: null } },
    select: { id: true, key: true, category: true, incidentId: true },
    orderBy: { id: "asc" },
  });
  const movedFrom = new Set(moves.moved.map((move) => move.from));
  // Each case told once of each exception it now follows: the lines' old exception's incident.
  const sources = await prisma.reconException.findMany({
    where: { merchantId, id: { in: [...movedFrom, ...moves.reopened] }, incidentId: { not: null } },
    select: { id: true, incidentId: true },
  });
  const incidentOf = new Map(sources.map((exception) => [exception.id, exception.incidentId as string]));
  const follows = new Map<string, { incidentId: string; exceptionId: string }>();
  const follow = (incidentId: string | undefined, exceptionId: string) => {
    if (incidentId) follows.set(`${incidentId}:${exceptionId}`, { incidentId, exceptionId });
  };
  for (const move of moves.moved) follow(incidentOf.get(move.from), move.to);
  for (const id of moves.reopened) follow(incidentOf.get(id), id);
  const explained = resolved.filter((exception) => !movedFrom.has(exception.id));
  if (explained.length === 0 && follows.size === 0) return { events: [], followed: [] };

  const followed = await followedCreditCases(merchantId, explained);
  const following = await prisma.reconException.findMany({
    where: { merchantId, id: { in: [...new Set([...follows.values()].map((each) => each.exceptionId))] } },
    select: { id: true, key: true, category: true, incidentId: true },
  });
  const numbers = await prisma.incident.findMany({
    where: { merchantId, id: { in: following.flatMap((exception) => exception.incidentId ?? []) } },
    select: { id: true, number: true },
  });
  const numberOf = new Map(numbers.map((incident) => [incident.id, incident.number]));
  const own = await prisma.reconLine.findMany({
    where: {
      merchantId,
      exceptionId: {
        in: [
          ...explained.map((exception) => exception.id),
          ...[...followed.values()].map((each) => each.to.id),
          ...following.map((exception) => exception.id),
        ],
      },
    },
    select: lineSelect,
    orderBy: { id: "asc" },
  });
  const credits = await creditsExplaining(
    merchantId,
    explained.filter((exception) => !followed.has(exception.id)),
  );
  const partnerIds = own.flatMap((line) => (line.matchedLineId === null ? [] : [line.matchedLineId]));
  const partners = await prisma.reconLine.findMany({
    where: { merchantId, id: { in: [...partnerIds, ...credits.values()] }, category: { not: "staged" } },
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
  const linesOf = (exceptionId: string) => own.filter((line) => line.exceptionId === exceptionId).map(evidence);

  const events = explained.flatMap((exception): EventInput[] => {
    const follows = followed.get(exception.id);
    if (follows) {
      // Told once: the case it became may be this case's own, opened again (follows, below).
      if (!follows.followedBy && moves.reopened.includes(follows.to.id)) return [];
      return [
        {
          type: "reconciliation.exception_linked",
          incidentId: follows.incidentId,
          after: {
            exceptionId: follows.to.id,
            key: follows.to.key,
            category: follows.to.category,
            lines: linesOf(follows.to.id),
            ...(follows.followedBy ? { followedBy: follows.followedBy } : {}),
          },
        },
      ];
    }
    const creditId = credits.get(exception.id);
    const credit = creditId === undefined ? undefined : partnerById.get(creditId);
    // A settle date's credit case is explained by the credit that pays it now, not by lines that
    // still point at it; a date not paid (awaiting its credit again) is not explained at all.
    if (isCreditCase(exception.category) && !credit) return [];
    const explaining = new Map<number, (typeof own)[number]>();
    if (credit) explaining.set(credit.id, credit);
    else {
      for (const line of own.filter((each) => each.exceptionId === exception.id)) {
        explaining.set(line.id, line);
        const partner = line.matchedLineId === null ? undefined : partnerById.get(line.matchedLineId);
        if (partner) explaining.set(partner.id, partner);
      }
    }
    return [
      {
        type: "reconciliation.evidence_matched",
        incidentId: exception.incidentId,
        after: {
          exceptionId: exception.id,
          category: exception.category,
          lines: [...explaining.values()].sort((a, b) => a.id - b.id).map(evidence),
        },
      },
    ];
  });
  const byId = new Map(following.map((exception) => [exception.id, exception]));
  // In the exceptions' key order, whichever order the database gave the moves in.
  const ordered = [...follows.values()].flatMap(({ incidentId, exceptionId }) => {
    const exception = byId.get(exceptionId);
    return exception ? [{ incidentId, exceptionId, exception }] : [];
  });
  ordered.sort((a, b) => (a.exception.key < b.exception.key ? -1 : a.exception.key > b.exception.key ? 1 : 0));
  // The case an exception followed is linked to, when it is not the one told.
  const followedBy = ({ incidentId, exception }: (typeof ordered)[number]) => {
    const number = exception.incidentId === null ? undefined : numberOf.get(exception.incidentId);
    return exception.incidentId !== null && exception.incidentId !== incidentId && number !== undefined
      ? { id: exception.incidentId, reference: referenceOf(number) }
      : undefined;
  };
  // One event per case, category and case followed: a batch of hundreds split into its sales is one entry.
  const grouped = new Map<string, (typeof ordered)[number][]>();
  for (const each of ordered) {
    const group = `${each.incidentId} ${each.exception.category} ${followedBy(each)?.id ?? ""}`;
    const same = grouped.get(group);
    if (same) same.push(each);
    else grouped.set(group, [each]);
  }
  for (const [head, ...rest] of grouped.values()) {
    const { incidentId, exceptionId, exception } = head;
    const by = followedBy(head);
    const lines = [exceptionId, ...rest.map((each) => each.exceptionId)].flatMap(linesOf);
    events.push({
      type: "reconciliation.exception_linked",
      incidentId,
      after: {
        exceptionId,
        key: exception.key,
        category: exception.category,
        lines: lines.sort((a, b) => a.id - b.id),
        ...(rest.length > 0
          ? { more: rest.map((each) => ({ exceptionId: each.exceptionId, key: each.exception.key })) }
          : {}),
        ...(by ? { followedBy: by } : {}),
      },
    });
  }
  return { events, followed: [...followed.values()] };
}
