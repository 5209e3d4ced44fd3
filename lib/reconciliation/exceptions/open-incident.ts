// POST /api/reconciliation/exceptions/{id}/incident: finance opens a case from an exception. The
// incident is of the category's kind (incident-kind.ts), pre-filled from the exception's line
// (line-to-incident.ts), reported by the reconciliation itself (origin RECONCILIATION, no
// reporter; the `incident.created` event's actor is the finance user who asked, accountable for
// the click), and the exception is linked to it (its lines become the incident's evidence) in the
// same transaction as the incident and its audit event — through the core shared with the till
// (lib/incidents/insert-incident.ts): no Idempotency-Key, no duplicate check, no cashier.
//
// Idempotent: an exception already linked answers with its incident — unless that incident was
// closed and the exception came open again since (a line unpaired, lines matched anew): then it
// opens a case of its own, as a closed case of its rrn is not linked to either. An exception whose slip's
// rrn already has an open incident of the merchant on the same terminal, one that still has money
// to reconcile (its reconcile step pending), is linked to that one instead of opening a second
// (audited as reconciliation.exception_linked): an rrn is unique per terminal only, and a case
// with no reconcile step (a PIN error) or one already reconciled would never settle this money.
// An amount above what an incident holds (MAX_AMOUNT_MINOR) is refused by name, not cut. The whole decision runs under the merchant's lock
// (lock-merchant.ts) and the link is a conditional update (incidentId IS NULL), so two finance
// users clicking at once get one incident.
import "server-only";
import { appendEvent } from "@/lib/audit/append-event";
import type { Actor } from "@/lib/auth/actor";
import { prisma, type Tx } from "@/lib/db/client";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors/app-error";
import { Prisma } from "@/lib/generated/prisma/client";
import { draftIncident, insertIncident } from "@/lib/incidents/insert-incident";
import { incidentInclude } from "@/lib/incidents/scope";
import { serializeIncident } from "@/lib/incidents/serialize";
import { type EvidenceLine, exceptionLines } from "@/lib/reconciliation/exceptions/exception-lines";
import { incidentKindFor, whyNoIncident } from "@/lib/reconciliation/exceptions/incident-kind";
import { slipFieldsOf, wallClockToInstant } from "@/lib/reconciliation/exceptions/line-to-incident";
import { lockMerchant } from "@/lib/reconciliation/exceptions/lock-merchant";
import { requireReconciliation } from "@/lib/reconciliation/exceptions/require-permission";
import { formatMinorExact } from "@/lib/reconciliation/exceptions/serialize-line";
import { assertLinesNotWithdrawing } from "@/lib/reconciliation/imports/withdraw-import";
import { addDays } from "@/lib/reconciliation/match/local-time";
import { formatMinor } from "@/lib/reconciliation/parse/values";
import { type IncidentDto, MAX_AMOUNT_MINOR } from "@/lib/schemas/incident";
import type { OpenedIncidentDto } from "@/lib/schemas/reconciliation";

/** How far back a settled terminal is looked for (the index on the lines' day bounds the read). */
const SETTLED_LOOKBACK_DAYS = 14;

/** Lines named in an audit event's snapshot (a batch's count is in the exception). */
const EVENT_LINES = 20;

/** Thrown inside the transaction when another request linked the exception first: roll back. */
class AlreadyLinked extends Error {}

export async function openIncidentFromException({
  actor,
  id,
}: {
  actor: Actor;
  id: string;
}): Promise<OpenedIncidentDto> {
  requireReconciliation(actor, "reconciliation.resolve");
  try {
    return await prisma.$transaction((tx) => openOrLink(tx, actor, id));
  } catch (error) {
    if (!(error instanceof AlreadyLinked)) throw error;
    return prisma.$transaction((tx) => openOrLink(tx, actor, id));
  }
}

