import { setTerminalActive } from "@/lib/admin/set-terminal-active";
import { apiHandler } from "@/lib/api/respond";
import { requireActor } from "@/lib/auth/actor";

export const POST = apiHandler(async (request, { params }: { params: Promise<{ id: string }> }) => {
  const actor = await requireActor(request.headers);
  const { id } = await params;
  return Response.json(await setTerminalActive({ actor, terminalId: id, active: false }));
});
