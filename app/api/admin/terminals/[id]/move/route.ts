import { assertAdmin } from "@/lib/admin/assert-admin";
import { moveTerminal } from "@/lib/admin/move-terminal";
import { apiHandler, readJson } from "@/lib/api/respond";
import { requireActor } from "@/lib/auth/actor";
import { moveTerminalSchema } from "@/lib/schemas/admin";

export const POST = apiHandler(async (request, { params }: { params: Promise<{ id: string }> }) => {
  const actor = await requireActor(request.headers);
  // The role before the body: a caller who may not do this is told so, whatever they sent.
  assertAdmin(actor);
  const { id } = await params;
  const input = await readJson(request, moveTerminalSchema);
  return Response.json(await moveTerminal({ actor, terminalId: id, input }));
});
