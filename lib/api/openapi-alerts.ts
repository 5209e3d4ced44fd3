// The OpenAPI paths of alerts and alert rules (issue 10). Their schemas are components made from the
// zod schemas the handlers use (lib/schemas/alerts.ts, lib/alerts/rule-settings.ts), listed in
// lib/api/openapi.ts.
import { ALERT_STATUSES } from "@/lib/alerts/types";

const ref = (id: string) => ({ $ref: `#/components/schemas/${id}` });
const json = (description: string, id: string) => ({
  description,
  content: { "application/json": { schema: ref(id) } },
});
const error = (description: string) => json(description, "Error");
const idParameter = { name: "id", in: "path", required: true, schema: { type: "string" } };

function statusChange(verb: "acknowledge" | "resolve") {
  return {
    post: {
      summary:
        verb === "acknowledge"
          ? "Acknowledge an open alert: someone is on it (no new alert for its condition until it is resolved)"
          : "Resolve an open or acknowledged alert: its condition may alert again when it recurs with new evidence",
      description:
        "Supervisor (their stores' alerts), finance or admin. Audited (alert." +
        (verb === "acknowledge" ? "acknowledged" : "resolved") +
        ") and sent to the merchant's webhook. No body.",
      tags: ["alerts"],
      parameters: [idParameter],
      responses: {
        "200": json("The alert", "Alert"),
        "401": error("Not signed in"),
        "403": error("Your role cannot act on alerts"),
        "404": error("No such alert you can see"),
        "409": error(verb === "acknowledge" ? "Already acknowledged or resolved" : "Already resolved"),
      },
    },
  };
}

export function alertPaths() {
  return {
    "/api/alerts": {
      get: {
        summary: "Alerts you can see: open first, then acknowledged, then resolved; newest first in each",
        description:
          "Supervisor: the alerts of their stores; finance and admin: all of the merchant's. At most 100 of each " +
          "status; with a status, nextCursor pages through its older ones. Evidence names incidents (id, reference) and transaction lines (id, TID, time, amount, card " +
          "masked to first six and last four at most).",
        tags: ["alerts"],
        parameters: [
          { name: "status", in: "query", required: false, schema: { type: "string", enum: [...ALERT_STATUSES] } },
          {
            name: "cursor",
            in: "query",
            required: false,
            description: "With status: the nextCursor of the page before, for that status's older alerts",
            schema: { type: "string", minLength: 1, maxLength: 64 },
          },
          {
            name: "limit",
            in: "query",
            required: false,
            description: "At most this many alerts of each status (100 when absent)",
            schema: { type: "integer", minimum: 1, maximum: 100 },
          },
        ],
        responses: {
          "200": json("The alerts", "AlertList"),
          "400": error("Unknown status, or a cursor without a status"),
          "401": error("Not signed in"),
          "403": error("Your role cannot see alerts"),
        },
      },
    },
    "/api/alerts/{id}/acknowledge": statusChange("acknowledge"),
    "/api/alerts/{id}/resolve": statusChange("resolve"),
    "/api/alerts/rules": {
      get: {
        summary: "Every alert rule with its settings (admin)",
        tags: ["alerts"],
        responses: {
          "200": json("The rules", "AlertRuleList"),
          "401": error("Not signed in"),
          "403": error("Only an admin configures alert rules"),
        },
      },
      put: {
        summary: "Change alert rules (admin): on or off, thresholds, who is told, the drill assigned",
        description:
          "Each rule named is replaced; the others stay. Named people must be active members of the merchant. " +
          "Audited (alert_rules.updated, every rule before and after); the rules are evaluated again.",
        tags: ["alerts"],
        requestBody: { required: true, content: { "application/json": { schema: ref("AlertRulesInput") } } },
        responses: {
          "200": json("Every rule, after the change", "AlertRuleList"),
          "400": error("Bad input, naming the field"),
          "401": error("Not signed in"),
          "403": error("Only an admin configures alert rules"),
        },
      },
    },
  };
}
