// The OpenAPI 3.1 document, generated from the same zod schemas the handlers validate with.
import { z } from "zod";
import { STEP_KEYS } from "@/lib/incidents/rules";
import {
  closeIncidentSchema,
  createIncidentSchema,
  errorSchema,
  incidentDetailSchema,
  incidentListSchema,
  incidentSchema,
  listIncidentsQuerySchema,
  reopenIncidentSchema,
  signInSchema,
  stepActionSchema,
} from "@/lib/schemas/incident";

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
  return out;
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
        "`{ error: { code, message, fields? } }`.",
    },
    components: {
      schemas: {
        ...componentSchemas(
          [createIncidentSchema, stepActionSchema, closeIncidentSchema, reopenIncidentSchema, signInSchema],
          "input",
        ),
        ...componentSchemas([incidentSchema, incidentDetailSchema, incidentListSchema, errorSchema], "output"),
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
      "/api/incidents": {
        get: {
          summary: "List incidents in your stores, newest first",
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
          responses: { "201": jsonResponse("The incident", "Incident"), ...errors(400, 401, 403, 422) },
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
