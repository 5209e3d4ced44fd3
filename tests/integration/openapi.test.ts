// GET /api/openapi.json: an OpenAPI 3.1 document whose component schemas come from the zod schemas
// the handlers validate with, and whose every $ref resolves.
import { beforeAll, describe, expect, test } from "vitest";
import { GET as openApiRoute } from "@/app/api/openapi.json/route";
import { DASHBOARD_TABLES } from "@/lib/dashboard/dashboard-tables";
import { INCIDENT_KINDS, RESOLUTIONS, STEP_KEYS } from "@/lib/incidents/rules";

type Json = Record<string, unknown>;
// biome-ignore lint/suspicious/noExplicitAny: walking an arbitrary JSON document
let doc: any;

/** Resolves a local JSON pointer such as "#/components/schemas/Incident". */
function resolvePointer(pointer: string): unknown {
  expect(pointer.startsWith("#/")).toBe(true);
  return pointer
    .slice(2)
    .split("/")
    .map((part) => part.replace(/~1/g, "/").replace(/~0/g, "~"))
    .reduce<unknown>((node, part) => (node as Json | undefined)?.[part], doc);
}

function collectRefs(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) for (const item of node) collectRefs(item, out);
  else if (node && typeof node === "object") {
    for (const [key, value] of Object.entries(node)) {
      if (key === "$ref" && typeof value === "string") out.push(value);
      else collectRefs(value, out);
    }
  }
  return out;
}

beforeAll(async () => {
  const response = await openApiRoute();
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toContain("application/json");
  doc = await response.json();
});

