// The lines an earlier file already brought. Finance exports the same journal again (a new title,
// the whole day after the morning, the month after a week of it): the bytes differ, so the upload's
// same-file check lets it through, and each line would come in a second time as its own twin's
// duplicate. A staged line is a twin when a visible line of the merchant has the same source and
// the same value in every column the file gave (lineIdentity), counted as a multiset per day.
//
// Twins are left out only for a day the new file covers whole — every earlier line of the day has
// its twin in it — which is what a file exported again looks like. A file that holds the day only
// in part (the afternoon after the morning was imported) may hold a genuine line equal to an
// earlier one (a second credit of the same amount from the same payer, a custom format without
// references): there every line is kept, as one too many is a duplicate finance sees, one too few
// a payment nobody knows was missing.
import "server-only";
import { createHash } from "node:crypto";
import { BOOLEAN_COLUMNS, LINE_COLUMNS, type LineValue } from "@/lib/reconciliation/import/line-columns";
import type { LineStore } from "@/lib/reconciliation/import/line-store";
import type { LineSource } from "@/lib/reconciliation/types";

/** The columns the file gave (from the terminal id on): the store, terminal and line number are the job's. */
const FIRST_IDENTITY_COLUMN = LINE_COLUMNS.indexOf("tid");
const IDENTITY_COLUMNS = LINE_COLUMNS.slice(FIRST_IDENTITY_COLUMN);
const DAY = LINE_COLUMNS.indexOf("day");
const LINE_NO = LINE_COLUMNS.indexOf("lineNo");
// (Not the lines of an import being withdrawn: the right file uploaded again at once must keep its own.)
const IDENTITY_SQL = `SELECT ${IDENTITY_COLUMNS.map((name) => `"${name}"`).join(", ")} FROM "ReconLine"
  WHERE "merchantId" = ? AND "source" = ? AND "day" = ? AND "category" <> 'staged'
    AND "importId" NOT IN (SELECT "id" FROM "ReconImport" WHERE "merchantId" = ? AND "status" = 'withdrawing')`;
const STAGED_SQL = `SELECT "id", "lineNo", "settleDate", "acquirerMid", "netMinor" FROM "ReconLine"
  WHERE "merchantId" = ? AND "source" = ? AND "day" = ? AND "importId" = ? AND "category" = 'staged'`;
/** Line ids per DELETE (a statement is prepared once per length). */
const IDS_PER_DELETE = 500;

/**
 * One line's identity from its file columns, the same whether the values are a staged row's or a
 * stored line's read back (booleans as 1/0 or true/false, big integers as numbers or text). Hashed:
 * the job holds one per earlier line of the file's days, and a hash is a fraction of the text.
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

/**
 * The twins of one day, met line by line in the file's order: one staged line per earlier line of
 * the same identity, left out only when every earlier line has one (the file covers the day whole).
 * Holds a count per earlier identity and the twins' references, not the file's other lines.
 */
export class DayTwins<Ref> {
  private readonly unmet = new Map<string, number>();
  private unmetTotal = 0;
  private readonly met: Ref[] = [];

  constructor(earlier: Iterable<string>) {
    for (const identity of earlier) {
      this.unmet.set(identity, (this.unmet.get(identity) ?? 0) + 1);
      this.unmetTotal++;
    }
  }

  /** A staged line of the day, in the file's order. */
  meet(identity: string, ref: Ref): void {
    const count = this.unmet.get(identity) ?? 0;
    if (count === 0) return;
    this.unmet.set(identity, count - 1);
    this.unmetTotal--;
    this.met.push(ref);
  }

  /** The twins to leave out: all met when the file covered the day, else none. */
  twins(): Ref[] {
    return this.unmetTotal === 0 ? this.met : [];
  }
}

/** DayTwins over whole lists. Pure. */
export function twinsOfDay<Ref>(earlier: readonly string[], staged: readonly { identity: string; ref: Ref }[]): Ref[] {
  const day = new DayTwins<Ref>(earlier);
  for (const line of staged) day.meet(line.identity, line.ref);
  return day.twins();
}

/**
 * The lines a file left out as twins, and their days: a withdrawal of an earlier file whose lines
 * are on none of those days loses none of them (withdraw-import.ts).
 */
export interface LeftOut {
  lines: number;
  days: string[];
}

/** What a staged line adds to the import's tallies (taken back when it is left out). */
export interface LineTally {
  day: string;
  settleDate: string | null;
  acquirerMid: string | null;
  netMinor: number | null;
}

