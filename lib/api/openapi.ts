// The OpenAPI 3.1 document, generated from the same zod schemas the handlers validate with.
import { z } from "zod";
import { alertPaths } from "@/lib/api/openapi-alerts";
import { auditPaths } from "@/lib/api/openapi-audit";
import { dashboardPaths } from "@/lib/api/openapi-dashboard";
import { dashboardCsvPaths } from "@/lib/api/openapi-dashboard-csv";
import { deadlinePaths } from "@/lib/api/openapi-deadlines";
import { drillPaths } from "@/lib/api/openapi-drills";
import { notificationPaths } from "@/lib/api/openapi-notifications";
import { preventionPaths } from "@/lib/api/openapi-prevention";
import { reconciliationFormatPaths } from "@/lib/api/openapi-reconciliation-formats";
import { reconciliationImportPaths } from "@/lib/api/openapi-reconciliation-imports";
import { webhookPaths } from "@/lib/api/openapi-webhooks";
import {
  calendarDayInputSchema,
  calendarDayListSchema,
  calendarDaySchema,
  deadlineSettingsInputSchema,
  deadlineSettingsResultSchema,
} from "@/lib/deadlines/schemas";
import { STEP_KEYS } from "@/lib/incidents/rules";
import { planInputSchema } from "@/lib/notifications/plan";
import {
  kindPlanSchema,
  notificationListSchema,
  notificationSchema,
  planListSchema,
} from "@/lib/notifications/schemas";
import {
  addTerminalSchema,
  adminStoreSchema,
  adminTerminalSchema,
  adminUserSchema,
  changeUserAccessSchema,
  createStoreSchema,
  createUserSchema,
  moveTerminalSchema,
  terminalDetailsSchema,
  terminalSoftwarePolicyResultSchema,
  terminalSoftwarePolicySchema,
  updateStoreSchema,
} from "@/lib/schemas/admin";
import { alertListSchema, alertRuleListSchema, alertRulesInputSchema, alertSchema } from "@/lib/schemas/alerts";
import { startDrillSchema, trainingRecordSchema } from "@/lib/schemas/drill";
import { financeQueueQuerySchema } from "@/lib/schemas/finance-queue";
import {
  closeIncidentSchema,
  createIncidentSchema,
  duplicateSuspectedErrorSchema,
  errorSchema,
  incidentDeadlineSchema,
  incidentDetailSchema,
  incidentListSchema,
  incidentSchema,
  listIncidentsQuerySchema,
  reopenIncidentSchema,
  signInSchema,
  stepActionSchema,
  stepSchema,
  suspectedDuplicateSchema,
  timelineEventSchema,
} from "@/lib/schemas/incident";
import {
  completePreventionActionSchema,
  createPreventionActionSchema,
  preventionActionListSchema,
  preventionActionSchema,
} from "@/lib/schemas/prevention";
import {
  bulkOpenResultSchema,
  exportExceptionsQuerySchema,
  listExceptionsQuerySchema,
  openedIncidentSchema,
  openIncidentsSchema,
  pairingResultSchema,
  pairLinesSchema,
  reconciliationSummaryQuerySchema,
  reconciliationSummarySchema,
  reconExceptionListSchema,
  reconExceptionSchema,
  reconLineSchema,
  unpairLineSchema,
} from "@/lib/schemas/reconciliation";
import { importSchema, rowErrorSchema } from "@/lib/schemas/reconciliation-imports";
import { incidentTerminalSchema } from "@/lib/schemas/terminal-details";
import {
  webhookAttemptSchema,
  webhookDeliverySchema,
  webhookInputSchema,
  webhookSavedSchema,
  webhookStatusSchema,
  webhookTestQueuedSchema,
} from "@/lib/webhooks/schemas";

const ref = (id: string) => ({ $ref: `#/components/schemas/${id}` });

function componentSchemas(schemas: z.ZodType[], io: "input" | "output") {
  const registry = z.registry<{ id: string }>();
  for (const schema of schemas) {
    const id = z.globalRegistry.get(schema)?.id;
    if (typeof id === "string") registry.add(schema, { id });
  }
  const { schemas: out } = z.toJSONSchema(registry, {
    io,
    uri: (id) => `#/components/schemas/${id}`,
    unrepresentable: "any",
  });
  // A component is not a standalone document: a fragment-only `$id` is invalid JSON Schema
  // 2020-12, and the dialect is the document's default.
  return Object.fromEntries(Object.entries(out).map(([id, { $id: _id, $schema: _schema, ...schema }]) => [id, schema]));
}

