// The OpenAPI paths of the inbox (issue 9: notifications) and the emergency plan. Their schemas
// are components made from the zod schemas the handlers use (lib/notifications/schemas.ts,
// lib/notifications/plan.ts), listed in lib/api/openapi.ts.
import { INCIDENT_KINDS } from "@/lib/incidents/rules";

const ref = (id: string) => ({ $ref: `#/components/schemas/${id}` });
const json = (description: string, id: string) => ({
  description,
  content: { "application/json": { schema: ref(id) } },
});
const error = (description: string) => json(description, "Error");

export function notificationPaths() {
  return {
    "/api/notifications": {
      get: {
        summary: "Your notifications, newest first (the latest 50), and how many are unread",
        description:
          "`message` is worded in the caller's language (the locale cookie, else Accept-Language). Only your own.",
        tags: ["notifications"],
        responses: {
          "200": json("Your inbox", "NotificationList"),
          "401": error("Not signed in"),
        },
      },
    },
    "/api/notifications/{id}/read": {
      post: {
        summary: "Mark one of your notifications read (marking it again keeps the first time)",
        tags: ["notifications"],
        parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" } }],
        responses: {
          "200": json("The notification, read", "Notification"),
          "401": error("Not signed in"),
          "404": error("No such notification of yours (another person's is not found either)"),
        },
      },
    },
    "/api/plan": {
      get: {
        summary: "The emergency plan (应急预案): per kind, who is told and who is responsible for each step",
        description:
          "Every kind is listed; `isDefault` while the admin has not changed it (the store's supervisors are told " +
          "when an incident is logged, finance when notify is completed). Roles are resolved in the incident's store " +
          "(finance and admin: every store); the person who acts is never told of their own action.",
        tags: ["plan"],
        responses: {
          "200": json("The plan of every kind", "EmergencyPlanList"),
          "401": error("Not signed in"),
        },
      },
    },
    "/api/plan/{kind}": {
      put: {
        summary: "Set one kind's emergency plan (admin only; audited as plan.changed)",
        tags: ["plan"],
        parameters: [
          { name: "kind", in: "path", required: true, schema: { type: "string", enum: [...INCIDENT_KINDS] } },
        ],
        requestBody: { required: true, content: { "application/json": { schema: ref("EmergencyPlanInput") } } },
        responses: {
          "200": json("The kind's plan as saved", "EmergencyPlan"),
          "400": error(
            "A field is missing or invalid, or a named person is not an active member (the field says which)",
          ),
          "401": error("Not signed in"),
          "403": error("Only an admin changes the plan"),
        },
      },
    },
  };
}
