import { moveTerminal } from "@/lib/admin/move-terminal";
import { apiHandler, readJson } from "@/lib/api/respond";
import { requireActor } from "@/lib/auth/actor";
import { moveTerminalSchema } from "@/lib/schemas/admin";

export const POST = apiHandler(async (request, { params }: { params: Promise<{ id: string }> }) => {
  const actor = await requireActor(request.headers);
  const { id } = await params;
  const input = await readJson(request, moveTerminalSchema);
  return Response.json(await moveTerminal({ actor, terminalId: id, input }));
});