const jsonBody = (id: string) => ({ required: true, content: { "application/json": { schema: ref(id) } } });
const jsonResponse = (description: string, id: string) => ({
  description,
  content: { "application/json": { schema: ref(id) } },
});
const errors = (...codes: number[]) =>
  Object.fromEntries(codes.map((code) => [String(code), jsonResponse(ERROR_TEXT[code] ?? "Error", "Error")]));

const ERROR_TEXT: Record<number, string> = {
  400: "Bad input (the fields say which)",
  401: "Not signed in",
  403: "Your role may not do this",
  404: "Not found, or not in your stores",
  409: "Stale version",
  422: "Breaks a rule (order, closing before the steps are done, reused Idempotency-Key)",
  429: "Locked after repeated failures",
};

const idParam = { name: "id", in: "path", required: true, schema: { type: "string" } };
const versioned = "Send the incident's current `version`; a stale one answers 409 and changes nothing.";

export function buildOpenApiDocument() {
  const listQuery = z.toJSONSchema(listIncidentsQuerySchema, { io: "input" }) as {
    properties: Record<string, unknown>;
  };
  return {
    openapi: "3.1.0",
    info: {
      title: "Slipcase API",
      version: "1.0.0",
      description:
        "Log POS card-payment mishaps and walk them through the remediation checklist. Sign in with " +
        "POST /api/auth/sign-in; the session cookie authenticates the other calls. Errors are " +
        "`{ error: { code, reason, params, message, fields?, fieldReasons? } }`: `code` fixes the status, " +
        "`reason` and `params` are stable keys, `message` and `fields` are worded in the language of the " +
        "`slipcase_locale` cookie, else `Accept-Language`, else English.",
    },
    components: {
      schemas: {
        ...componentSchemas(
          [
            createIncidentSchema,
            stepActionSchema,
            closeIncidentSchema,
            reopenIncidentSchema,
            signInSchema,
            createStoreSchema,
            updateStoreSchema,
            addTerminalSchema,
            moveTerminalSchema,
            terminalDetailsSchema,
            terminalSoftwarePolicySchema,
            createUserSchema,
            changeUserAccessSchema,
            openIncidentsSchema,
            pairLinesSchema,
            unpairLineSchema,
            planInputSchema,
            createPreventionActionSchema,
            completePreventionActionSchema,
            deadlineSettingsInputSchema,
            calendarDayInputSchema,
            alertRulesInputSchema,
            startDrillSchema,
            webhookInputSchema,
          ],
          "input",
        ),
        ...componentSchemas(
          [
            stepSchema,
            timelineEventSchema,
            incidentSchema,
            incidentDetailSchema,
            incidentTerminalSchema,
            incidentDeadlineSchema,
            incidentListSchema,
            errorSchema,
            suspectedDuplicateSchema,
            duplicateSuspectedErrorSchema,
            adminTerminalSchema,
            terminalSoftwarePolicyResultSchema,
            adminStoreSchema,
            adminUserSchema,
            importSchema,
            rowErrorSchema,
            reconciliationSummarySchema,
            reconLineSchema,
            reconExceptionSchema,
            reconExceptionListSchema,
            openedIncidentSchema,
            bulkOpenResultSchema,
            pairingResultSchema,
            notificationSchema,
            notificationListSchema,
            kindPlanSchema,
            planListSchema,
            preventionActionSchema,
            preventionActionListSchema,
            deadlineSettingsResultSchema,
            calendarDaySchema,
            calendarDayListSchema,
            alertSchema,
            alertListSchema,
            alertRuleListSchema,
            trainingRecordSchema,
            webhookSavedSchema,
            webhookAttemptSchema,
            webhookDeliverySchema,
            webhookStatusSchema,
            webhookTestQueuedSchema,
          ],
          "output",
        ),
      },
      securitySchemes: { session: { type: "apiKey", in: "cookie", name: "better-auth.session_token" } },
    },
    security: [{ session: [] }],
    paths: {
      "/api/auth/sign-in": {
        post: {
          summary: "Sign in with email and password",
          security: [],
          requestBody: jsonBody("SignIn"),
          responses: { "200": { description: "Signed in; the session cookie is set" }, ...errors(400, 401, 429) },
        },
      },
      "/api/finance/queue.csv": {
        get: {
          summary: "The reconcile queue as CSV (finance and admins): UTF-8 with BOM, card masked, formula-safe cells",
          parameters: Object.entries(
            (z.toJSONSchema(financeQueueQuerySchema, { io: "input" }) as { properties: Record<string, unknown> })
              .properties,
          ).map(([name, schema]) => ({ name, in: "query", required: false, schema })),
          responses: {
            "200": {
              description: "The queue, ready cases first",
              content: { "text/csv": { schema: { type: "string" } } },
            },
            ...errors(400, 401, 403),
          },
        },
      },
      "/api/incidents": {
        get: {
          summary: "List incidents in your stores: newest first, or by `sort`; `actionable=true` is your work queue",
          parameters: Object.entries(listQuery.properties).map(([name, schema]) => ({
            name,
            in: "query",
            required: false,
            schema,
          })),
          responses: { "200": jsonResponse("A page of incidents", "IncidentList"), ...errors(400, 401, 403) },
        },
        post: {
          summary: "Log an incident",
          description:
            "The store is taken from the terminal. An `Idempotency-Key` header makes retries safe: the same key " +
            "and body return the first response; the same key with another body answers 422. Keys named cvv, pin " +
            "or track* are refused; card numbers in the description are masked.",
          parameters: [
            { name: "Idempotency-Key", in: "header", required: false, schema: { type: "string", maxLength: 128 } },
          ],
          requestBody: jsonBody("CreateIncident"),
          responses: {
            "201": jsonResponse("The incident", "Incident"),
            ...errors(400, 401, 403, 422),
            "409": jsonResponse(
              "An open incident of the merchant looks like the same mishap (the same RRN, or the same terminal, " +
                "card last 4 and amount within 10 minutes): `duplicates` names them. Send the same body with " +
                '`"confirmDuplicate": true` to log it anyway.',
              "DuplicateSuspectedError",
            ),
          },
        },
      },
      "/api/incidents/{id}": {
        get: {
          summary: "One incident with its checklist and timeline",
          parameters: [idParam],
          responses: { "200": jsonResponse("The incident", "IncidentDetail"), ...errors(401, 404) },
        },
      },
      "/api/incidents/{id}/steps/{key}": {
        post: {
          summary: "Complete or skip a checklist step",
          description: `Steps go in order (halt, reverify, notify, resign, reconcile). ${versioned}`,
          parameters: [
            idParam,
            { name: "key", in: "path", required: true, schema: { type: "string", enum: [...STEP_KEYS] } },
          ],
          requestBody: jsonBody("StepAction"),
          responses: { "200": jsonResponse("The incident", "Incident"), ...errors(400, 401, 403, 404, 409, 422) },
        },
      },
      "/api/incidents/{id}/close": {
        post: {
          summary: "Close with a resolution",
          description: versioned,
          parameters: [idParam],
          requestBody: jsonBody("CloseIncident"),
          responses: { "200": jsonResponse("The incident", "Incident"), ...errors(400, 401, 403, 404, 409, 422) },
        },
      },
      "/api/incidents/{id}/reopen": {
        post: {
          summary: "Reopen a closed incident",
          description: versioned,
          parameters: [idParam],
          requestBody: jsonBody("ReopenIncident"),
          responses: { "200": jsonResponse("The incident", "Incident"), ...errors(400, 401, 403, 404, 409, 422) },
        },
      },
      ...adminPaths(),
      ...reconciliationExceptionPaths(),
      ...reconciliationImportPaths(),
      ...reconciliationFormatPaths(),
      ...notificationPaths(),
      ...preventionPaths(),
      ...deadlinePaths(),
      ...auditPaths(),
      ...dashboardPaths(),
      ...dashboardCsvPaths(),
      ...alertPaths(),
      ...webhookPaths(),
      ...drillPaths(),
      "/api/health": {
        get: {
          summary: "Liveness and database reachability",
          security: [],
          responses: { "200": { description: "Healthy" }, "503": { description: "Database unreachable" } },
        },
      },
    },
  };
}

