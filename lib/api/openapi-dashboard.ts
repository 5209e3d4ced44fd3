// The OpenAPI path of issue 10's risk dashboard: its query parameters and its answer come from the
// zod contract the handler and the page use (lib/schemas/dashboard.ts), written inline.
import { z } from "zod";
import {
  DASHBOARD_DEFAULT_DAYS,
  DASHBOARD_MAX_DAYS,
  dashboardQuerySchema,
  dashboardSchema,
} from "@/lib/schemas/dashboard";

const error = (description: string) => ({
  description,
  content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
});

function without$schema(schema: object) {
  const { $schema: _schema, ...rest } = schema as Record<string, unknown>;
  return rest;
}

export function dashboardPaths() {
  const query = z.toJSONSchema(dashboardQuerySchema, { io: "input", unrepresentable: "any" }) as {
    properties: Record<string, { description?: string }>;
  };
  return {
    "/api/dashboard": {
      get: {
        summary: "The risk dashboard: every figure of /dashboard for a period and stores",
        description:
          "Admin and finance: every store; a supervisor: their stores. Days are local days in the merchant's time " +
          `zone; none given, the last ${DASHBOARD_DEFAULT_DAYS} days with today; at most ${DASHBOARD_MAX_DAYS} days. ` +
          "Incidents by kind and cause over time (a bar a day up to 62 days, a week up to 26 weeks, else a month), " +
          "open cases now by age and overdue, money at risk, lost and recovered per currency, time to close per " +
          "kind (nearest-rank median and 90th percentile, in steps of 0.1 h under 10 h, 1 h under 100 h, 10 h under " +
          "1,000 h), rates per 1,000 POS journal lines per store, terminal, operator and hour of day with the " +
          "outliers marked (robust z-score above 3.5 among rows of 20 transactions or more), and cashiers who have " +
          "not practised the kinds they most often log. Drills never count.",
        tags: ["dashboard"],
        parameters: Object.entries(query.properties).map(([name, property]) => ({
          name,
          in: "query",
          required: false,
          description: property.description,
          schema: property,
          ...(name === "storeId" ? { style: "form", explode: true } : {}),
        })),
        responses: {
          "200": {
            description: "The figures",
            content: {
              "application/json": {
                schema: without$schema(z.toJSONSchema(dashboardSchema, { io: "output", unrepresentable: "any" })),
              },
            },
          },
          "400": error("Bad query (a date, a reversed or too long period, an unknown parameter), naming the field"),
          "401": error("Not signed in"),
          "403": error("Your role cannot see the dashboard"),
          "404": error("A store you cannot see (storeId)"),
        },
      },
    },
  };
}
