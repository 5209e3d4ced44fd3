import { expect, test } from "vitest";
import type { CopyReport } from "@/tools/db-copy/copy-database";
import { locateDatabase } from "@/tools/db-copy/database-url";
import { formatReport } from "@/tools/db-copy/format-report";

const report: CopyReport = {
  from: locateDatabase("file:/data/slipcase.db", "/"),
  to: locateDatabase("postgresql://ops:secret@db:5432/slipcase", "/"),
  migrationsApplied: [],
  tables: [
    { table: "Merchant", sourceRows: 1, targetRows: 1, milliseconds: 3 },
    { table: "Incident", sourceRows: 20_000, targetRows: 19_999, milliseconds: 900 },
  ],
  chains: [{ merchantId: "m1", ok: true, events: 80_000 }],
  rows: 20_000,
  copyMilliseconds: 2_000,
  totalMilliseconds: 9_000,
};

test("prints a line per table, marks a difference, and the throughput", () => {
  const text = formatReport(report);
  expect(text).toMatch(/^Merchant\s+1\s+1\s+ok$/m);
  expect(text).toMatch(/^Incident\s+20,000\s+19,999\s+DIFFERS$/m);
  expect(text).toContain("1 merchant(s), 80,000 events, all intact");
  expect(text).toContain("Copied 20,000 rows in 2.0 s (10,000 rows/s)");
  expect(text).not.toContain("secret");
});