const listOf = (description: string, id: string) => ({
  description,
  content: {
    "application/json": {
      schema: { type: "object", properties: { items: { type: "array", items: ref(id) } }, required: ["items"] },
    },
  },
});

/** Stores, terminals and staff: admin only (403 for every other role). */
function adminPaths() {
  const adminErrors = (...codes: number[]) => errors(401, 403, ...codes);
  const action = (summary: string, result: string, body?: string) => ({
    post: {
      summary,
      tags: ["admin"],
      parameters: [idParam],
      ...(body ? { requestBody: jsonBody(body) } : {}),
      responses: { "200": jsonResponse(result, result), ...adminErrors(400, 404, 422) },
    },
  });
  return {
    "/api/admin/stores": {
      get: {
        summary: "Stores with their terminals",
        tags: ["admin"],
        responses: { "200": listOf("Stores", "AdminStore"), ...adminErrors() },
      },
      post: {
        summary: "Create a store",
        tags: ["admin"],
        requestBody: jsonBody("CreateStore"),
        responses: { "201": jsonResponse("The store", "AdminStore"), ...adminErrors(400, 409) },
      },
    },
    "/api/admin/stores/{id}": {
      patch: {
        summary: "Rename a store, set its daily batch cut-off (issue 9), or both",
        description:
          "`cutoffTime` is HH:MM on the shop's clock (default 23:00): a wrong amount or card must be voided before " +
          "it. Audited as store.renamed and store.cutoff_changed; incidents already logged keep their deadlines.",
        tags: ["admin"],
        parameters: [idParam],
        requestBody: jsonBody("UpdateStore"),
        responses: {
          "200": {
            description: "The store (its cut-off when one was sent)",
            content: {
              "application/json": {
                schema: {
                  type: "object",
                  properties: { id: { type: "string" }, name: { type: "string" }, cutoffTime: { type: "string" } },
                  required: ["id", "name"],
                },
              },
            },
          },
          ...adminErrors(400, 404, 409),
        },
      },
    },
    "/api/admin/terminals": {
      get: {
        summary: "All terminals of the merchant",
        tags: ["admin"],
        responses: { "200": listOf("Terminals", "AdminTerminal"), ...adminErrors() },
      },
      post: {
        summary: "Add a terminal (TID) to a store",
        tags: ["admin"],
        requestBody: jsonBody("AddTerminal"),
        responses: { "201": jsonResponse("The terminal", "AdminTerminal"), ...adminErrors(400, 404, 409) },
      },
    },
    "/api/admin/terminals/{id}": {
      patch: {
        summary: "Record a terminal's model, software version, last software update and support contact",
        description:
          "Issue 9. A field left out stays as it is; null or an empty string clears it. Free text is stored with " +
          "any card number masked. Audited as terminal.details_changed (nothing recorded when nothing differs).",
        tags: ["admin"],
        parameters: [idParam],
        requestBody: jsonBody("TerminalDetails"),
        responses: { "200": jsonResponse("The terminal", "AdminTerminal"), ...adminErrors(400, 404) },
      },
    },
    "/api/admin/terminal-software": {
      get: {
        summary: "After how many days without a software update a terminal is flagged",
        tags: ["admin"],
        responses: { "200": jsonResponse("The threshold", "TerminalSoftwarePolicyResult"), ...adminErrors() },
      },
      put: {
        summary: "Change the software-age threshold (1–3650 days; default 180)",
        description: "Audited as terminal.software_threshold_changed.",
        tags: ["admin"],
        requestBody: jsonBody("TerminalSoftwarePolicy"),
        responses: {
          "200": jsonResponse("The threshold", "TerminalSoftwarePolicyResult"),
          ...adminErrors(400),
        },
      },
    },
    "/api/admin/terminals/{id}/move": action("Move a terminal to another store", "AdminTerminal", "MoveTerminal"),
    "/api/admin/terminals/{id}/deactivate": action("Deactivate a terminal", "AdminTerminal"),
    "/api/admin/terminals/{id}/reactivate": action("Reactivate a terminal", "AdminTerminal"),
    "/api/admin/users": {
      get: {
        summary: "Staff with roles and stores",
        tags: ["admin"],
        responses: { "200": listOf("Staff", "AdminUser"), ...adminErrors() },
      },
      post: {
        summary: "Create a staff account",
        tags: ["admin"],
        requestBody: jsonBody("CreateUser"),
        responses: { "201": jsonResponse("The user", "AdminUser"), ...adminErrors(400, 404, 409) },
      },
    },
    "/api/admin/users/{id}": {
      patch: {
        summary: "Change a user's role and stores",
        tags: ["admin"],
        parameters: [idParam],
        requestBody: jsonBody("ChangeUserAccess"),
        responses: { "200": jsonResponse("The user", "AdminUser"), ...adminErrors(400, 404, 422) },
      },
    },
    "/api/admin/users/{id}/deactivate": action("Deactivate a user (signs them out)", "AdminUser"),
    "/api/admin/users/{id}/reactivate": action("Reactivate a user", "AdminUser"),
    "/api/admin/users/{id}/unlock": action("Clear a sign-in lock-out", "AdminUser"),
  };
}

