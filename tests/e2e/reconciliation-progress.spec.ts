// The import's progress as the upload form shows it, step by step: waiting → reading the file (the
// bar and the rows read moving) → matching → done. A real small file passes every step within one
// poll, so here the import's status answers are scripted (page.route) and advanced by the test
// itself, one state at a time: the page is the real build, only the status it polls is staged —
// no timing in the test.
import type { Route } from "@playwright/test";
import type { ImportDto } from "@/lib/reconciliation/imports/serialize-import";
import { expect, test } from "./fixtures";

const IMPORT_ID = `scripted-${Date.now()}`;
const FILE_NAME = `progress-${Date.now()}.csv`;

function state(patch: Partial<ImportDto>): ImportDto {
  return {
    id: IMPORT_ID,
    type: "pos_journal",
    fileName: FILE_NAME,
    byteSize: 1234,
    status: "queued",
    rowsRead: 0,
    rowsTotal: 10,
    errors: [],
    report: null,
    formatId: null,
    createdAt: new Date().toISOString(),
    startedAt: null,
    finishedAt: null,
    ...patch,
  };
}

test("the upload form shows the import's steps, the rows read and the bar moving, step by step", async ({ pageAs }) => {
  const finance = await pageAs("finance");
  let current = state({});
  let polls = 0;
  await finance.route("**/api/reconciliation/imports", (route: Route) =>
    route.request().method() === "POST" ? route.fulfill({ status: 202, json: { import: current } }) : route.fallback(),
  );
  await finance.route(`**/api/reconciliation/imports/${IMPORT_ID}`, (route: Route) => {
    polls++;
    return route.fulfill({ json: current });
  });

  await finance.goto("/reconciliation");
  await finance.getByRole("button", { name: "File", exact: true }).setInputFiles({
    name: FILE_NAME,
    mimeType: "text/csv",
    buffer: Buffer.from("time,terminal id\r\n"),
  });
  await finance.getByRole("button", { name: "Import", exact: true }).click();

  const tracker = finance.getByTestId("import-tracker").filter({ hasText: FILE_NAME });
  const bar = tracker.getByRole("progressbar", { name: `Import of ${FILE_NAME}` });
  const steps = tracker.getByRole("list", { name: "Steps of the import" });
  const stepStates = () =>
    steps.getByRole("listitem").evaluateAll((items) => items.map((item) => item.getAttribute("data-state")));

  /** Serves the next state and waits until the page has polled it. */
  async function advance(next: Partial<ImportDto>) {
    current = state(next);
    const seen = polls;
    await expect.poll(() => polls).toBeGreaterThan(seen);
  }

  await test.step("waiting to start: the first step current, the bar empty", async () => {
    await expect(tracker).toHaveAttribute("data-status", "queued");
    await expect(bar).toHaveAttribute("value", "0");
    await expect(bar).toHaveAttribute("max", "10");
    await expect(steps.locator("[aria-current=step]")).toHaveText(/Waiting to start/);
    expect(await stepStates()).toEqual(["current", "upcoming", "upcoming", "upcoming"]);
  });

  await test.step("reading the file: the bar and the rows read move with the rows", async () => {
    await advance({ status: "parsing", rowsRead: 4, startedAt: new Date().toISOString() });
    await expect(tracker).toHaveAttribute("data-status", "parsing");
    await expect(bar).toHaveAttribute("value", "4");
    await expect(tracker.getByTestId("import-rows")).toHaveText("4 of 10 rows");
    await expect(steps.locator("[aria-current=step]")).toHaveText(/Reading the file/);
    expect(await stepStates()).toEqual(["complete", "current", "upcoming", "upcoming"]);
    await advance({ status: "parsing", rowsRead: 7 });
    await expect(bar).toHaveAttribute("value", "7");
    await expect(tracker.getByTestId("import-rows")).toHaveText("7 of 10 rows");
  });

  await test.step("matching: every row read, the third step current", async () => {
    await advance({ status: "matching", rowsRead: 10 });
    await expect(tracker.getByTestId("import-status")).toHaveText("Matching");
    await expect(bar).toHaveAttribute("value", "10");
    await expect(steps.locator("[aria-current=step]")).toHaveText(/Matching/);
    expect(await stepStates()).toEqual(["complete", "complete", "current", "upcoming"]);
  });

  await test.step("done: every step finished, the bar full, the report shown", async () => {
    await advance({
      status: "done",
      rowsRead: 10,
      finishedAt: new Date().toISOString(),
      report: { rows: 10, pansMasked: 0, counts: { pending: 10 } },
    });
    await expect(tracker).toHaveAttribute("data-status", "done");
    await expect(bar).toHaveAttribute("value", "1");
    await expect(bar).toHaveAttribute("max", "1");
    await expect(steps.locator("[aria-current=step]")).toHaveCount(0);
    expect(await stepStates()).toEqual(["complete", "complete", "complete", "complete"]);
    await expect(tracker.getByTestId("report-rows")).toHaveText("10 rows imported");
    // The counts are the import's own, of its end: said so, as later files move its lines on.
    await expect(tracker.getByTestId("report-counts-note")).toContainText("As matched when this import finished");
  });
});
