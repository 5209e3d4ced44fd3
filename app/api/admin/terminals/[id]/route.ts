import { assertAdmin } from "@/lib/admin/assert-admin";
import { changeTerminalDetails } from "@/lib/admin/change-terminal-details";
import { apiHandler, readJson } from "@/lib/api/respond";
import { requireActor } from "@/lib/auth/actor";
import { terminalDetailsSchema } from "@/lib/schemas/admin";

/** Issue 9: record a terminal's model, software version, last update day and support contact. */
export const PATCH = apiHandler(async (request, { params }: { params: Promise<{ id: string }> }) => {
  const actor = await requireActor(request.headers);
  // The role before the body: a caller who may not do this is told so, whatever they sent.
  assertAdmin(actor);
  const { id } = await params;
  const input = await readJson(request, terminalDetailsSchema);
  return Response.json(await changeTerminalDetails({ actor, terminalId: id, input }));
});
