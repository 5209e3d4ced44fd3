// An import's status, for the progress bar: { status, rowsRead, rowsTotal, errors, report, … }.
// DELETE withdraws a file imported by mistake: 202 with the import "withdrawing" (its job takes
// the lines away and matches again without them), or 409 saying why it cannot be.
import { apiHandler } from "@/lib/api/respond";
import { requireActor } from "@/lib/auth/actor";
import { getImport } from "@/lib/reconciliation/imports/get-import";
import { withdrawImport } from "@/lib/reconciliation/imports/withdraw-import";

export const GET = apiHandler(async (request, { params }: { params: Promise<{ id: string }> }) => {
  const actor = await requireActor(request.headers);
  const { id } = await params;
  return Response.json(await getImport({ actor, id }));
});

export const DELETE = apiHandler(async (request, { params }: { params: Promise<{ id: string }> }) => {
  const actor = await requireActor(request.headers);
  const { id } = await params;
  return Response.json(await withdrawImport({ actor, id }), { status: 202 });
});
