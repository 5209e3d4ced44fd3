// Garbage at the exceptions' endpoints (query strings, JSON bodies, path ids), through the real
// route handlers: every answer is below 500, and a 400 names the field it refuses.
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import {
  csvAs,
  exceptionsAs,
  openIncidentAs,
  openIncidentsAs,
  pairAs,
  summaryAs,
  unpairAs,
} from "@/tests/integration/reconciliation-exceptions-fixtures";

const RUNS = 60;

/** A value someone might put in a query string: near-misses of the real ones and noise. */
const queryValue = fc.oneof(
  fc.string(),
  fc.string({ unit: "binary" }),
  fc.constantFrom(
    "2026-11-30",
    "2026-02-30",
    "2026-11-30T00:00:00Z",
    "open",
    "resolved",
    "none",
    "linked",
    "pos_only",
    "-1",
    "1e9",
    "",
  ),
  fc.integer().map(String),
  fc
    .tuple(fc.date({ noInvalidDate: true }), fc.string())
    .map(([date, id]) => `${date.toISOString().slice(0, 10)}~${id}`),
);
const queryKey = fc.oneof(
  fc.constantFrom("from", "to", "category", "storeId", "status", "incident", "cursor", "limit"),
  fc.string({ minLength: 1, maxLength: 12 }),
);
const query = fc
  .dictionary(queryKey, queryValue, { maxKeys: 5 })
  .map((entries) => new URLSearchParams(entries).toString());

const jsonValue = fc.jsonValue({ maxDepth: 3 });
const body = fc.oneof(
  jsonValue,
  fc.record({ ids: fc.oneof(jsonValue, fc.array(fc.string(), { maxLength: 600 })) }, { requiredKeys: [] }),
  fc.record(
    { posLineId: jsonValue, statementLineId: jsonValue, lineId: jsonValue, extra: jsonValue },
    { requiredKeys: [] },
  ),
  fc.string().map((text) => `{${text}`),
);

interface Answer {
  status: number;
  body: unknown;
}

function expectWellRefused(answer: Answer, what: string) {
  expect(answer.status, what).toBeLessThan(500);
  if (answer.status === 400) {
    const error = (answer.body as { error?: { fields?: Record<string, string> } }).error;
    expect(Object.keys(error?.fields ?? {}).length, `${what} → ${JSON.stringify(answer.body)}`).toBeGreaterThan(0);
  }
}

describe("garbage in, never a 5xx", () => {
  test("query strings of the summary, the list and the CSV", async () => {
    await fc.assert(
      fc.asyncProperty(query, async (search) => {
        expectWellRefused(await summaryAs("finance", search), `summary?${search}`);
        expectWellRefused(await exceptionsAs("finance", search), `exceptions?${search}`);
        const csv = await csvAs("finance", search);
        const text = await csv.text();
        expectWellRefused({ status: csv.status, body: csv.status === 200 ? text : JSON.parse(text) }, `csv?${search}`);
      }),
      { numRuns: RUNS },
    );
  }, 120_000);

  test("bodies of bulk open, pair and unpair; ids in the path", async () => {
    await fc.assert(
      fc.asyncProperty(body, fc.string(), async (sent, id) => {
        expectWellRefused(await openIncidentsAs("finance", sent), `incidents ${JSON.stringify(sent)}`);
        expectWellRefused(await pairAs("finance", sent), `pair ${JSON.stringify(sent)}`);
        expectWellRefused(await unpairAs("finance", sent), `unpair ${JSON.stringify(sent)}`);
        expectWellRefused(await openIncidentAs("finance", id), `open ${JSON.stringify(id)}`);
      }),
      { numRuns: RUNS },
    );
  }, 120_000);
});
