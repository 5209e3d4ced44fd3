// Finance (or an admin) withdraws a file imported by mistake — the wrong month, another merchant
// number's statement, a journal uploaded as a statement. The import goes "withdrawing" and its job
// is queued: it matches the days again without the file's lines and deletes them (run-withdrawal.ts),
// then the import ends "withdrawn", kept with its report for the record. Its content hash is set
// aside, so the same file may be imported again. One transaction under the merchant's lock (the
// one opening incidents and pairing by hand take), with its audit event.
//
// Refused (409) where taking the lines away would undo someone's work or lose lines:
// - the import is not done (still running, failed, already withdrawn);
// - another import of the merchant is running: it may have left out lines as already brought by
//   this one, and would match with lines about to go;
// - a later file of the same kind left lines out as already imported (earlier-lines.ts) on a day
//   this file has lines of: they may be its twins, and would be lost with it;
// - an incident was opened from, or linked to, an exception of its lines, of lines they explain,
//   or of a settle date its lines make up or its credit paid — the incident's evidence;
// - its lines were paired or unpaired by hand.
// While it is withdrawing, its lines cannot be paired by hand nor opened as an incident
// (assertLinesNotWithdrawing).
import "server-only";
import { appendEvent } from "@/lib/audit/append-event";
import type { Actor } from "@/lib/auth/actor";
import { prisma, type Tx } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import type { ErrorMessage } from "@/lib/errors/messages";
import { Prisma, type ReconImport } from "@/lib/generated/prisma/client";
import { referenceOf } from "@/lib/incidents/serialize";
import { enqueueJob } from "@/lib/jobs/enqueue-job";
import { lockMerchant } from "@/lib/reconciliation/exceptions/lock-merchant";
import { assertCanImport } from "@/lib/reconciliation/formats/access";
import { IMPORT_JOB_KIND } from "@/lib/reconciliation/imports/queue-import";
import { type ImportDto, serializeImport } from "@/lib/reconciliation/imports/serialize-import";
import { leftOutDaysOf, publishedAtOf, type Withdrawal } from "@/lib/reconciliation/imports/withdrawal";
import type { ImportType } from "@/lib/reconciliation/types";

const RUNNING = ["queued", "parsing", "matching", "withdrawing"];

export async function withdrawImport({ actor, id }: { actor: Actor; id: string }): Promise<ImportDto> {
  assertCanImport(actor);
  return prisma.$transaction(async (tx) => {
    await lockMerchant(tx, actor.merchantId);
    const row = await tx.reconImport.findFirst({ where: { id, merchantId: actor.merchantId } });
    if (!row) throw new AppError("NOT_FOUND", { reason: "IMPORT_NOT_FOUND" });
    await refuseIfBlocked(tx, row);

    const report = row.report ? (JSON.parse(row.report) as Record<string, unknown>) : {};
    const withdrawal: Withdrawal = { requestedBy: actor.userId, requestedAt: new Date().toISOString() };
    const jobId = await enqueueJob(tx, { kind: IMPORT_JOB_KIND, payload: { importId: id } });
    const saved = await tx.reconImport.update({
      where: { id },
      data: {
        status: "withdrawing",
        jobId,
        // The same bytes may come again: the (merchant, type, hash) key is this import's no more.
        contentHash: `${row.contentHash}:withdrawn:${id}`,
        report: JSON.stringify({ ...report, withdrawal }),
      },
    });
    await appendEvent(tx, {
      merchantId: actor.merchantId,
      actorId: actor.userId,
      type: "reconciliation.import_withdrawal_requested",
      after: { importId: id, type: row.type as ImportType, fileName: row.fileName },
    });
    return serializeImport(saved);
  });
}

function refused(message: ErrorMessage): never {
  throw new AppError("CONFLICT", message);
}