async function openOrLink(tx: Tx, actor: Actor, id: string): Promise<OpenedIncidentDto> {
  await lockMerchant(tx, actor.merchantId);
  const exception = await tx.reconException.findFirst({ where: { id, merchantId: actor.merchantId } });
  if (!exception) throw new AppError("NOT_FOUND", { reason: "EXCEPTION_NOT_FOUND" });
  // A case closed before the exception came open again (a line unpaired, a file's lines matched
  // anew) is no one's work any more: the exception is a case of its own, as with an rrn's closed case.
  const linkedTo = exception.incidentId ? await workedIncident(tx, actor.merchantId, exception.incidentId) : null;
  if (linkedTo || (exception.incidentId && exception.status === "resolved")) {
    return { incident: await readIncident(tx, actor, exception.incidentId as string), exceptionId: id, linked: true };
  }
  if (exception.status === "resolved") throw new AppError("RULE_VIOLATION", { reason: "EXCEPTION_ALREADY_RESOLVED" });
  const kind = incidentKindFor(exception.category);
  if (!kind) throw new AppError("RULE_VIOLATION", whyNoIncident(exception.category));

  const lines = await exceptionLines(tx, actor.merchantId, id);
  await assertLinesNotWithdrawing(tx, actor.merchantId, { exception });
  const evidence = lines.slice(0, EVENT_LINES).map(evidenceOf);
  const now = new Date();
  const link = { exceptionId: id, merchantId: actor.merchantId, now, replacing: exception.incidentId };

  // The lines still telling the exception's story: a line of a missing batch paired by hand since
  // stays as evidence (matched), and is neither the slip nor part of the sum.
  const ownLines = lines.filter((line) => line.category === exception.category);
  const storyLines = ownLines.length > 0 ? ownLines : lines;
  const primary = primaryLine(exception.category, storyLines);
  const posLines = storyLines.filter((line) => line.source === "pos");
  // A group of several sales (a batch missing from the statement) is no one slip: no card or rrn.
  const group = exception.category === "pos_only" && posLines.length > 1;
  // The exception's rrn is its slip's — the one the incident would carry: a duplicate's second
  // charge, not the first it repeats; a missing batch has none. Another line's case (a slip
  // logged unsigned at the till, the first charge) is another mishap, and does not take this one.
  const rrn = group ? null : (primary?.rrn ?? null);
  const terminal = await terminalFor(tx, actor.merchantId, exception, primary);
  const known =
    rrn === null || !terminal
      ? null
      : await tx.incident.findFirst({
          // Issue 10: a drill (practice) is never the case a real exception is linked to. A closed
          // case is not either: linked to it, the exception would leave the queue with no one
          // working it — a discrepancy found after the close is a case of its own. Nor is a case
          // of another terminal (the same rrn, another slip), or one that will reconcile no money.
          where: {
            merchantId: actor.merchantId,
            rrn,
            terminalId: terminal.id,
            drill: false,
            status: { not: "CLOSED" },
            steps: { some: { key: "RECONCILE", status: "PENDING" } },
          },
          orderBy: [{ createdAt: "asc" }, { id: "asc" }],
          select: { id: true },
        });
  if (known) {
    await linkException(tx, { ...link, incidentId: known.id });
    await appendEvent(tx, {
      merchantId: actor.merchantId,
      incidentId: known.id,
      actorId: actor.userId,
      type: "reconciliation.exception_linked",
      after: { exceptionId: id, key: exception.key, category: exception.category, lines: evidence },
    });
    return { incident: await readIncident(tx, actor, known.id), exceptionId: id, linked: true };
  }

  if (!terminal) throw new AppError("RULE_VIOLATION", { reason: "EXCEPTION_HAS_NO_TERMINAL" });
  const atStake = BigInt(amountAtStake(exception, primary, group));
  const magnitude = atStake < 0n ? -atStake : atStake;
  if (magnitude > BigInt(MAX_AMOUNT_MINOR)) {
    throw new AppError("RULE_VIOLATION", {
      reason: "EXCEPTION_AMOUNT_TOO_LARGE",
      params: { amount: formatMinorExact(magnitude), max: formatMinor(MAX_AMOUNT_MINOR) },
    });
  }
  const amountMinor = Number(magnitude);
  const occurredAt =
    (primary?.txAt ? wallClockToInstant(primary.txAt, env.MERCHANT_TIME_ZONE) : null) ??
    wallClockToInstant(exception.day, env.MERCHANT_TIME_ZONE) ??
    now;
  const draft = draftIncident({
    merchantId: actor.merchantId,
    kind,
    terminal,
    occurredAt,
    amountMinor: amountMinor > 0 ? amountMinor : null,
    currency: exception.currency,
    ...(primary && !group
      ? slipFieldsOf(primary)
      : {
          cardBin: null,
          cardLast4: null,
          rrn: null,
          authCode: null,
          traceNo: null,
          batchNo: exception.batchNo ?? primary?.batchNo ?? null,
        }),
    description: null,
    reportedBy: null,
    now,
  });
  const { incident, changed } = await insertIncident(tx, {
    draft,
    actorId: actor.userId,
    now,
    snapshotExtras: {
      origin: "reconciliation",
      exception: { id, key: exception.key, category: exception.category, lineCount: exception.lineCount },
    },
    alsoWrite: (written) => [linkStatement({ ...link, incidentId: written.id })],
  });
  if (changed[0] !== 1) throw new AlreadyLinked();
  return { incident, exceptionId: id, linked: false };
}

/** Links the exception, if it is still unlinked — or still linked to the closed case it leaves. */
function linkStatement({
  exceptionId,
  incidentId,
  merchantId,
  now,
  replacing,
}: {
  exceptionId: string;
  incidentId: string;
  merchantId: string;
  now: Date;
  replacing: string | null;
}) {
  const unchanged = replacing === null ? Prisma.sql`"incidentId" IS NULL` : Prisma.sql`"incidentId" = ${replacing}`;
  return Prisma.sql`UPDATE "ReconException" SET "incidentId" = ${incidentId}, "updatedAt" = ${now}
    WHERE "id" = ${exceptionId} AND "merchantId" = ${merchantId} AND ${unchanged}`;
}

