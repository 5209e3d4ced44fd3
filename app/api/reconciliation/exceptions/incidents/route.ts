// POST /api/reconciliation/exceptions/incidents: opens (or links) incidents for a selection of
// exceptions, each in its own transaction, reporting per id.
import { apiHandler, readJson } from "@/lib/api/respond";
import { requireActor } from "@/lib/auth/actor";
import { localeFromHeaders } from "@/lib/i18n/locales";
import { openIncidentsFromExceptions } from "@/lib/reconciliation/exceptions/open-incidents";
import { requireReconciliation } from "@/lib/reconciliation/exceptions/require-permission";
import { openIncidentsSchema } from "@/lib/schemas/reconciliation";

export const POST = apiHandler(async (request) => {
  const actor = await requireActor(request.headers);
  // The role before the body: a caller who may not do this is told so, whatever they sent.
  requireReconciliation(actor, "reconciliation.resolve");
  const input = await readJson(request, openIncidentsSchema);
  return Response.json(await openIncidentsFromExceptions({ actor, input, locale: localeFromHeaders(request.headers) }));
});
