// Tells the people of the emergency plan about an incident, inside the caller's transaction (the
// outbox rule): one Notification row per person, the `notification.sent` event on the incident's
// timeline, and — when SMTP_URL is set — one e-mail job for the rows, all committed with the change
// that caused them or not at all. Each row has a dedupe key (type, incident, person): a second run
// of the same notification (a job rerun, two instances racing) inserts nothing, and only the rows
// this run inserted are audited and mailed.
import "server-only";
import { appendEvent } from "@/lib/audit/append-event";
import type { AuditEventOf } from "@/lib/audit/events";
import type { Tx } from "@/lib/db/client";
import { newId } from "@/lib/db/new-id";
import { env } from "@/lib/env";
import { Prisma } from "@/lib/generated/prisma/client";
import { kindToDb } from "@/lib/incidents/codec";
import type { IncidentKind, StepKey } from "@/lib/incidents/rules";
import { enqueueJob } from "@/lib/jobs/enqueue-job";
import { type Plan, readStoredPlan, resolveAudience, type StaffMember } from "@/lib/notifications/plan";
import {
  NOTIFICATION_MESSAGE_KEYS,
  type NotificationParams,
  type NotificationType,
  notificationTypeToDb,
} from "@/lib/notifications/types";
import { isRole, ROLES, storeScopeOf } from "@/lib/rbac/permissions";

/** The job that mails notifications (lib/notifications/send-notification-emails.ts). */
export const EMAIL_JOB_KIND = "notification.email";

/** Which of the plan's audiences each plan notification type tells (deadlines: lib/deadlines/sweep.ts). */
const AUDIENCE_OF = {
  incident_logged: "onLogged",
  incident_notified: "onNotify",
} as const satisfies Partial<Record<NotificationType, keyof Plan>>;
type PlanNotificationType = keyof typeof AUDIENCE_OF;

/** Roles that see every store of the merchant: their members are candidates wherever the incident is. */
const MERCHANT_WIDE_ROLES = ROLES.filter((role) => storeScopeOf(role) === "all");

export interface IncidentRef {
  id: string;
  merchantId: string;
  reference: string;
  kind: IncidentKind;
  storeId: string;
  storeName: string;
}

/**
 * The kind's plan and the staff who could be told of an incident in this store, in one statement:
 * active members assigned to the store, and active members of the merchant-wide roles.
 */
export async function loadPlanAndStaff(
  tx: Tx,
  { merchantId, kind, storeId }: { merchantId: string; kind: IncidentKind; storeId: string },
): Promise<{ plan: Plan; staff: StaffMember[] }> {
  const { planText, staff } = await queryPlanAndStaff(tx, { merchantId, kind, storeId });
  return { plan: readStoredPlan(kind, planText), staff };
}

/** The staff who could be told about something of a store (null: of no one store — merchant-wide roles only). */
export async function loadStaff(
  tx: Tx,
  { merchantId, storeId }: { merchantId: string; storeId: string | null },
): Promise<StaffMember[]> {
  return (await queryPlanAndStaff(tx, { merchantId, kind: null, storeId })).staff;
}

async function queryPlanAndStaff(
  tx: Tx,
  { merchantId, kind, storeId }: { merchantId: string; kind: IncidentKind | null; storeId: string | null },
): Promise<{ planText: string | null; staff: StaffMember[] }> {
  const rows = await tx.$queryRaw<
    { plan: string | null; userId: string | null; name: string | null; role: string | null; inStore: unknown }[]
  >`
    SELECT p."plan", s."userId", s."name", s."role", s."inStore"
    FROM (SELECT 1 AS "one") AS request
    LEFT JOIN "NotificationPlan" p ON p."merchantId" = ${merchantId} AND p."kind" = ${kind ? kindToDb(kind) : null}
    LEFT JOIN (
      SELECT m."userId", u."name", m."role", CASE WHEN ms."storeId" IS NULL THEN 0 ELSE 1 END AS "inStore"
      FROM "Membership" m
      JOIN "user" u ON u."id" = m."userId"
      LEFT JOIN "MembershipStore" ms ON ms."membershipId" = m."id" AND ms."storeId" = ${storeId}
      WHERE m."merchantId" = ${merchantId} AND m."active" = TRUE
        AND (ms."storeId" IS NOT NULL OR m."role" IN (${Prisma.join(MERCHANT_WIDE_ROLES)}))
    ) AS s ON 1 = 1`;
  const staff: StaffMember[] = [];
  for (const row of rows) {
    if (!row.userId || !isRole(row.role)) continue;
    staff.push({
      userId: row.userId,
      name: row.name ?? "",
      role: row.role,
      active: true,
      inStore: Number(row.inStore) === 1,
    });
  }
  return { planText: rows[0]?.plan ?? null, staff };
}

/**
 * Notifies the plan's audience for `type` about the incident, inside `tx`. `actor` caused it and is
 * never told (see resolveAudience). Returns the people told by this call (none when the plan names
 * nobody, or when every one of them was told before).
 */
