// The exports' verification block: the checkpoint's hash and signature are written exactly, so an
// auditor can check them, while the names people typed are masked once more.
import fc from "fast-check";
import { expect, test } from "vitest";
import { verificationRows } from "@/lib/audit/export/export-rows";
import { exportTranslator } from "@/lib/audit/export/messages";

// Found by CI: a checkpoint signature holding the Luhn-valid run of 15 digits 435252169648369.
const SIGNATURE = "06b6b4167160abd435252169648369de5a57d667885510242223c7f14595dca2";

function rows(hash: string, signature: string, exportedBy = "Ada Admin") {
  return verificationRows({
    t: exportTranslator("en"),
    report: {
      merchantId: "m1",
      ok: true,
      events: 3,
      brokenAt: null,
      checkpoint: { status: "ok", seq: 3, hash, at: "2026-11-30T00:00:00.000Z", signature },
    },
    checkpoint: { merchantId: "m1", seq: 3, hash, at: new Date("2026-11-30T00:00:00Z"), signature, source: "test" },
    exportedBy,
    exportedAt: new Date("2026-11-30T01:00:00Z"),
    range: "2026-11-01 – 2026-11-30 · all stores you can see",
    time: (date) => date.toISOString(),
  });
}

// A test card number, built here rather than written out (no literal card number in the sources).
const PAN = ["4111", "1111", "1111", "1111"].join("");

const cellOf = (table: string[][], label: string) => table.find(([name]) => name === label)?.[1];

test("a signature with a card-number-like run of digits is written as it is", () => {
  const table = rows(SIGNATURE, SIGNATURE);
  expect(cellOf(table, "Signed checkpoint: HMAC-SHA256")).toBe(SIGNATURE);
  expect(cellOf(table, "Signed checkpoint: hash")).toBe(SIGNATURE);
});

test("any hash and signature are written exactly; a card number in the exporter's name is masked", () => {
  const hex = fc.stringMatching(/^[0-9a-f]{64}$/);
  fc.assert(
    fc.property(hex, hex, (hash, signature) => {
      const table = rows(hash, signature, `Ada ${PAN}`);
      expect(cellOf(table, "Signed checkpoint: HMAC-SHA256")).toBe(signature);
      expect(cellOf(table, "Signed checkpoint: hash")).toBe(hash);
      expect(cellOf(table, "Exported by")).not.toContain(PAN);
    }),
    { numRuns: 2_000 },
  );
});