/** Query parameters from a zod query schema (all optional). */
function queryParameters(schema: z.ZodType) {
  const { properties } = z.toJSONSchema(schema, { io: "input" }) as { properties: Record<string, unknown> };
  return Object.entries(properties).map(([name, schema]) => ({ name, in: "query", required: false, schema }));
}

/** Issue 8: the reconciliation's results as finance works them (finance and admins; 403 for the rest). */
function reconciliationExceptionPaths() {
  const tags = ["reconciliation"];
  return {
    "/api/reconciliation/summary": {
      get: {
        summary: "Counts and amounts per source and category, per store, and per settlement category",
        description:
          "Lines count by their day, settlements by settle date; lines of an import still running are left out.",
        tags,
        parameters: queryParameters(reconciliationSummaryQuerySchema),
        responses: { "200": jsonResponse("The summary", "ReconciliationSummary"), ...errors(400, 401, 403, 404) },
      },
    },
    "/api/reconciliation/exceptions": {
      get: {
        summary: "The exceptions that need work, oldest day first, each with its first lines and its incident",
        tags,
        parameters: queryParameters(listExceptionsQuerySchema),
        responses: { "200": jsonResponse("A page of exceptions", "ReconExceptionList"), ...errors(400, 401, 403, 404) },
      },
    },
    "/api/reconciliation/exceptions.csv": {
      get: {
        summary: "Every line of the matching exceptions as CSV, streamed (UTF-8 with BOM, formula-safe cells)",
        tags,
        parameters: queryParameters(exportExceptionsQuerySchema),
        responses: {
          "200": { description: "One row per line", content: { "text/csv": { schema: { type: "string" } } } },
          ...errors(400, 401, 403, 404),
        },
      },
    },
    "/api/reconciliation/exceptions/{id}/incident": {
      post: {
        summary:
          "Open the exception's incident (reported by the reconciliation), or answer with the one it is linked to",
        description:
          "Kind by category: pos_only and credit_* → debited_not_credited, duplicate → duplicate_charge, unsigned → " +
          "unsigned_slip, amount_mismatch → wrong_amount, statement_only → suspected_fraud; ambiguous is refused " +
          "(422: pair by hand first). No body and no Idempotency-Key: clicking again answers 200 with the same " +
          "incident, and an exception whose rrn already has an incident is linked to it (200, linked: true).",
        tags,
        parameters: [idParam],
        responses: {
          "201": jsonResponse("The incident opened", "OpenedIncident"),
          "200": jsonResponse("The incident it was already linked to, or now is (same rrn)", "OpenedIncident"),
          ...errors(401, 403, 404, 422),
        },
      },
    },
    "/api/reconciliation/exceptions/incidents": {
      post: {
        summary: "Open (or link) incidents for up to 500 exceptions, each on its own; the answer reports per id",
        tags,
        requestBody: jsonBody("OpenIncidentsFromExceptions"),
        responses: { "200": jsonResponse("One result per id", "OpenIncidentsResult"), ...errors(400, 401, 403) },
      },
    },
    "/api/reconciliation/lines/pair": {
      post: {
        summary: "Pair a POS line with a statement line by hand (audited; re-matching leaves it as set)",
        tags,
        requestBody: jsonBody("PairLines"),
        responses: { "200": jsonResponse("The two lines", "PairingResult"), ...errors(400, 401, 403, 404, 422) },
      },
    },
    "/api/reconciliation/lines/unpair": {
      post: {
        summary: "Undo a line's pairing by hand: each side becomes an exception again (audited)",
        tags,
        requestBody: jsonBody("UnpairLine"),
        responses: { "200": jsonResponse("The two lines", "PairingResult"), ...errors(400, 401, 403, 404, 422) },
      },
    },
  };
}
