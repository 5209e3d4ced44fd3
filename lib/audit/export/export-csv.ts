// GET /api/audit/export.csv (issue 10): every incident the caller may see in the range, with its
// whole timeline, one row per event (lib/audit/export/export-rows.ts), then the chain's
// verification and the signed checkpoint. UTF-8 with a BOM (Excel reads Chinese), CRLF, formula-
// safe cells (lib/incidents/export-csv.ts). Streamed: a pull-driven ReadableStream reads one page
// of incidents per chunk (keyset, lib/audit/export/read-incidents.ts), so tens of thousands of
// incidents neither fill memory nor wait for the first byte; the chain is verified after the last
// row (it is the merchant's whole chain, up to the checkpoint this export signed).
import "server-only";
import {
  headerRow,
  incidentEventRows,
  localTimeFormatter,
  rangeText,
  verificationRows,
} from "@/lib/audit/export/export-rows";
import { exportTranslator } from "@/lib/audit/export/messages";
import { EXPORT_INCIDENT_PAGE, exportIncidentPages } from "@/lib/audit/export/read-incidents";
import { startAuditExport } from "@/lib/audit/export/start-export";
import { verifyChainAndCheckpoints } from "@/lib/audit/verify-chain";
import type { Actor } from "@/lib/auth/actor";
import { csvStream } from "@/lib/http/csv-stream";
import type { Locale } from "@/lib/i18n/locales";
import { csvCell } from "@/lib/incidents/export-csv";
import type { AuditRange } from "@/lib/schemas/audit";

function csvLines(rows: readonly (readonly string[])[]): string {
  return rows.map((row) => `${row.map(csvCell).join(",")}\r\n`).join("");
}

export async function exportAuditCsv({
  actor,
  query,
  locale,
  pageSize = EXPORT_INCIDENT_PAGE,
}: {
  actor: Actor;
  query: AuditRange;
  locale: Locale;
  pageSize?: number;
}): Promise<{ stream: ReadableStream<Uint8Array>; filename: string }> {
  const context = await startAuditExport({ actor, query, format: "csv", lang: locale });
  const t = exportTranslator(locale);
  const time = localTimeFormatter(context.merchant.timeZone);
  const rowContext = { t, storeNames: context.storeNames, time };
  const pages = exportIncidentPages(actor, query, { pageSize });
  let done = false;

  async function nextChunk(): Promise<string | null> {
    if (done) return null;
    const page = await pages.next();
    if (!page.done) return csvLines(page.value.flatMap((incident) => incidentEventRows(incident, rowContext)));
    done = true;
    const report = await verifyChainAndCheckpoints({ merchantId: actor.merchantId });
    const trailer = verificationRows({
      t,
      report,
      checkpoint: context.checkpoint,
      exportedBy: actor.name,
      exportedAt: context.exportedAt,
      range: rangeText(t, query, context.storeNames),
      time,
    });
    return `\r\n${csvLines(trailer)}`;
  }

  const stream = csvStream({
    header: csvLines([headerRow(t)]),
    nextChunk,
    onCancel: async () => {
      done = true;
      await pages.return(undefined);
    },
    failure: { message: "Audit CSV export failed mid-stream", context: { merchantId: actor.merchantId } },
  });
  const day = context.exportedAt.toISOString().slice(0, 10);
  return { stream, filename: `audit-${day}.csv` };
}
