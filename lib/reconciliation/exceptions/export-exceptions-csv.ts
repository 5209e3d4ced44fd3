// GET /api/reconciliation/exceptions.csv: every line of every matching exception, one row per line,
// streamed. The file is never built whole: a pull-driven ReadableStream reads the exceptions in
// keyset pages of (day, id) and their lines in keyset pages of (exceptionId, id), so memory stays
// one page deep however many millions of lines there are, and a slow reader slows the reads
// (backpressure) instead of filling the server's memory. Cells are formula-safe
// (lib/incidents/export-csv.ts). Finance and admins only, the caller's merchant only: both checked
// before the first byte, so a refusal is still a JSON error.
import "server-only";
import { createTranslator } from "next-intl";
import type { Actor } from "@/lib/auth/actor";
import { prisma } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import { csvStream } from "@/lib/http/csv-stream";
import type { Locale } from "@/lib/i18n/locales";
import { csvCell } from "@/lib/incidents/export-csv";
import { referenceOf } from "@/lib/incidents/serialize";
import { exceptionsWhere } from "@/lib/reconciliation/exceptions/exception-filters";
import { assertOwnStore } from "@/lib/reconciliation/exceptions/find-store";
import { LINE_COLUMNS } from "@/lib/reconciliation/exceptions/first-lines";
import { linkedIncidents } from "@/lib/reconciliation/exceptions/linked-incidents";
import { requireReconciliation } from "@/lib/reconciliation/exceptions/require-permission";
import { formatMinorExact, type ReconLineRow } from "@/lib/reconciliation/exceptions/serialize-line";
import type { ExportExceptionsQuery } from "@/lib/schemas/reconciliation";
import enIncidents from "@/messages/en/incidents.json";
import enReconciliation from "@/messages/en/reconciliation.json";
import zhIncidents from "@/messages/zh-CN/incidents.json";
import zhReconciliation from "@/messages/zh-CN/reconciliation.json";

// The incidents' words too: a linked case's status reads as the incident pages say it.
const MESSAGES = {
  en: { ...enReconciliation, ...enIncidents },
  "zh-CN": { ...zhReconciliation, ...zhIncidents },
} as const satisfies Record<Locale, unknown>;

const COLUMNS = [
  "exceptionId",
  "exceptionCategory",
  "exceptionKey",
  "exceptionStatus",
  "exceptionDay",
  "exceptionAmount",
  "incident",
  "incidentStatus",
  "lineId",
  "source",
  "lineNo",
  "store",
  "terminal",
  "time",
  "settleDate",
  "card",
  "type",
  "amount",
  "currency",
  "rrn",
  "authCode",
  "traceNo",
  "batchNo",
  "lineCategory",
  "matchedLineId",
  "matchRule",
  "memo",
  "counterparty",
] as const;

/** Exceptions read per page, and lines per page (a page of lines is one chunk of the file). */
export const EXPORT_PAGE = { exceptions: 200, lines: 2000 };

type ExceptionPageRow = {
  id: string;
  key: string;
  category: string;
  status: string;
  day: string;
  incidentId: string | null;
  lineCount: number;
  amountMinor: bigint;
  currency: string;
};

/** An exception as the file writes it: its linked incident's reference and status code, or "". */
type ExportedException = ExceptionPageRow & { reference: string; incidentStatus: string };

