// DELETE: removes one saved import format of the caller's merchant (finance and admin; audited).
import { apiHandler } from "@/lib/api/respond";
import { requireActor } from "@/lib/auth/actor";
import { deleteFormat } from "@/lib/reconciliation/formats/delete-format";

export const DELETE = apiHandler(async (request, { params }: { params: Promise<{ id: string }> }) => {
  const actor = await requireActor(request.headers);
  const { id } = await params;
  await deleteFormat({ actor, formatId: id });
  return new Response(null, { status: 204 });
});
