// GET /api/finance/queue.csv: the reconcile queue with the page's filters, as a spreadsheet file.
// Finance and admins only (the use case checks), the caller's merchant and stores only.
import { apiHandler } from "@/lib/api/respond";
import { parseInput, readQuery } from "@/lib/api/validation";
import { requireActor } from "@/lib/auth/actor";
import { localeFromHeaders } from "@/lib/i18n/locales";
import { exportFinanceQueue } from "@/lib/incidents/export-finance-queue";
import { assertFinanceQueue } from "@/lib/incidents/list-finance-queue";
import { financeQueueQuerySchema } from "@/lib/schemas/finance-queue";

export const GET = apiHandler(async (request) => {
  const actor = await requireActor(request.headers);
  // The role before the query: a caller who may not do this is told so, whatever they sent.
  assertFinanceQueue(actor);
  const query = parseInput(financeQueueQuerySchema, readQuery(request.url));
  const { csv, filename, truncated } = await exportFinanceQueue({
    actor,
    query,
    locale: localeFromHeaders(request.headers),
  });
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${filename}"`,
      ...(truncated ? { "X-Truncated": "true" } : {}),
    },
  });
});
