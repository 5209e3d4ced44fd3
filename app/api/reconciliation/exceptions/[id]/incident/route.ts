// POST /api/reconciliation/exceptions/{id}/incident: opens the exception's incident (201), or
// answers with the one it is linked to (200, linked: true). No body, no Idempotency-Key.
import { apiHandler } from "@/lib/api/respond";
import { requireActor } from "@/lib/auth/actor";
import { openIncidentFromException } from "@/lib/reconciliation/exceptions/open-incident";

export const POST = apiHandler(async (request, { params }: { params: Promise<{ id: string }> }) => {
  const actor = await requireActor(request.headers);
  const { id } = await params;
  const opened = await openIncidentFromException({ actor, id });
  return Response.json(opened, { status: opened.linked ? 200 : 201 });
});