export async function notifyIncident(
  tx: Tx,
  {
    type,
    incident,
    actor,
    step,
  }: {
    type: PlanNotificationType;
    incident: IncidentRef;
    actor: { userId: string; name: string } | null;
    /** The step whose completion told them (notify), recorded on the timeline. */
    step?: StepKey;
  },
): Promise<{ userId: string; name: string }[]> {
  const { plan, staff } = await loadPlanAndStaff(tx, incident);
  const recipients = resolveAudience({ audience: plan[AUDIENCE_OF[type]], staff, actorId: actor?.userId ?? null });
  return sendNotifications(tx, {
    type,
    merchantId: incident.merchantId,
    incidentId: incident.id,
    recipients,
    messageKey: NOTIFICATION_MESSAGE_KEYS[type],
    params: { reference: incident.reference, kind: incident.kind, store: incident.storeName, by: actor?.name ?? "" },
    dedupeKeyOf: (userId) => `${notificationTypeToDb(type)}:${incident.id}:${userId}`,
    actorId: actor?.userId ?? null,
    audit: { ...(step ? { step } : {}) },
  });
}

/**
 * Writes one notification per recipient inside `tx` — rows whose dedupe key exists already are
 * skipped — with the `notification.sent` event (on the incident's timeline when there is one) and
 * the e-mail job for the rows this call wrote. Returns the people this call told.
 */
export async function sendNotifications(
  tx: Tx,
  {
    type,
    merchantId,
    incidentId,
    recipients,
    messageKey,
    params,
    dedupeKeyOf,
    actorId,
    audit,
  }: {
    type: NotificationType;
    merchantId: string;
    incidentId: string | null;
    recipients: readonly { userId: string; name: string }[];
    messageKey: string;
    params: NotificationParams | Omit<NotificationParams, "kind" | "reference">;
    dedupeKeyOf: (userId: string) => string;
    actorId: string | null;
    /**
     * Added to the `notification.sent` event (the step whose completion told them); false when the
     * caller records the notification in its own event (a deadline's reminder or escalation).
     */
    audit: Omit<AuditEventOf<"notification.sent">["after"], "notificationType" | "recipients" | "emailed"> | false;
  },
): Promise<{ userId: string; name: string }[]> {
  if (recipients.length === 0) return [];
  const inserted = await insertNotifications(
    tx,
    recipients.map((recipient) => ({
      type,
      merchantId,
      incidentId,
      recipientId: recipient.userId,
      messageKey,
      params,
      dedupeKey: dedupeKeyOf(recipient.userId),
    })),
  );
  if (inserted.length === 0) return [];

  const told = recipients
    .filter((recipient) => inserted.some((row) => row.recipientId === recipient.userId))
    .map(({ userId, name }) => ({ userId, name }));
  if (audit) {
    await appendEvent(tx, {
      merchantId,
      incidentId,
      actorId,
      type: "notification.sent",
      after: { notificationType: type, recipients: told, emailed: Boolean(env.SMTP_URL), ...audit },
    });
  }
  await queueEmails(tx, inserted);
  return told;
}

/** One notification row to write. */
export interface NotificationRow {
  type: NotificationType;
  merchantId: string;
  incidentId: string | null;
  recipientId: string;
  messageKey: string;
  params: NotificationParams | Omit<NotificationParams, "kind" | "reference">;
  dedupeKey: string;
}

/**
 * Writes notification rows in one INSERT; a row whose dedupe key exists already is skipped.
 * Returns the rows this call wrote.
 */
export async function insertNotifications(
  tx: Tx,
  rows: readonly NotificationRow[],
): Promise<{ id: string; recipientId: string; dedupeKey: string }[]> {
  if (rows.length === 0) return [];
  const now = new Date();
  const values = rows.map(
    (row) => Prisma.sql`(${newId()}, ${row.merchantId}, ${row.recipientId}, ${notificationTypeToDb(row.type)},
      ${row.incidentId}, ${row.messageKey}, ${JSON.stringify(row.params)}, ${row.dedupeKey}, ${now})`,
  );
  return tx.$queryRaw<{ id: string; recipientId: string; dedupeKey: string }[]>`
    INSERT INTO "Notification"
      ("id", "merchantId", "recipientId", "type", "incidentId", "messageKey", "messageParams", "dedupeKey", "createdAt")
    VALUES ${Prisma.join(values)}
    ON CONFLICT ("dedupeKey") DO NOTHING
    RETURNING "id", "recipientId", "dedupeKey"`;
}

/** When SMTP_URL is set: one e-mail job for the notifications just written (the outbox). */
export async function queueEmails(tx: Tx, inserted: readonly { id: string }[]): Promise<void> {
  if (!env.SMTP_URL || inserted.length === 0) return;
  await enqueueJob(tx, { kind: EMAIL_JOB_KIND, payload: { notificationIds: inserted.map((row) => row.id) } });
}
