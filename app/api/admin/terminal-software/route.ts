import { assertAdmin } from "@/lib/admin/assert-admin";
import { getSoftwareThreshold, setSoftwareThreshold } from "@/lib/admin/terminal-software-threshold";
import { apiHandler, readJson } from "@/lib/api/respond";
import { requireActor } from "@/lib/auth/actor";
import { terminalSoftwarePolicySchema } from "@/lib/schemas/admin";

/** Issue 9: after how many days without an update a terminal's software is flagged (admin only). */
export const GET = apiHandler(async (request) => {
  const actor = await requireActor(request.headers);
  return Response.json(await getSoftwareThreshold({ actor }));
});

export const PUT = apiHandler(async (request) => {
  const actor = await requireActor(request.headers);
  // The role before the body: a caller who may not do this is told so, whatever they sent.
  assertAdmin(actor);
  const input = await readJson(request, terminalSoftwarePolicySchema);
  return Response.json(await setSoftwareThreshold({ actor, input }));
});
