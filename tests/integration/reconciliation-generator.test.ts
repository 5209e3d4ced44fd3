// The bench's synthetic files (bench/lib/recon-generator.mjs) promise a known outcome. Checked here
// with the real parser and the real matcher on small files: every file parses without an error
// (GB18030 and UTF-8 alike, title and total lines included), and the matcher puts exactly the
// promised number of lines in each category — so `npm run bench:reconcile` compares the import
// against counts that are right, and other tests can lean on the generator.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, test } from "vitest";
import { type GeneratedFiles, generateReconFiles } from "@/bench/lib/recon-generator.mjs";
import {
  type LineOutcome,
  matchTransactions,
  type PosLine,
  type StatementLine,
} from "@/lib/reconciliation/match/match-transactions";
import { parseImportFile } from "@/lib/reconciliation/parse/parse-file";
import type { BankRecord, ImportRecord, ImportType, PosRecord, StatementRecord } from "@/lib/reconciliation/types";

const TODAY = "2026-11-30";
const folders: string[] = [];
afterAll(() => {
  for (const folder of folders) fs.rmSync(folder, { recursive: true, force: true });
});

function scratch(): string {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), "slipcase-recon-gen-"));
  folders.push(folder);
  return folder;
}

async function parse(file: string, type: ImportType) {
  const records: ImportRecord[] = [];
  const result = await parseImportFile(fs.createReadStream(file), {
    type,
    onBatch: (batch) => {
      records.push(...batch);
    },
  });
  return { ...result, records };
}

function count<T extends string>(values: Iterable<T>): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const value of values) counts[value] = (counts[value] ?? 0) + 1;
  return counts;
}

/** The expected counts without the zero entries (a tally never has them). */
const nonZero = (counts: Record<string, number>) => Object.fromEntries(Object.entries(counts).filter(([, n]) => n > 0));

async function matchGenerated(generated: GeneratedFiles, encoding: "gb18030" | "utf8") {
  const posFile = generated.files.pos[encoding];
  const statementFile = generated.files.statement[encoding];
  if (!posFile || !statementFile) throw new Error(`no ${encoding} copy`);
  const pos = await parse(posFile, "pos_journal");
  const statement = await parse(statementFile, "statement");
  let id = 0;
  const posLines: PosLine[] = (pos.records as PosRecord[]).map((record) => ({ ...record, id: ++id }));
  const statementLines: StatementLine[] = (statement.records as StatementRecord[]).map((record) => ({
    ...record,
    id: ++id,
  }));
  const result = matchTransactions(posLines, statementLines, {
    windowMinutes: 10,
    duplicateWindowSeconds: 120,
    settleLagDays: 1,
    today: generated.today,
  });
  return { pos, statement, statementLines, result };
}

function rulesOf(outcomes: LineOutcome[]): Record<string, number> {
  return count(outcomes.filter((outcome) => outcome.matchedLineId !== null).map((outcome) => outcome.rule ?? "none"));
}