describe("the OpenAPI document", () => {
  test("is OpenAPI 3.1 with a title and version", () => {
    expect(doc.openapi).toMatch(/^3\.1\.\d+$/);
    expect(typeof doc.info.title).toBe("string");
    expect(typeof doc.info.version).toBe("string");
  });

  test("describes every incident route with its method", () => {
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        "/api/incidents",
        "/api/incidents/{id}",
        "/api/incidents/{id}/steps/{key}",
        "/api/incidents/{id}/close",
        "/api/incidents/{id}/reopen",
        "/api/auth/sign-in",
      ]),
    );
    expect(Object.keys(doc.paths["/api/incidents"])).toEqual(expect.arrayContaining(["get", "post"]));
    for (const path of ["/api/incidents/{id}/steps/{key}", "/api/incidents/{id}/close", "/api/incidents/{id}/reopen"]) {
      expect(doc.paths[path].post.responses).toHaveProperty("409");
      expect(doc.paths[path].post.responses).toHaveProperty("422");
    }
    expect(doc.paths["/api/incidents"].post.responses).toHaveProperty("201");
  });

  test("declares every path parameter it uses", () => {
    for (const [path, item] of Object.entries<Json>(doc.paths)) {
      const names = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
      for (const operation of Object.values(item) as { parameters?: { name: string; in: string }[] }[]) {
        const declared = (operation.parameters ?? []).filter((p) => p.in === "path").map((p) => p.name);
        expect(declared.sort(), path).toEqual([...names].sort());
      }
    }
    const key = doc.paths["/api/incidents/{id}/steps/{key}"].post.parameters.find(
      (p: { name: string }) => p.name === "key",
    );
    expect(key.schema.enum).toEqual([...STEP_KEYS]);
  });

  test("offers the list filters as query parameters", () => {
    const names = doc.paths["/api/incidents"].get.parameters.map((p: { name: string }) => p.name);
    expect(names).toEqual(
      expect.arrayContaining(["status", "kind", "storeId", "q", "cursor", "overdue", "from", "to"]),
    );
  });

  test("every $ref points at a schema in the document", () => {
    const refs = collectRefs(doc);
    expect(refs.length).toBeGreaterThan(10);
    for (const ref of refs) {
      expect(ref, ref).toMatch(/^#\/components\/schemas\/[A-Za-z0-9._-]+$/);
      expect(resolvePointer(ref), ref).toBeTypeOf("object");
    }
    for (const [name, schema] of Object.entries<Json>(doc.components.schemas)) {
      // A fragment-only $id is invalid JSON Schema 2020-12 and would re-base the refs inside.
      expect(schema, name).not.toHaveProperty("$id");
    }
  });

  test("component schemas are derived from zod: CreateIncident", () => {
    const create = doc.components.schemas.CreateIncident;
    expect(create.type).toBe("object");
    expect(create.properties.kind.enum).toEqual([...INCIDENT_KINDS]);
    expect(create.required).toEqual(expect.arrayContaining(["kind", "terminalId"]));
    expect(create.additionalProperties).toBe(false);
    expect(create.properties.cardBin.pattern).toBe("^\\d{6}$");
    expect(create.properties.rrn.pattern).toBe("^\\d{12}$");
    expect(create.properties.currency.default).toBe("CNY");
    expect(create.properties).not.toHaveProperty("storeId");
    for (const forbidden of ["cvv", "pin", "track1", "cardNumber"])
      expect(create.properties).not.toHaveProperty(forbidden);
  });

  test("component schemas are derived from zod: step, close and the incident", () => {
    const { StepAction, CloseIncident, Incident, IncidentDetail, Error: ErrorSchema } = doc.components.schemas;
    expect(StepAction.properties.action.enum).toEqual(["complete", "skip"]);
    expect(StepAction.required).toContain("version");
    expect(CloseIncident.properties.resolution.enum).toEqual([...RESOLUTIONS]);
    expect(Incident.required).toEqual(
      expect.arrayContaining(["id", "reference", "kind", "status", "version", "steps", "createdAt"]),
    );
    expect(IncidentDetail.properties).toHaveProperty("timeline");
    expect(ErrorSchema.properties.error.required).toEqual(expect.arrayContaining(["code", "message"]));
  });

  test("issue 10: drills and training records — POST /api/drills, GET /api/training, and `drill` on every incident", () => {
    const drills = doc.paths["/api/drills"].post;
    expect(drills.requestBody.content["application/json"].schema.$ref).toBe("#/components/schemas/StartDrill");
    expect(Object.keys(drills.responses)).toEqual(expect.arrayContaining(["201", "400", "401", "403", "404", "422"]));
    expect(drills.responses["201"].content["application/json"].schema.$ref).toBe("#/components/schemas/Incident");
    const { StartDrill, TrainingRecord, Incident } = doc.components.schemas;
    expect(StartDrill.properties.kind.enum).toEqual([...INCIDENT_KINDS]);
    expect(StartDrill.required).toEqual(expect.arrayContaining(["kind", "cashierId"]));
    expect(StartDrill.additionalProperties).toBe(false);
    expect(Incident.required).toEqual(expect.arrayContaining(["drill", "drillFor"]));
    const training = doc.paths["/api/training"].get;
    expect(training.parameters.map((p: { name: string }) => p.name)).toEqual(["userId", "cursor", "limit"]);
    expect(training.responses["200"].content["application/json"].schema.$ref).toBe(
      "#/components/schemas/TrainingRecord",
    );
    expect(TrainingRecord.properties).toHaveProperty("people");
  });

  test("issue 10: the alert webhook — GET/PUT/DELETE /api/alerts/webhook and POST …/test, never a secret in GET", () => {
    const webhook = doc.paths["/api/alerts/webhook"];
    expect(Object.keys(webhook)).toEqual(expect.arrayContaining(["get", "put", "delete"]));
    expect(webhook.put.requestBody.content["application/json"].schema.$ref).toBe("#/components/schemas/WebhookInput");
    expect(Object.keys(webhook.put.responses)).toEqual(expect.arrayContaining(["200", "400", "401", "403", "422"]));
    expect(webhook.put.responses["200"].content["application/json"].schema.$ref).toBe(
      "#/components/schemas/WebhookSaved",
    );
    expect(Object.keys(webhook.delete.responses)).toEqual(expect.arrayContaining(["204", "403", "404"]));
    expect(Object.keys(doc.paths["/api/alerts/webhook/test"].post.responses)).toEqual(
      expect.arrayContaining(["202", "403", "404"]),
    );
    const { WebhookInput, WebhookSaved, WebhookStatus, WebhookDelivery } = doc.components.schemas;
    expect(WebhookInput.required).toEqual(["url"]);
    expect(WebhookInput.additionalProperties).toBe(false);
    expect(WebhookSaved.required).toEqual(expect.arrayContaining(["url", "secret"]));
    expect(WebhookStatus.properties).not.toHaveProperty("secret");
    expect(WebhookDelivery.properties.status.enum).toEqual(["pending", "delivered", "failed"]);
  });

  test("issue 10: the dashboard's CSV — GET /api/dashboard.csv with its table and the dashboard's query", () => {
    const csv = doc.paths["/api/dashboard.csv"].get;
    const parameters = Object.fromEntries(
      csv.parameters.map((p: { name: string; required: boolean; schema: { enum?: string[] } }) => [p.name, p]),
    );
    expect(Object.keys(parameters).sort()).toEqual(["from", "storeId", "table", "to"]);
    expect(parameters.table.required).toBe(true);
    expect(parameters.table.schema.enum).toEqual([...DASHBOARD_TABLES]);
    expect(Object.keys(csv.responses["200"].content)).toEqual(["text/csv"]);
    expect(Object.keys(csv.responses)).toEqual(expect.arrayContaining(["200", "400", "401", "403", "404"]));
  });

  test("issue 10: the risk dashboard — GET /api/dashboard with its query and every figure from the zod contract", () => {
    const dashboard = doc.paths["/api/dashboard"].get;
    expect(dashboard.parameters.map((p: { name: string }) => p.name).sort()).toEqual(["from", "storeId", "to"]);
    expect(Object.keys(dashboard.responses)).toEqual(expect.arrayContaining(["200", "400", "401", "403", "404"]));
    const figures = dashboard.responses["200"].content["application/json"].schema;
    expect(figures.required).toEqual(
      expect.arrayContaining([
        "period",
        "stores",
        "incidents",
        "open",
        "money",
        "timeToClose",
        "transactions",
        "trainingGaps",
      ]),
    );
    expect(figures.additionalProperties).toBe(false);
    expect(Object.keys(figures.properties.transactions.properties)).toEqual([
      "overall",
      "byStore",
      "byTerminal",
      "byOperator",
      "byHour",
    ]);
  });
});
