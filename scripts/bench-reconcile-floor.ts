// The write floor of `npm run bench:reconcile -- --floor`: how long the import job's own writer
// (lib/reconciliation/import/line-store: prepared multi-row INSERTs on SQLite, COPY on
// PostgreSQL) takes to insert the same number of lines into ReconLine, with its indexes, in the
// job's batches — no upload, no parsing, no matching, each line written once. Whatever the design
// above it, an import that stores every line as a row cannot be faster than this on this machine.
//
//   DATABASE_URL=… tsx --conditions=react-server scripts/bench-reconcile-floor.ts '{"lines":2000000}'
//
// Prints one line "FLOOR_RESULT <json>": lines, milliseconds, CPU milliseconds, peak RSS.
import { type LineValue, posLineValues } from "@/lib/reconciliation/import/line-columns";
import { openLineStore } from "@/lib/reconciliation/import/line-store";
import type { PosRecord } from "@/lib/reconciliation/types";

/** The job's parse batch (stage-lines.ts). */
const BATCH = 5000;

async function main() {
  const { lines } = JSON.parse(process.argv[2] ?? "{}") as { lines: number };
  const store = await openLineStore();
  const context = { merchantId: "cmbenchfloormerchant00001", importId: "cmbenchfloorimport0000001" };
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  try {
    for (let start = 0; start < lines; start += BATCH) {
      const rows: LineValue[][] = [];
      for (let index = start; index < Math.min(lines, start + BATCH); index++) {
        const day = `2026-11-${String(1 + (index % 30)).padStart(2, "0")}`;
        const record: PosRecord = {
          line: index + 2,
          acquirerMid: "898310012345678",
          tid: `T${String(1_000_001 + (index % 2000))}`,
          txAt: `${day} ${String(8 + (index % 14)).padStart(2, "0")}:03:22`,
          cardMasked: "622202******0128",
          txType: "sale",
          amountMinor: 1000 + (index % 90_000),
          rrn: String(100_000_000_000 + index),
          authCode: String(100_000 + (index % 900_000)),
          traceNo: String(index % 1_000_000).padStart(6, "0"),
          batchNo: String(1 + Math.floor(index / 50_000)).padStart(6, "0"),
          approved: true,
          signed: index % 97 !== 0,
          operator: `op${index % 40}`,
          origRrn: null,
          origTrace: null,
        };
        const place = {
          terminalId: `cmbenchterminal${String(index % 2000).padStart(10, "0")}`,
          storeId: "cmbenchstore",
        };
        rows.push(posLineValues(record, place, context));
      }
      await store.transaction(() => store.insertLines(rows));
    }
  } finally {
    await store.close();
  }
  const cpu = process.cpuUsage(cpuBefore);
  console.log(
    `FLOOR_RESULT ${JSON.stringify({
      lines,
      ms: Math.round(performance.now() - started),
      cpuMs: Math.round((cpu.user + cpu.system) / 1000),
      peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    })}`,
  );
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