export async function exportExceptionsCsv({
  actor,
  query,
  locale,
  pageSize = EXPORT_PAGE,
}: {
  actor: Actor;
  query: ExportExceptionsQuery;
  locale: Locale;
  pageSize?: typeof EXPORT_PAGE;
}): Promise<{ stream: ReadableStream<Uint8Array>; filename: string }> {
  requireReconciliation(actor, "reconciliation.view");
  await assertOwnStore(actor, query.storeId);
  const t = createTranslator({ locale, messages: MESSAGES[locale] });
  const storeNames = new Map(
    (await prisma.store.findMany({ where: { merchantId: actor.merchantId }, select: { id: true, name: true } })).map(
      (store) => [store.id, store.name],
    ),
  );
  const where = exceptionsWhere(actor, query);

  let exceptions: Map<string, ExportedException> | null = null;
  let lastException: { day: string; id: string } | null = null;
  let lastLine: { exceptionId: string; id: number } | null = null;
  // Exceptions of the page whose lines are all written: left out of the next reads, so that a page
  // of lines does not read again every line before it (PostgreSQL's index on the exception alone
  // is not in line order: it filters them) — only the current exception's.
  let through = new Set<string>();
  let lineless = "";
  let finished = false;

  /** The next page of exceptions (with their incidents' references and statuses); false when there are no more. */
  async function nextExceptions(): Promise<boolean> {
    const rows: ExceptionPageRow[] = await prisma.reconException.findMany({
      where: {
        ...where,
        ...(lastException
          ? { OR: [{ day: { gt: lastException.day } }, { day: lastException.day, id: { gt: lastException.id } }] }
          : {}),
      },
      orderBy: [{ day: "asc" }, { id: "asc" }],
      take: pageSize.exceptions,
      select: {
        id: true,
        key: true,
        category: true,
        status: true,
        day: true,
        incidentId: true,
        lineCount: true,
        amountMinor: true,
        currency: true,
      },
    });
    if (rows.length === 0) return false;
    const linked = await linkedIncidents(actor.merchantId, rows);
    exceptions = new Map(
      rows.map((row) => {
        const incident = row.incidentId ? linked.get(row.incidentId) : undefined;
        return [
          row.id,
          {
            ...row,
            reference: incident ? referenceOf(incident.number) : "",
            incidentStatus: incident ? incident.status : "",
          },
        ];
      }),
    );
    const last = rows[rows.length - 1];
    lastException = { day: last.day, id: last.id };
    lastLine = null;
    through = new Set();
    // A settle date with no credit at all has no line: still one row, or the file would leave it out.
    lineless = [...exceptions.values()]
      .filter((exception) => exception.lineCount === 0)
      .map((exception) => row(exception, null))
      .join("");
    return true;
  }

  /** Labels in the reader's language for the codes a person reads; an unknown code as it is. */
  const word = (group: string, code: string | null | undefined) => {
    if (!code) return "";
    const key = `${group}.${code}` as Parameters<typeof t>[0];
    return t.has(key) ? t(key) : code;
  };
  const label = (group: "categories" | "sources" | "txTypes" | "matchRules", code: string | null | undefined) =>
    word(`Exceptions.${group}`, code);

  function row(exception: ExportedException | undefined, line: ReconLineRow | null): string {
    return `${[
      exception?.id ?? line?.exceptionId,
      label("categories", exception?.category),
      exception?.key,
      exception ? t(`Exceptions.status.${exception.status === "resolved" ? "resolved" : "open"}`) : "",
      exception?.day,
      exception ? formatMinorExact(exception.amountMinor) : "",
      exception?.reference,
      word("Incident.status", exception?.incidentStatus),
      line ? Number(line.id) : "",
      label("sources", line?.source),
      line ? Number(line.lineNo) : "",
      line?.storeId ? (storeNames.get(line.storeId) ?? "") : "",
      line?.tid,
      // A bank credit has a date, not a time: its day, as the page shows it.
      line?.txAt ?? line?.day,
      line?.settleDate,
      line?.cardMasked,
      label("txTypes", line?.txType),
      line ? formatMinorExact(line.amountMinor) : "",
      line?.currency ?? exception?.currency,
      line?.rrn,
      line?.authCode,
      line?.traceNo,
      line?.batchNo,
      label("categories", line?.category),
      line?.matchedLineId == null ? "" : Number(line.matchedLineId),
      label("matchRules", line?.matchRule),
      line?.memo,
      line?.counterparty,
    ]
      .map(csvCell)
      .join(",")}\r\n`;
  }

  /** The next page of lines of the current exceptions, as CSV text; null when they are through. */
  async function nextLines(): Promise<string | null> {
    if (!exceptions) return null;
    const left = [...exceptions.keys()].filter((id) => !through.has(id));
    if (left.length === 0) return null;
    const after = lastLine
      ? Prisma.sql`AND (l."exceptionId" > ${lastLine.exceptionId} OR (l."exceptionId" = ${lastLine.exceptionId} AND l."id" > ${lastLine.id}))`
      : Prisma.empty;
    const rows = await prisma.$queryRaw<ReconLineRow[]>`
      SELECT ${LINE_COLUMNS} FROM "ReconLine" l
      WHERE l."exceptionId" IN (${Prisma.join(left)}) AND l."merchantId" = ${actor.merchantId}
        AND l."category" <> 'staged' ${after}
      ORDER BY l."exceptionId", l."id"
      LIMIT ${pageSize.lines}`;
    if (rows.length === 0) return null;
    const last = rows[rows.length - 1];
    lastLine = { exceptionId: last.exceptionId as string, id: Number(last.id) };
    // In exception order: every exception before the last one's is through.
    for (const line of rows) if (line.exceptionId !== last.exceptionId) through.add(line.exceptionId as string);
    const current = exceptions;
    return rows.map((line) => row(current.get(line.exceptionId as string), line)).join("");
  }

  async function nextChunk(): Promise<string | null> {
    while (!finished) {
      if (lineless) {
        const chunk = lineless;
        lineless = "";
        return chunk;
      }
      const chunk = await nextLines();
      if (chunk !== null) return chunk;
      if (!(await nextExceptions())) finished = true;
    }
    return null;
  }

  const stream = csvStream({
    header: `${COLUMNS.map((column) => csvCell(t(`Exceptions.csv.${column}`))).join(",")}\r\n`,
    nextChunk,
    onCancel: () => {
      finished = true;
    },
    failure: {
      message: "Reconciliation exceptions export failed mid-stream",
      context: { merchantId: actor.merchantId },
    },
  });
  const day = new Intl.DateTimeFormat("sv-SE", { timeZone: "Asia/Shanghai", dateStyle: "short" }).format(new Date());
  return { stream, filename: `reconciliation-exceptions-${day}.csv` };
}
