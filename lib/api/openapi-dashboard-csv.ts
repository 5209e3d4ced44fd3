// The OpenAPI path of the risk dashboard's CSV (issue 10): the dashboard's query (lib/schemas/
// dashboard.ts) plus which table, each from the zod schema the handler validates with.
import { z } from "zod";
import { DASHBOARD_TABLES } from "@/lib/dashboard/dashboard-tables";
import { dashboardQuerySchema } from "@/lib/schemas/dashboard";
import { dashboardCsvTableSchema } from "@/lib/schemas/dashboard-csv";

const error = (description: string) => ({
  description,
  content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
});

function queryParameters(schema: z.ZodType, required: string[] = []) {
  const json = z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as {
    properties: Record<string, { description?: string }>;
  };
  return Object.entries(json.properties).map(([name, property]) => ({
    name,
    in: "query",
    required: required.includes(name),
    description: property.description,
    schema: property,
    ...(name === "storeId" ? { style: "form", explode: true } : {}),
  }));
}

export function dashboardCsvPaths() {
  return {
    "/api/dashboard.csv": {
      get: {
        summary: "The numbers behind one of the risk dashboard's charts, as CSV",
        description:
          "The same period, stores and figures as GET /api/dashboard (admin and finance: every store; a supervisor: " +
          "their stores; drills never count), one table of them: " +
          `${DASHBOARD_TABLES.join(", ")}. UTF-8 with a BOM, CRLF, formula-safe cells, headers and labels in the ` +
          "caller's language (locale cookie, else Accept-Language); money as plain decimals with its currency, " +
          "times in the merchant's zone.",
        tags: ["dashboard"],
        parameters: [...queryParameters(dashboardCsvTableSchema, ["table"]), ...queryParameters(dashboardQuerySchema)],
        responses: {
          "200": { description: "The file", content: { "text/csv": { schema: { type: "string" } } } },
          "400": error("Bad query (an unknown table, a date, a period too long), naming the field"),
          "401": error("Not signed in"),
          "403": error("Your role cannot see the dashboard"),
          "404": error("A store you cannot see"),
        },
      },
    },
  };
}
