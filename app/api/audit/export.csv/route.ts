// GET /api/audit/export.csv: every incident in the range with its whole timeline, the chain's
// verification and the signed checkpoint, streamed (issue 10). Admin, finance, and supervisors for
// their stores (the use case checks).
import { apiHandler } from "@/lib/api/respond";
import { parseInput, readQuery } from "@/lib/api/validation";
import { exportAuditCsv } from "@/lib/audit/export/export-csv";
import { assertMayExport } from "@/lib/audit/export/start-export";
import { requireActor } from "@/lib/auth/actor";
import { localeFromHeaders } from "@/lib/i18n/locales";
import { auditExportQuerySchema } from "@/lib/schemas/audit";

export const GET = apiHandler(async (request) => {
  const actor = await requireActor(request.headers);
  // The role before the query: a caller who may not do this is told so, whatever they sent.
  assertMayExport(actor, undefined);
  const query = parseInput(auditExportQuerySchema, readQuery(request.url));
  const { lang, ...range } = query;
  const { stream, filename } = await exportAuditCsv({
    actor,
    query: range,
    locale: lang ?? localeFromHeaders(request.headers),
  });
  return new Response(stream, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${filename}"`,
    },
  });
});
