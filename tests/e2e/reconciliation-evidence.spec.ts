// The incident page of a case the reconciliation reported (issue 8), in Chromium against the real
// build: files imported and the incident opened through the API, then the page read as finance —
// the timeline names the reconciliation as reporter and who opened it, and "Reconciliation
// evidence" lists the line — in English and in Chinese; a cashier's page has no evidence section.
import { randomInt } from "node:crypto";
import type { APIRequestContext } from "@playwright/test";
import { addDays, journeyFiles } from "@/tests/fixtures/reconciliation/journey.mjs";
import { expect, seriousAccessibilityViolations, test } from "./fixtures";

function merchantToday(): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai" }).format(new Date());
}

async function importFile(api: APIRequestContext, type: string, name: string, text: string) {
  const queued = await api.post("/api/reconciliation/imports", {
    multipart: { type, file: { name, mimeType: "text/csv", buffer: Buffer.from(text) } },
  });
  expect([200, 202], await queued.text()).toContain(queued.status());
  const { id } = ((await queued.json()) as { import: { id: string } }).import;
  await expect
    .poll(
      async () => ((await (await api.get(`/api/reconciliation/imports/${id}`)).json()) as { status: string }).status,
      {
        timeout: 45_000,
      },
    )
    .toBe("done");
}

/** A pos_only exception's incident, opened by finance through the API; returns its id and the line's rrn. */
async function incidentFromReconciliation(api: APIRequestContext, daysAgo: number) {
  // The unsettled sale is alone in its terminal batch, so its exception is the batch's: a day of
  // its own per test keeps each test's exception its own (a second file of that day would join it).
  const day = addDays(merchantToday(), -daysAgo);
  const rrnBase = `${String(Date.now()).slice(-6)}${String(randomInt(0, 1000)).padStart(3, "0")}`;
  const files = journeyFiles({ day, hour: 9, rrnBase, amountsMinor: [1234, 5678, randomInt(1_000, 90_000)] });
  await importFile(api, "pos_journal", `pos-${rrnBase}.csv`, files.pos);
  await importFile(api, "statement", `statement-${rrnBase}.csv`, files.statement);
  const listed = await api.get(`/api/reconciliation/exceptions?category=pos_only&from=${day}&to=${day}&limit=200`);
  const { items } = (await listed.json()) as { items: { id: string; lines: { rrn: string | null }[] }[] };
  const exception = items.find((item) => item.lines.some((line) => line.rrn === files.posOnly.rrn));
  expect(exception, `a pos_only exception for ${files.posOnly.rrn}`).toBeTruthy();
  // No Idempotency-Key: the exception itself makes the click idempotent.
  const opened = await api.post(`/api/reconciliation/exceptions/${exception?.id}/incident`);
  expect(opened.status()).toBe(201);
  const { incident } = (await opened.json()) as { incident: { id: string } };
  return { id: incident.id, rrn: files.posOnly.rrn };
}

for (const { locale, reported, openedBy, heading, haltHint, daysAgo } of [
  {
    locale: "en",
    daysAgo: 21,
    haltHint: "Found by the reconciliation after the sale had settled: there is no transaction left to stop.",
    reported: "Reported by the reconciliation: At the till only (debited, not credited?)",
    openedBy: "Opened from the reconciliation by Fay Finance",
    heading: "Reconciliation evidence",
  },
  {
    locale: "zh-CN",
    daysAgo: 22,
    haltHint: "此事件由对账在交易清算后发现：已无交易可暂停。",
    reported: "对账系统发现：仅 POS 有记录（已扣款未到账？）",
    openedBy: "由 Fay Finance 从对账结果登记",
    heading: "对账凭据",
  },
] as const) {
  test.describe(`in ${locale}`, () => {
    test.use({ locale });

    test("finance sees the reconciliation as reporter and the line as evidence", async ({ apiAs, pageAs }) => {
      const { id, rrn } = await incidentFromReconciliation(await apiAs("finance"), daysAgo);
      const page = await pageAs("finance");
      await page.goto(`/incidents/${id}`);
      const first = page.locator('[data-testid="timeline-event"][data-type="incident.created"]');
      await expect(first).toContainText(reported);
      await expect(first).toContainText(openedBy);
      const evidence = page.getByTestId("reconciliation-evidence");
      await expect(evidence.getByRole("heading", { level: 2 })).toHaveText(heading);
      await expect(evidence.getByTestId("evidence-line")).toHaveCount(1);
      await expect(evidence.getByTestId("evidence-line")).toContainText(rrn);
      // The first step is still halt (every skipped step is someone's, with a reason), but it does
      // not say "stop the transaction now" of a sale settled weeks ago: it says what is left to do.
      const nextAction = page.getByTestId("next-action");
      await expect(nextAction).toHaveAttribute("data-next", "halt");
      await expect(nextAction).toContainText(haltHint);
      expect(await seriousAccessibilityViolations(page)).toEqual([]);
    });
  });
}

test("a cashier's view of such an incident has no reconciliation evidence", async ({ apiAs, pageAs }) => {
  const { id } = await incidentFromReconciliation(await apiAs("finance"), 23);
  const page = await pageAs("cashier");
  await page.goto(`/incidents/${id}`);
  // Store 1's cashier sees the case itself (its terminal is in Store 1), but not the reconciliation.
  await expect(page.getByTestId("incident-reference")).toHaveText(/^INC-\d+$/);
  await expect(page.getByTestId("reconciliation-evidence")).toHaveCount(0);
});
