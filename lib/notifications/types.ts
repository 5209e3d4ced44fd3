// The kinds of notification and what each stores: a message key and params (never English text).
// Pure and small: the audit catalogue and the client import it.
import type { IncidentKind } from "@/lib/incidents/rules";

export const NOTIFICATION_TYPES = ["incident_logged", "incident_notified"] as const;
export type NotificationType = (typeof NOTIFICATION_TYPES)[number];
type DbNotificationType = "INCIDENT_LOGGED" | "INCIDENT_NOTIFIED";

export function notificationTypeToDb(type: NotificationType): DbNotificationType {
  switch (type) {
    case "incident_logged":
      return "INCIDENT_LOGGED";
    case "incident_notified":
      return "INCIDENT_NOTIFIED";
    default:
      return type satisfies never;
  }
}

export function notificationTypeFromDb(type: DbNotificationType): NotificationType {
  switch (type) {
    case "INCIDENT_LOGGED":
      return "incident_logged";
    case "INCIDENT_NOTIFIED":
      return "incident_notified";
    default:
      return type satisfies never;
  }
}

/** The message key each type is stored with (Notifications.messages.<key>). */
export const NOTIFICATION_MESSAGE_KEYS = {
  incident_logged: "incidentLogged",
  incident_notified: "incidentNotified",
} as const satisfies Record<NotificationType, string>;

/** The params every incident notification carries: the kind stays a key, worded when read. */
export interface NotificationParams {
  reference: string;
  kind: IncidentKind;
  store: string;
  /** Who caused it (their name as it was then); "" when no person did. */
  by: string;
}
