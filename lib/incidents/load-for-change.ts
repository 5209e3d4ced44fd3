// Shared start of every incident state change, inside its transaction: the incident must be
// visible to the caller (else 404) and the caller must have read its current version (else 409).
import "server-only";
import type { Actor } from "@/lib/auth/actor";
import type { Tx } from "@/lib/db/client";
import { lockIncidentForChange } from "@/lib/db/dialect";
import { AppError } from "@/lib/errors/app-error";
import { incidentInclude, visibleIncidentsWhere } from "@/lib/incidents/scope";

export async function loadForChange(tx: Tx, { actor, id, version }: { actor: Actor; id: string; version: number }) {
  await lockIncidentForChange(tx, id);
  const incident = await tx.incident.findFirst({
    where: { id, ...visibleIncidentsWhere(actor) },
    include: incidentInclude,
  });
  if (!incident) throw new AppError("NOT_FOUND", { reason: "INCIDENT_NOT_FOUND" });
  if (incident.version !== version) {
    throw new AppError(
      "CONFLICT",
      { reason: "INCIDENT_CHANGED", params: { current: incident.version, sent: version } },
      { version: { reason: "CURRENT_VERSION", params: { current: incident.version } } },
    );
  }
  return incident;
}

/** Bumps the version, failing with 409 if another writer got there first. */
export async function bumpVersion(
  tx: Tx,
  { id, version, data }: { id: string; version: number; data: Parameters<Tx["incident"]["updateMany"]>[0]["data"] },
) {
  const { count } = await tx.incident.updateMany({
    where: { id, version },
    data: { ...data, version: { increment: 1 } },
  });
  if (count !== 1) throw new AppError("CONFLICT", { reason: "INCIDENT_CHANGED_CONCURRENTLY" });
}
