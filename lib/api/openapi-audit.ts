// The OpenAPI paths of issue 10's audit exports; their query parameters come from the zod schemas
// the handlers validate with (lib/schemas/audit.ts).
import { z } from "zod";
import { AUDIT_PDF_MAX_INCIDENTS } from "@/lib/audit/export/limits";
import { auditExportQuerySchema } from "@/lib/schemas/audit";

const ref = (id: string) => ({ $ref: `#/components/schemas/${id}` });
const error = (description: string) => ({ description, content: { "application/json": { schema: ref("Error") } } });

function queryParameters(schema: z.ZodType) {
  const json = z.toJSONSchema(schema, { io: "input" }) as { properties: Record<string, { description?: string }> };
  return Object.entries(json.properties).map(([name, property]) => ({
    name,
    in: "query",
    required: false,
    description: property.description,
    schema: property,
  }));
}

const common =
  "Every incident you may see (admin and finance: every store; a supervisor: their stores) that occurred in " +
  "[from, to], with its whole timeline; then the result of verifying the merchant's audit hash chain (the first " +
  "broken link if any) and the signed checkpoint of its head (seq, hash, time, HMAC-SHA256 under the server's " +
  "key), which this export signs if the head moved. The export itself is recorded as an audit.exported event. " +
  "Card numbers never appear beyond the first six and last four digits.";

export function auditPaths() {
  return {
    "/api/audit/export.csv": {
      get: {
        summary: "The audit record as CSV: one row per timeline event, then the verification and the checkpoint",
        description: `${common} UTF-8 with a BOM, CRLF, formula-safe cells, in the caller's language; streamed (any number of incidents).`,
        tags: ["audit"],
        parameters: queryParameters(auditExportQuerySchema),
        responses: {
          "200": { description: "The file", content: { "text/csv": { schema: { type: "string" } } } },
          "400": error("Bad query, naming the field"),
          "401": error("Not signed in"),
          "403": error("Your role cannot export the audit record"),
          "404": error("A store you cannot see"),
        },
      },
    },
    "/api/audit/export.pdf": {
      get: {
        summary: "The audit record as a PDF report in English or Chinese (the CJK font embedded)",
        description: `${common} At most ${AUDIT_PDF_MAX_INCIDENTS} incidents: a larger range answers 422 AUDIT_PDF_TOO_MANY_INCIDENTS with the limit and the count (export the CSV instead).`,
        tags: ["audit"],
        parameters: queryParameters(auditExportQuerySchema),
        responses: {
          "200": {
            description: "The report",
            content: { "application/pdf": { schema: { type: "string", format: "binary" } } },
          },
          "400": error("Bad query, naming the field"),
          "401": error("Not signed in"),
          "403": error("Your role cannot export the audit record"),
          "404": error("A store you cannot see"),
          "422": error("More incidents than one report holds"),
        },
      },
    },
  };
}