async function refuseIfBlocked(tx: Tx, row: ReconImport): Promise<void> {
  const { id, merchantId } = row;
  if (row.status !== "done") refused({ reason: "IMPORT_NOT_WITHDRAWABLE" });

  const running = await tx.reconImport.findFirst({
    where: { merchantId, status: { in: RUNNING } },
    select: { fileName: true },
  });
  if (running) refused({ reason: "IMPORT_RUNNING", params: { file: running.fileName } });

  // Later by publish: a file whose twins were looked for once this one's lines were visible (a
  // failed upload queued again keeps its first row, and its creation time, with it).
  const published = publishedAtOf(row).getTime();
  const others = await tx.reconImport.findMany({
    where: { merchantId, type: row.type, status: "done", id: { not: id } },
    select: { fileName: true, report: true, finishedAt: true, createdAt: true },
  });
  for (const later of others.filter((each) => publishedAtOf(each).getTime() > published)) {
    const days = leftOutDaysOf(JSON.parse(later.report ?? "{}"));
    if (days?.length === 0) continue;
    // Twins are of the day's lines: this file's are at stake only where it has lines of those days.
    const shared =
      days === null ||
      (await tx.reconLine.findFirst({ where: { importId: id, day: { in: days } }, select: { id: true } })) !== null;
    if (shared) refused({ reason: "IMPORT_LINES_LEFT_OUT_LATER", params: { file: later.fileName } });
  }

  const incidents = await tx.$queryRaw<{ number: number | bigint }[]>`
    SELECT DISTINCT i."number" FROM "ReconException" e JOIN "Incident" i ON i."id" = e."incidentId"
    WHERE e."merchantId" = ${merchantId} AND e."incidentId" IS NOT NULL AND (
      EXISTS (SELECT 1 FROM "ReconLine" l WHERE l."exceptionId" = e."id" AND (l."importId" = ${id}
        OR EXISTS (SELECT 1 FROM "ReconLine" p WHERE p."id" = l."matchedLineId" AND p."importId" = ${id})))
      OR (e."category" IN ('credit_short', 'credit_missing') AND (
        EXISTS (SELECT 1 FROM "ReconLine" s WHERE s."importId" = ${id} AND s."source" = 'statement'
          AND s."settleDate" = e."day")
        OR EXISTS (SELECT 1 FROM "ReconSettlement" t JOIN "ReconLine" c ON c."id" = t."creditLineId"
          WHERE t."merchantId" = ${merchantId} AND t."settleDate" = e."day" AND c."importId" = ${id}))))
    ORDER BY i."number" LIMIT 5`;
  if (incidents.length > 0) {
    refused({
      reason: "IMPORT_HAS_INCIDENTS",
      params: { incidents: incidents.map((incident) => referenceOf(Number(incident.number))).join(", ") },
    });
  }

  const [manual] = await tx.$queryRaw<{ lines: number | bigint }[]>`
    SELECT COUNT(*) AS "lines" FROM "ReconLine" WHERE "importId" = ${id} AND "manual" = true`;
  if (Number(manual?.lines ?? 0) > 0)
    refused({ reason: "IMPORT_LINES_PAIRED_BY_HAND", params: { count: Number(manual.lines) } });
}

/**
 * Lines of an import being withdrawn are going: nobody pairs them or opens an incident from them —
 * the lines by id, or an exception's: its lines, and for a settle date's credit case the statement
 * lines that make up its total or the credit that paid it.
 */
export async function assertLinesNotWithdrawing(
  tx: Tx,
  merchantId: string,
  lines: { ids: readonly number[] } | { exception: { id: string; category: string; day: string } },
) {
  let which: Prisma.Sql;
  if ("ids" in lines) {
    if (lines.ids.length === 0) return;
    which = Prisma.sql`EXISTS (SELECT 1 FROM "ReconLine" l WHERE l."importId" = i."id"
      AND l."id" IN (${Prisma.join([...lines.ids])}))`;
  } else {
    const { id, category, day } = lines.exception;
    which = Prisma.sql`EXISTS (SELECT 1 FROM "ReconLine" l WHERE l."exceptionId" = ${id} AND l."importId" = i."id")`;
    if (category === "credit_short" || category === "credit_missing") {
      which = Prisma.sql`(${which}
        OR EXISTS (SELECT 1 FROM "ReconLine" s WHERE s."importId" = i."id" AND s."source" = 'statement'
          AND s."settleDate" = ${day})
        OR EXISTS (SELECT 1 FROM "ReconSettlement" t JOIN "ReconLine" c ON c."id" = t."creditLineId"
          WHERE t."merchantId" = ${merchantId} AND t."settleDate" = ${day} AND c."importId" = i."id"))`;
    }
  }
  const [found] = await tx.$queryRaw<{ fileName: string }[]>`
    SELECT i."fileName" FROM "ReconImport" i
    WHERE i."merchantId" = ${merchantId} AND i."status" = 'withdrawing' AND ${which}
    LIMIT 1`;
  if (found) refused({ reason: "IMPORT_WITHDRAWING", params: { file: found.fileName } });
}

/**
 * Pairing by hand waits while an import of the merchant is matching or withdrawing: the job read
 * the lines before the person's pairing and would publish its own pairing of them over it — one
 * statement line paired to two till lines. A withdrawal matches its days again too, so this holds
 * for other files' lines as well as its own. Both turn their import "matching" or "withdrawing"
 * under the merchant's lock (run-import.ts, withdrawImport), so either the job reads the person's
 * pairing or the person is refused.
 */
export async function assertNoImportMatching(tx: Tx, merchantId: string) {
  const busy = await tx.reconImport.findFirst({
    where: { merchantId, status: { in: ["matching", "withdrawing"] } },
    select: { fileName: true, status: true },
  });
  if (!busy) return;
  refused({
    reason: busy.status === "withdrawing" ? "IMPORT_WITHDRAWING" : "IMPORT_MATCHING",
    params: { file: busy.fileName },
  });
}
