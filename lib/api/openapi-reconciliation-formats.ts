// The OpenAPI paths of the reconciliation's saved import formats and file preview (finance and
// admin only). The request body mirrors saveFormatSchema (lib/reconciliation/formats/schema.ts).
import {
  DATE_PATTERN_MAX,
  FORMAT_FIELDS,
  FORMAT_NAME_MAX,
  HEADER_TEXT_MAX,
  SKIP_ROWS_MAX,
} from "@/lib/reconciliation/formats/schema";
import { AMOUNT_UNITS, IMPORT_TYPES } from "@/lib/reconciliation/types";

const json = (description: string, schema: object) => ({ description, content: { "application/json": { schema } } });
const error = (description: string) => json(description, { $ref: "#/components/schemas/Error" });
const tags = ["reconciliation"];

const fieldNames = [...new Set(Object.values(FORMAT_FIELDS).flat())];

const format = {
  type: "object",
  required: ["id", "name", "type", "mapping", "datePattern", "amountUnit", "skipRows", "createdAt"],
  properties: {
    id: { type: "string" },
    name: { type: "string" },
    type: { type: "string", enum: [...IMPORT_TYPES] },
    mapping: {
      type: "object",
      description: "Field → the header of its column, as written in the file",
      propertyNames: { enum: fieldNames },
      additionalProperties: { type: "string" },
    },
    datePattern: { type: ["string", "null"], description: 'e.g. "yyyyMMdd HHmmss"; null = the built-in date forms' },
    amountUnit: { type: "string", enum: [...AMOUNT_UNITS] },
    skipRows: { type: "integer", description: "Rows above the header row" },
    createdAt: { type: "string", format: "date-time" },
  },
};

const saveFormat = {
  type: "object",
  additionalProperties: false,
  required: ["name", "type", "mapping"],
  properties: {
    name: { type: "string", minLength: 1, maxLength: FORMAT_NAME_MAX, description: "Unique within the merchant" },
    type: { type: "string", enum: [...IMPORT_TYPES] },
    mapping: {
      type: "object",
      description:
        "Field → header text (1–100 characters). Fields per type: " +
        Object.entries(FORMAT_FIELDS)
          .map(([type, fields]) => `${type}: ${fields.join(", ")}`)
          .join("; ") +
        ". Required: pos_journal txAt or date(+time), tid, txType, amount, status; statement settleDate, txAt or " +
        "date(+time), tid, txType, amount, fee, net; bank_credit date, amount.",
      propertyNames: { enum: fieldNames },
      additionalProperties: { type: "string", minLength: 1, maxLength: HEADER_TEXT_MAX },
    },
    datePattern: {
      type: ["string", "null"],
      maxLength: DATE_PATTERN_MAX,
      description: "yyyy, MM, dd (HH, mm, ss optional) with separators; empty or null = the built-in forms",
    },
    amountUnit: { type: "string", enum: [...AMOUNT_UNITS], default: "yuan" },
    skipRows: { type: "integer", minimum: 0, maximum: SKIP_ROWS_MAX, default: 0 },
  },
};

export function reconciliationFormatPaths() {
  return {
    "/api/reconciliation/formats": {
      get: {
        summary: "The merchant's saved import formats, by name",
        tags,
        responses: {
          "200": json("The formats", {
            type: "object",
            required: ["formats"],
            properties: { formats: { type: "array", items: format } },
          }),
          "401": error("Not signed in"),
          "403": error("Only finance and admin"),
        },
      },
      post: {
        summary: "Save a custom import format (audited: reconciliation.format_saved)",
        tags,
        requestBody: { required: true, content: { "application/json": { schema: saveFormat } } },
        responses: {
          "201": json("Saved", format),
          "400": error("A field is missing or invalid: `fields` names each one (e.g. mapping.amount)"),
          "401": error("Not signed in"),
          "403": error("Only finance and admin"),
          "409": error("A format of this name exists in the merchant"),
        },
      },
    },
    "/api/reconciliation/formats/{id}": {
      delete: {
        summary: "Delete a saved format (audited: reconciliation.format_deleted)",
        tags,
        parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" } }],
        responses: {
          "204": { description: "Deleted" },
          "401": error("Not signed in"),
          "403": error("Only finance and admin"),
          "404": error("No such format in this merchant"),
        },
      },
    },
    "/api/reconciliation/preview": {
      post: {
        summary: "The first rows of a file as cells, for making a format (nothing is stored)",
        description:
          "Send the head of a CSV (the page sends 256 KB) or a whole XLSX, at most 20 MB. Card numbers are masked.",
        tags,
        requestBody: {
          required: true,
          content: {
            "multipart/form-data": {
              schema: {
                type: "object",
                required: ["file"],
                properties: { file: { type: "string", format: "binary" } },
              },
            },
          },
        },
        responses: {
          "200": json("The first rows", {
            type: "object",
            required: ["encoding", "delimiter", "rows", "suggestedHeaderLine"],
            properties: {
              encoding: { type: "string", enum: ["utf-8", "gb18030", "utf-16le", "utf-16be", "xlsx"] },
              delimiter: { type: "string", description: '",", a tab, or "" for XLSX' },
              rows: { type: "array", items: { type: "array", items: { type: "string" } } },
              suggestedHeaderLine: {
                type: ["integer", "null"],
                description: "The 1-based row that looks like the header (rows[i] is row i + 1)",
              },
            },
          }),
          "400": error("No file, or not multipart"),
          "401": error("Not signed in"),
          "403": error("Only finance and admin"),
          "413": error("Larger than 20 MB"),
          "422": error("Not readable as CSV or XLSX"),
        },
      },
    },
  };
}
