// An import's status, for the progress bar: { status, rowsRead, rowsTotal, errors, report, … }.
import { apiHandler } from "@/lib/api/respond";
import { requireActor } from "@/lib/auth/actor";
import { getImport } from "@/lib/reconciliation/imports/get-import";

export const GET = apiHandler(async (request, { params }: { params: Promise<{ id: string }> }) => {
  const actor = await requireActor(request.headers);
  const { id } = await params;
  return Response.json(await getImport({ actor, id }));
});
