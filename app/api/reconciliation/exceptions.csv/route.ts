// GET /api/reconciliation/exceptions.csv: every line of the matching exceptions, streamed.
import { apiHandler } from "@/lib/api/respond";
import { parseInput, readQuery } from "@/lib/api/validation";
import { requireActor } from "@/lib/auth/actor";
import { localeFromHeaders } from "@/lib/i18n/locales";
import { exportExceptionsCsv } from "@/lib/reconciliation/exceptions/export-exceptions-csv";
import { requireReconciliation } from "@/lib/reconciliation/exceptions/require-permission";
import { exportExceptionsQuerySchema } from "@/lib/schemas/reconciliation";

export const GET = apiHandler(async (request) => {
  const actor = await requireActor(request.headers);
  // The role before the query: a caller who may not read this is told so, whatever they asked.
  requireReconciliation(actor, "reconciliation.view");
  const query = parseInput(exportExceptionsQuerySchema, readQuery(request.url));
  const { stream, filename } = await exportExceptionsCsv({ actor, query, locale: localeFromHeaders(request.headers) });
  return new Response(stream, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${filename}"`,
    },
  });
});
