// The kinds of notification and what each stores: a message key and params (never English text).
// Pure and small: the audit catalogue and the client import it.
import type { DeadlineSubject } from "@/lib/deadlines/vocabulary";
import type { IncidentKind } from "@/lib/incidents/rules";

export const NOTIFICATION_TYPES = [
  "incident_logged",
  "incident_notified",
  "deadline_reminder",
  "deadline_escalated",
  "drill_assigned",
  "alert_raised",
] as const;
export type NotificationType = (typeof NOTIFICATION_TYPES)[number];
type DbNotificationType =
  | "INCIDENT_LOGGED"
  | "INCIDENT_NOTIFIED"
  | "DEADLINE_REMINDER"
  | "DEADLINE_ESCALATED"
  | "DRILL_ASSIGNED"
  | "ALERT_RAISED";

export function notificationTypeToDb(type: NotificationType): DbNotificationType {
  switch (type) {
    case "incident_logged":
      return "INCIDENT_LOGGED";
    case "incident_notified":
      return "INCIDENT_NOTIFIED";
    case "deadline_reminder":
      return "DEADLINE_REMINDER";
    case "deadline_escalated":
      return "DEADLINE_ESCALATED";
    case "drill_assigned":
      return "DRILL_ASSIGNED";
    case "alert_raised":
      return "ALERT_RAISED";
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
    case "DEADLINE_REMINDER":
      return "deadline_reminder";
    case "DEADLINE_ESCALATED":
      return "deadline_escalated";
    case "DRILL_ASSIGNED":
      return "drill_assigned";
    case "ALERT_RAISED":
      return "alert_raised";
    default:
      return type satisfies never;
  }
}

/** The message key each type of incident notification is stored with (Notifications.messages.<key>). */
export const NOTIFICATION_MESSAGE_KEYS = {
  incident_logged: "incidentLogged",
  incident_notified: "incidentNotified",
  deadline_reminder: "deadlineReminder",
  deadline_escalated: "deadlineEscalated",
  drill_assigned: "drillAssigned",
  alert_raised: "alertRaised",
} as const satisfies Record<NotificationType, string>;

/** The message keys of a prevention action's deadline notifications (no incident, no kind). */
export const ACTION_MESSAGE_KEYS = {
  deadline_reminder: "actionReminder",
  deadline_escalated: "actionEscalated",
} as const;

/** The params every incident notification carries: the kind stays a key, worded when read. */
export interface NotificationParams {
  reference: string;
  kind: IncidentKind;
  store: string;
  /** Who caused it (their name as it was then); "" when no person did. */
  by: string;
  /** Deadline notifications: the step (or close, or action) and when it is due, as ISO text in UTC. */
  subject?: DeadlineSubject;
  dueAt?: string;
  /** The merchant's time zone, so the due time is written as the shop reads its clock. */
  timeZone?: string;
  /** A prevention action's deadline: its type, and the person who owns it. */
  actionType?: string;
  owner?: string;
  /** An alert (lib/alerts): its rule type, and what it names (an operator code, a TID, a store…). */
  rule?: string;
  alertSubject?: string;
}
