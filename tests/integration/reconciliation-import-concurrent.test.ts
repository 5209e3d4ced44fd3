// Two imports of one merchant at once — a journal and the statement that settles it, taken by two
// workers (two processes) — must end as if they had run one after the other: whichever matches
// second sees the other's published lines (the merchant's matching lock serialises matching and
// publishing; parsing runs side by side).
import "@/tests/integration/reconciliation-import-spool-dir";
import { expect, test } from "vitest";
import { prisma } from "@/lib/db/client";
import { runImportInChild } from "@/lib/reconciliation/import/run-import-in-child";
import { csv, queueFile } from "@/tests/integration/reconciliation-import-fixtures";

// Spread over many days, so that each import's matching takes long enough for the two to overlap.
const LINES = 20_000;
const DAYS = 20;

function time(index: number): string {
  const day = `2026-10-${String(1 + (index % DAYS)).padStart(2, "0")}`;
  const second = 8 * 3600 + Math.floor(index / DAYS) * 7;
  const part = (value: number) => String(value).padStart(2, "0");
  return `${day} ${part(Math.floor(second / 3600))}:${part(Math.floor(second / 60) % 60)}:${part(second % 60)}`;
}

test("a journal and its statement imported at the same time pair every line", { timeout: 240_000 }, async () => {
  const merchantId = (await prisma.merchant.findFirstOrThrow({ select: { id: true } })).id;
  const amounts = Array.from({ length: LINES }, (_, index) => (1 + index / 100).toFixed(2));
  const journal = await queueFile({
    merchantId,
    type: "pos_journal",
    content: csv([
      ["time", "terminal id", "type", "amount", "rrn", "trace no", "batch no", "status"],
      ...amounts.map((amount, index) => [
        time(index),
        "T1000001",
        "sale",
        amount,
        `C${index}`,
        String(index),
        "001",
        "approved",
      ]),
    ]),
  });
  const statement = await queueFile({
    merchantId,
    type: "statement",
    content: csv([
      ["settle date", "time", "terminal id", "type", "amount", "fee", "net", "rrn", "trace no", "batch no"],
      ...amounts.map((amount, index) => [
        "2026-10-25",
        time(index),
        "T1000001",
        "sale",
        amount,
        "0.00",
        amount,
        `C${index}`,
        String(index),
        "001",
      ]),
    ]),
  });

  // Each in the process of its own the job runs it in, as two workers would.
  await Promise.all([runImportInChild(journal.id, null), runImportInChild(statement.id, null)]);

  for (const id of [journal.id, statement.id]) {
    expect(await prisma.reconImport.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "done" });
    const categories = await prisma.reconLine.groupBy({ by: ["category"], where: { importId: id }, _count: true });
    expect(categories).toEqual([{ category: "matched", _count: LINES }]);
  }
  // (No bank file yet: the settle date's credit is missing — that one is expected.)
  const open = await prisma.reconException.findMany({ where: { merchantId, status: "open" }, select: { key: true } });
  expect(open.map((exception) => exception.key)).toEqual(["credit_missing::2026-10-25"]);
});
