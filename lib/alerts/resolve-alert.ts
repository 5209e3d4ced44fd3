// Resolving an alert (POST /api/alerts/{id}/resolve): open or acknowledged → resolved, and its
// condition is free to alert again when it recurs with new evidence.
import "server-only";
import { changeAlertStatus } from "@/lib/alerts/change-status";
import type { Actor } from "@/lib/auth/actor";
import type { AlertDto } from "@/lib/schemas/alerts";

export function resolveAlert({
  actor,
  id,
  now = new Date(),
}: {
  actor: Actor;
  id: string;
  now?: Date;
}): Promise<AlertDto> {
  return changeAlertStatus({ actor, id, to: "resolved", now });
}
