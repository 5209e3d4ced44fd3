// What the reconciliation specs do through the API rather than the page: a day counted back in the
// merchant's zone, and a file imported and followed to done.
import type { APIRequestContext } from "@playwright/test";
import { expect } from "./fixtures";

/** The merchant's day (Asia/Shanghai) `days` before today, as "YYYY-MM-DD". */
export function daysAgo(days: number): string {
  const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai" }).format(new Date());
  const date = new Date(`${today}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() - days);
  return date.toISOString().slice(0, 10);
}

/** Uploads a CSV as `type` and waits for its import to be done; returns the import's id. */
export async function importAndWait(
  finance: APIRequestContext,
  type: "pos_journal" | "statement" | "bank_credit",
  name: string,
  text: string,
): Promise<string> {
  const queued = await finance.post("/api/reconciliation/imports", {
    multipart: { type, file: { name, mimeType: "text/csv", buffer: Buffer.from(text) } },
  });
  expect(queued.status(), await queued.text()).toBe(202);
  const { id } = ((await queued.json()) as { import: { id: string } }).import;
  await expect
    .poll(
      async () =>
        ((await (await finance.get(`/api/reconciliation/imports/${id}`)).json()) as { status: string }).status,
      { timeout: 45_000 },
    )
    .toBe("done");
  return id;
}
