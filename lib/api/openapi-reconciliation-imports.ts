// The OpenAPI paths of the reconciliation's uploads (finance and admin only).
const ref = (id: string) => ({ $ref: `#/components/schemas/${id}` });
const json = (description: string, schema: object) => ({ description, content: { "application/json": { schema } } });
const error = (description: string) => json(description, ref("Error"));

export function reconciliationImportPaths() {
  return {
    "/api/reconciliation/imports": {
      post: {
        summary: "Upload a POS journal, acquirer statement or bank file for reconciliation",
        description:
          "CSV (UTF-8 with or without BOM, or GB18030/GBK; comma or tab) or XLSX (first sheet), headers in " +
          "English or Chinese. The file is stored (card numbers masked) and imported by a job: poll " +
          "GET /api/reconciliation/imports/{id}. Files up to IMPORT_INLINE_CHECK_BYTES are checked in the " +
          "request: a bad one answers 422 with its line errors and stores nothing. A browser's form posted " +
          "without JavaScript (an Accept that names text/html and not application/json) is answered 303 " +
          "instead: to the import's page, or back to /reconciliation naming the problem.",
        tags: ["reconciliation"],
        requestBody: {
          required: true,
          content: {
            "multipart/form-data": {
              schema: {
                type: "object",
                required: ["file", "type"],
                properties: {
                  file: { type: "string", format: "binary" },
                  type: { type: "string", enum: ["pos_journal", "statement", "bank_credit"] },
                  format: { type: "string", description: "Id of a saved format (else the built-in header aliases)" },
                },
              },
            },
          },
        },
        responses: {
          "202": json("Queued", {
            type: "object",
            properties: { import: ref("ReconciliationImport") },
            required: ["import"],
          }),
          "200": json("The same file (same bytes, same type) was imported before: that import", {
            type: "object",
            properties: { import: ref("ReconciliationImport"), duplicate: { const: true } },
            required: ["import", "duplicate"],
          }),
          "303": {
            description:
              "Only when Accept names text/html and not application/json (a form posted without JavaScript): " +
              "Location is /reconciliation/imports/{id} (?duplicate=1 when imported before), or /reconciliation " +
              "with upload=<reason> (and field, count, lines), or /login",
            headers: { Location: { schema: { type: "string" } } },
          },
          "400": error("No file, no or unknown type, unknown format, not multipart"),
          "401": error("Not signed in"),
          "403": error("Only finance and admin import"),
          "413": error("Larger than IMPORT_MAX_BYTES (default 200 MB), refused before parsing"),
          "422": json("Refused: up to 100 line errors; nothing stored", {
            type: "object",
            properties: { error: ref("Error"), errors: { type: "array", items: ref("ReconciliationRowError") } },
            required: ["error", "errors"],
          }),
        },
      },
      get: {
        summary: "The merchant's latest imports",
        tags: ["reconciliation"],
        responses: {
          "200": json("Newest first", {
            type: "object",
            properties: { imports: { type: "array", items: ref("ReconciliationImport") } },
            required: ["imports"],
          }),
          "401": error("Not signed in"),
          "403": error("Only finance and admin"),
        },
      },
    },
    "/api/reconciliation/imports/{id}": {
      get: {
        summary: "An import's status and progress: { status, rowsRead, rowsTotal, errors, report }",
        tags: ["reconciliation"],
        parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" } }],
        responses: {
          "200": json("The import", ref("ReconciliationImport")),
          "401": error("Not signed in"),
          "403": error("Only finance and admin"),
          "404": error("No such import in this merchant"),
        },
      },
      delete: {
        summary: "Withdraw a file imported by mistake",
        description:
          "202: the import is withdrawing — a job matches its days again without its lines and deletes " +
          "them, then it is withdrawn (kept, with its report); the same file may be imported again. " +
          "409 when it is not done, another import is running, a later file of its kind left lines out " +
          "as already imported, an incident cites its lines, or its lines were paired by hand.",
        tags: ["reconciliation"],
        parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" } }],
        responses: {
          "202": json("The import, withdrawing", ref("ReconciliationImport")),
          "401": error("Not signed in"),
          "403": error("Only finance and admin"),
          "404": error("No such import in this merchant"),
          "409": error("It cannot be withdrawn (the reason says why)"),
        },
      },
    },
  };
}