/** The linked incident, unless it is closed: a closed case is worked no more. */
function workedIncident(tx: Tx, merchantId: string, incidentId: string) {
  return tx.incident.findFirst({
    where: { id: incidentId, merchantId, status: { not: "CLOSED" } },
    select: { id: true },
  });
}

async function linkException(tx: Tx, link: Parameters<typeof linkStatement>[0]): Promise<void> {
  if ((await tx.$executeRaw(linkStatement(link))) !== 1) throw new AlreadyLinked();
}

async function readIncident(tx: Tx, actor: Actor, incidentId: string): Promise<IncidentDto> {
  const incident = await tx.incident.findFirst({
    where: { id: incidentId, merchantId: actor.merchantId },
    include: incidentInclude,
  });
  if (!incident) throw new AppError("NOT_FOUND", { reason: "INCIDENT_NOT_FOUND" });
  return serializeIncident(incident);
}

/**
 * The line the incident is pre-filled from: the side of the story the category is about — for a
 * duplicate the extra charge (the later of the two), not the genuine one before it.
 */
function primaryLine(category: string, lines: EvidenceLine[]): EvidenceLine | null {
  const source = category === "statement_only" ? "statement" : category.startsWith("credit_") ? "bank" : "pos";
  const ofSource = lines.filter((line) => line.source === source);
  if (category === "duplicate" && ofSource.length > 1) {
    return ofSource.reduce((latest, line) => ((line.txAt ?? "") >= (latest.txAt ?? "") ? line : latest));
  }
  return ofSource[0] ?? lines[0] ?? null;
}

/**
 * The incident's amount: the money at stake as the exception counts it for a settle date's credit
 * (the shortfall, the missing total, the unexplained credit) and for a group of sales; what was
 * charged for a wrong amount (the exception holds the difference, the slip the amount keyed);
 * else the line's own amount.
 */
function amountAtStake(
  exception: { category: string; amountMinor: bigint },
  primary: EvidenceLine | null,
  group: boolean,
): bigint | number {
  if (exception.category.startsWith("credit_") || group || !primary) return exception.amountMinor;
  return primary.amountMinor;
}

/**
 * The terminal the incident belongs to: the line's, else one of the exception's TID, else (a
 * settle date's credit, or a line of a terminal the merchant does not have — a statement's
 * suspected fraud) a terminal that settled on that date: the case must be openable, and its
 * lines, linked as evidence, name the TID they came with. Inactive terminals count: the mishap
 * happened when it was in use.
 */
async function terminalFor(
  tx: Tx,
  merchantId: string,
  exception: { tid: string | null; day: string; category: string },
  primary: EvidenceLine | null,
) {
  const select = { id: true, tid: true, storeId: true, store: { select: { name: true } } } as const;
  const byId = primary?.terminalId
    ? await tx.terminal.findFirst({ where: { id: primary.terminalId, merchantId }, select })
    : null;
  const tid = primary?.tid ?? exception.tid;
  const found =
    byId ??
    (tid ? await tx.terminal.findFirst({ where: { tid: tid.toUpperCase(), merchantId }, select }) : null) ??
    (await settledTerminal(tx, merchantId, exception.day));
  return found ? { id: found.id, tid: found.tid, storeId: found.storeId, storeName: found.store.name } : null;
}

/**
 * A terminal that settled on the date, else on the nearest settle date before it (a credit that
 * explains no settle date usually falls on a day none settled), else the merchant's first terminal:
 * the money is the merchant's either way, and the case must be openable.
 */
async function settledTerminal(tx: Tx, merchantId: string, day: string) {
  const select = { id: true, tid: true, storeId: true, store: { select: { name: true } } } as const;
  const [line] = await tx.$queryRaw<{ terminalId: string }[]>`
    SELECT "terminalId" FROM "ReconLine"
    WHERE "merchantId" = ${merchantId} AND "source" = 'statement' AND "settleDate" <= ${day}
      AND "day" BETWEEN ${addDays(day, -SETTLED_LOOKBACK_DAYS)} AND ${day}
      AND "terminalId" IS NOT NULL AND "category" <> 'staged'
    ORDER BY "settleDate" DESC, "id" LIMIT 1`;
  return (
    (line ? await tx.terminal.findFirst({ where: { id: line.terminalId, merchantId }, select }) : null) ??
    tx.terminal.findFirst({ where: { merchantId }, orderBy: [{ createdAt: "asc" }, { id: "asc" }], select })
  );
}

function evidenceOf(line: EvidenceLine) {
  return {
    id: Number(line.id),
    lineNo: Number(line.lineNo),
    source: line.source as "pos" | "statement" | "bank",
    tid: line.tid,
    txAt: line.txAt,
    amount: formatMinorExact(line.amountMinor),
    rrn: line.rrn,
  };
}