export function createEarlierLines(
  store: LineStore,
  { merchantId, importId, source }: { merchantId: string; importId: string; source: LineSource },
) {
  // day → its twins as the file goes; null for a day without earlier lines
  const byDay = new Map<string, DayTwins<number> | null>();
  const earlierOf = async (day: string) => {
    const rows = await store.allArrays(IDENTITY_SQL, [merchantId, source, day, merchantId]);
    const earlier = rows.length > 0 ? new DayTwins<number>(rows.map(lineIdentity)) : null;
    byDay.set(day, earlier);
    return earlier;
  };
  return {
    /** Meets a batch's rows (all staged as usual) with the earlier lines of their days. */
    async note(rows: readonly LineValue[][]): Promise<void> {
      for (const row of rows) {
        const day = row[DAY] as string;
        // (no await for a day already read: a batch is thousands of rows of a few days)
        const earlier = byDay.has(day) ? byDay.get(day) : await earlierOf(day);
        earlier?.meet(lineIdentity(row.slice(FIRST_IDENTITY_COLUMN)), row[LINE_NO] as number);
      }
    },
    /**
     * Once the whole file is staged: deletes the twins of the days it covers whole, telling
     * `onLeftOut` what each had added; returns how many, and their days.
     */
    async leaveOut(onLeftOut: (line: LineTally) => void): Promise<LeftOut> {
      let count = 0;
      const days: string[] = [];
      for (const [day, earlier] of byDay) {
        if (!earlier) continue;
        const twins = new Set(earlier.twins());
        if (twins.size === 0) continue;
        const ids: number[] = [];
        for (const [id, lineNo, settleDate, acquirerMid, netMinor] of await store.allArrays(STAGED_SQL, [
          merchantId,
          source,
          day,
          importId,
        ])) {
          if (!twins.has(Number(lineNo))) continue;
          ids.push(Number(id));
          onLeftOut({
            day,
            settleDate: settleDate as string | null,
            acquirerMid: acquirerMid as string | null,
            netMinor: netMinor === null ? null : Number(netMinor),
          });
        }
        await store.transaction(() => deleteStagedLines(store, importId, ids));
        count += ids.length;
        if (ids.length > 0) days.push(day);
      }
      return { lines: count, days: days.sort() };
    },
  };
}

const STAGED_IDENTITY_SQL = `SELECT "id", ${IDENTITY_COLUMNS.map((name) => `"${name}"`).join(", ")} FROM "ReconLine"
  WHERE "merchantId" = ? AND "source" = ? AND "day" = ? AND "importId" = ? AND "category" = 'staged' ORDER BY "lineNo"`;

/**
 * The same rule again over the staged lines as stored, for an import that finds — once it holds
 * the merchant's matching lock — that another import of the same kind published while it was
 * staging (the two files overlapping, imported side by side): the ids of the twins to delete, and
 * their days.
 */
export async function twinsAmongStaged(
  store: LineStore,
  { merchantId, importId, source }: { merchantId: string; importId: string; source: LineSource },
  days: readonly string[],
): Promise<{ ids: number[]; days: string[] }> {
  const ids: number[] = [];
  const twinDays: string[] = [];
  for (const day of days) {
    const earlier = (await store.allArrays(IDENTITY_SQL, [merchantId, source, day, merchantId])).map(lineIdentity);
    if (earlier.length === 0) continue;
    const twins = new DayTwins<number>(earlier);
    for (const row of await store.allArrays(STAGED_IDENTITY_SQL, [merchantId, source, day, importId])) {
      twins.meet(lineIdentity(row.slice(1)), Number(row[0]));
    }
    const some = twins.twins();
    ids.push(...some);
    if (some.length > 0) twinDays.push(day);
  }
  return { ids, days: twinDays };
}

/** Deletes staged lines of the import by id, in the current transaction. */
export async function deleteStagedLines(store: LineStore, importId: string, ids: readonly number[]): Promise<void> {
  for (let start = 0; start < ids.length; start += IDS_PER_DELETE) {
    const some = ids.slice(start, start + IDS_PER_DELETE);
    await store.run(
      `DELETE FROM "ReconLine" WHERE "importId" = ? AND "category" = 'staged' AND "id" IN (${some.map(() => "?").join(", ")})`,
      [importId, ...some],
    );
  }
}
