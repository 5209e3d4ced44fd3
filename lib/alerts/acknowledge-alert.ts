// Acknowledging an alert (POST /api/alerts/{id}/acknowledge): someone is on it. Only an open alert;
// its condition stays claimed (no new alert for it) until it is resolved.
import "server-only";
import { changeAlertStatus } from "@/lib/alerts/change-status";
import type { Actor } from "@/lib/auth/actor";
import type { AlertDto } from "@/lib/schemas/alerts";

export function acknowledgeAlert({
  actor,
  id,
  now = new Date(),
}: {
  actor: Actor;
  id: string;
  now?: Date;
}): Promise<AlertDto> {
  return changeAlertStatus({ actor, id, to: "acknowledged", now });
}
