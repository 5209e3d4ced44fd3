// GET /api/audit/export.pdf: the audit record as a readable report in English or Chinese, with
// the chain's verification and the signed checkpoint (issue 10). At most AUDIT_PDF_MAX_INCIDENTS
// incidents (422 naming the limit); admin, finance, and supervisors for their stores.
import { apiHandler } from "@/lib/api/respond";
import { parseInput, readQuery } from "@/lib/api/validation";
import { exportAuditPdf } from "@/lib/audit/export/export-pdf";
import { assertMayExport } from "@/lib/audit/export/start-export";
import { requireActor } from "@/lib/auth/actor";
import { localeFromHeaders } from "@/lib/i18n/locales";
import { auditExportQuerySchema } from "@/lib/schemas/audit";

export const GET = apiHandler(async (request) => {
  const actor = await requireActor(request.headers);
  // The role before the query: a caller who may not do this is told so, whatever they sent.
  assertMayExport(actor, undefined);
  const query = parseInput(auditExportQuerySchema, readQuery(request.url));
  const { pdf, filename } = await exportAuditPdf({
    actor,
    query,
    locale: query.lang ?? localeFromHeaders(request.headers),
  });
  return new Response(new Uint8Array(pdf), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `attachment; filename="${filename}"`,
    },
  });
});