describe("reconciliation file generator", () => {
  test("a small set parses cleanly in both encodings and matches into exactly the promised categories", async () => {
    const generated = await generateReconFiles({ dir: scratch(), rows: 3000, seed: 7, today: TODAY });
    const { expected, lines } = generated;
    expect(lines.pos).toBe(3000);
    expect(lines.statement).toBe(3000);
    // Every category is present, so a miscount anywhere shows.
    for (const [category, n] of Object.entries(expected.pos)) expect(n, `pos ${category}`).toBeGreaterThan(0);
    for (const [category, n] of Object.entries(expected.statement))
      expect(n, `statement ${category}`).toBeGreaterThan(0);
    expect(Object.values(expected.pos).reduce((a, b) => a + b, 0)).toBe(lines.pos);
    expect(Object.values(expected.statement).reduce((a, b) => a + b, 0)).toBe(lines.statement);

    for (const encoding of ["gb18030", "utf8"] as const) {
      const { pos, statement, result } = await matchGenerated(generated, encoding);
      expect(pos.encoding).toBe(encoding === "utf8" ? "utf-8" : "gb18030");
      for (const parsed of [pos, statement]) {
        expect(parsed.errors).toEqual([]);
        expect(parsed.pansMasked).toBe(0);
        expect(parsed.header.line).toBe(generated.titleLines + 1);
      }
      expect(pos.rowsRead).toBe(lines.pos);
      expect(pos.total).toMatchObject({ amountMinor: generated.totals.posAmount, count: lines.pos });
      expect(statement.rowsRead).toBe(lines.statement);
      expect(statement.total).toMatchObject({ amountMinor: generated.totals.statementAmount, count: lines.statement });

      expect(count(result.pos.map((outcome) => outcome.category))).toEqual(nonZero(expected.pos));
      expect(count(result.statement.map((outcome) => outcome.category))).toEqual(nonZero(expected.statement));
      expect(rulesOf(result.pos)).toEqual(nonZero(expected.posRules));
      const posOnlyGroups = result.groups.filter((group) => group.category === "pos_only");
      expect(posOnlyGroups).toHaveLength(expected.posOnlyGroups);
      const batch = posOnlyGroups.find((group) => group.posLineIds.length > 1);
      expect(batch).toMatchObject({ tid: generated.missingBatch.tid, batchNo: generated.missingBatch.batchNo });
      expect(batch?.posLineIds).toHaveLength(expected.missingBatchLines);
    }
  });

  test("the bank file pays each settle date's net total, but for the short, missing and unexplained credits", async () => {
    const generated = await generateReconFiles({ dir: scratch(), rows: 4000, seed: 3, today: TODAY, days: 16 });
    const { expected } = generated;
    expect(expected.settlements.credit_short).toBeGreaterThan(0);
    const file = generated.files.bank.gb18030 as string;
    const bank = await parse(file, "bank_credit");
    expect(bank.errors).toEqual([]);
    expect(bank.rowsRead).toBe(generated.lines.bankRows);
    expect(bank.total).toMatchObject({ amountMinor: generated.totals.bankCredits, count: generated.lines.bankRows });
    const credits = bank.records as BankRecord[];
    expect(credits).toHaveLength(expected.bank.matched + expected.bank.credit_unexplained);

    // Net totals per merchant id and settle date, from the parsed statement.
    const statement = await parse(generated.files.statement.gb18030 as string, "statement");
    const totals = new Map<string, number>();
    for (const line of statement.records as StatementRecord[]) {
      const key = `${line.acquirerMid}|${line.settleDate}`;
      totals.set(key, (totals.get(key) ?? 0) + line.netMinor);
    }
    expect(totals.size).toBe(
      expected.settlements.credited + expected.settlements.credit_short + expected.settlements.credit_missing,
    );
    const creditAmounts = new Set(credits.map((credit) => credit.amountMinor));
    const paidExactly = [...totals.values()].filter((total) => creditAmounts.has(total));
    expect(paidExactly).toHaveLength(expected.settlements.credited);
    // The unexplained credit is larger than any total: it cannot pass for a short payment.
    const largest = Math.max(...totals.values());
    expect(credits.filter((credit) => credit.amountMinor > largest)).toHaveLength(1);
  });

  test("any seed and size keep the promise (property)", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 2 ** 31 - 1 }),
        fc.integer({ min: 200, max: 2500 }),
        async (seed, rows) => {
          const generated = await generateReconFiles({ dir: scratch(), rows, seed, today: TODAY, encoding: "gb18030" });
          const { pos, statement, result } = await matchGenerated(generated, "gb18030");
          expect(pos.errors).toEqual([]);
          expect(statement.errors).toEqual([]);
          expect(count(result.pos.map((outcome) => outcome.category))).toEqual(nonZero(generated.expected.pos));
          expect(count(result.statement.map((outcome) => outcome.category))).toEqual(
            nonZero(generated.expected.statement),
          );
          expect(rulesOf(result.pos)).toEqual(nonZero(generated.expected.posRules));
        },
      ),
      { numRuns: 8 },
    );
  });

  test("the same options write the same bytes", async () => {
    const a = await generateReconFiles({ dir: scratch(), rows: 500, seed: 11, today: TODAY, encoding: "gb18030" });
    const b = await generateReconFiles({ dir: scratch(), rows: 500, seed: 11, today: TODAY, encoding: "gb18030" });
    for (const name of ["pos", "statement", "bank"] as const) {
      expect(fs.readFileSync(a.files[name].gb18030 as string)).toEqual(
        fs.readFileSync(b.files[name].gb18030 as string),
      );
    }
    expect(a.files.pos.utf8).toBeNull();
  });
});
