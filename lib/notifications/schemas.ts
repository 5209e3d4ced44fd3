// The notification and plan answers of the API (zod: handlers' output, OpenAPI, pages). Pure.
import { z } from "zod";
import { INCIDENT_KINDS } from "@/lib/incidents/rules";
import { planSchema } from "@/lib/notifications/plan";
import { NOTIFICATION_TYPES } from "@/lib/notifications/types";

export const notificationSchema = z
  .object({
    id: z.string(),
    type: z.enum(NOTIFICATION_TYPES),
    incidentId: z.string().optional(),
    /** The incident's reference (INC-000123), when it is about one. */
    reference: z.string().optional(),
    /** Worded in the caller's language (locale cookie, else Accept-Language). */
    message: z.string(),
    createdAt: z.string(),
    readAt: z.string().nullable(),
  })
  .meta({ id: "Notification" });
export type NotificationDto = z.infer<typeof notificationSchema>;

export const notificationListSchema = z
  .object({ items: z.array(notificationSchema), unreadCount: z.number().int().nonnegative() })
  .meta({ id: "NotificationList" });
export type NotificationListDto = z.infer<typeof notificationListSchema>;

export const kindPlanSchema = z
  .object({
    kind: z.enum(INCIDENT_KINDS),
    plan: planSchema,
    /** True while nobody has changed this kind's plan (the default applies). */
    isDefault: z.boolean(),
    updatedAt: z.string().nullable(),
  })
  .meta({ id: "EmergencyPlan" });
export type KindPlanDto = z.infer<typeof kindPlanSchema>;

export const planListSchema = z.object({ plans: z.array(kindPlanSchema) }).meta({ id: "EmergencyPlanList" });
