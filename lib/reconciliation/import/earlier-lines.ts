// The lines an earlier file already brought. Finance exports the same journal again (a new title,
// an overlapping date range, the whole month after a week of it): its lines must not come in a
// second time, where each would be its own twin's duplicate and the first one's evidence would
// compete with a copy. A staged row is left out when a visible line of the merchant has the same
// source and the same values in every column the file gave (lineIdentity), counted as a multiset:
// a day exported again brings nothing new, a day exported first in part and later whole brings the
// rest, and a file that itself holds a line twice keeps both as the earlier file did.
import "server-only";
import { createHash } from "node:crypto";
import { BOOLEAN_COLUMNS, LINE_COLUMNS, type LineValue } from "@/lib/reconciliation/import/line-columns";
import type { LineStore } from "@/lib/reconciliation/import/line-store";
import type { LineSource } from "@/lib/reconciliation/types";

/** The columns the file gave (from the terminal id on): the store, terminal and line number are the job's. */
const FIRST_IDENTITY_COLUMN = LINE_COLUMNS.indexOf("tid");
const IDENTITY_COLUMNS = LINE_COLUMNS.slice(FIRST_IDENTITY_COLUMN);
const DAY = LINE_COLUMNS.indexOf("day");
const IDENTITY_SQL = `SELECT ${IDENTITY_COLUMNS.map((name) => `"${name}"`).join(", ")} FROM "ReconLine"
  WHERE "merchantId" = ? AND "source" = ? AND "day" = ? AND "category" <> 'staged'`;

/**
 * One line's identity from its file columns, the same whether the values are a staged row's or a
 * stored line's read back (booleans as 1/0 or true/false, big integers as numbers or text). Hashed:
 * the job holds one per earlier line of the file's days, and a hash is a fifth of the text.
 */
export function lineIdentity(values: readonly unknown[]): string {
  const normal = values.map((value, index) => {
    if (value === null || value === undefined) return null;
    if (BOOLEAN_COLUMNS.has(index + FIRST_IDENTITY_COLUMN)) return value === true || value === 1;
    return String(value);
  });
  // JSON keeps the columns apart whatever they hold, and null apart from "".
  return createHash("sha1").update(JSON.stringify(normal)).digest("base64").slice(0, 16);
}

export function createEarlierLines(store: LineStore, merchantId: string, source: LineSource) {
  // day → identity → how many earlier lines still have no twin in this file
  const byDay = new Map<string, Map<string, number>>();
  let left = 0;
  const earlierOf = async (day: string) => {
    let counts = byDay.get(day);
    if (!counts) {
      counts = new Map();
      for (const row of await store.allArrays(IDENTITY_SQL, [merchantId, source, day])) {
        const identity = lineIdentity(row);
        counts.set(identity, (counts.get(identity) ?? 0) + 1);
      }
      byDay.set(day, counts);
    }
    return counts;
  };
  return {
    /** The rows no earlier file brought, in their order; the others are counted as left out. */
    async fresh(rows: readonly LineValue[][]): Promise<LineValue[][]> {
      const kept: LineValue[][] = [];
      for (const row of rows) {
        const day = row[DAY] as string;
        // (no await for a day already read: a batch is thousands of rows of a few days)
        const counts = byDay.get(day) ?? (await earlierOf(day));
        if (counts.size > 0) {
          const identity = lineIdentity(row.slice(FIRST_IDENTITY_COLUMN));
          const earlier = counts.get(identity) ?? 0;
          if (earlier > 0) {
            counts.set(identity, earlier - 1);
            left++;
            continue;
          }
        }
        kept.push(row);
      }
      return kept;
    },
    /** How many rows were left out. */
    get leftOut() {
      return left;
    },
  };
}
