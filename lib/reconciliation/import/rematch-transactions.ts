// POS ↔ statement for the days an import touched: per day, the day's visible lines (and this
// import's staged ones), with the neighbouring days' lines near its two midnights and their
// cancellation lines (voids, reversals, refunds and the sales these name), go through the
// matcher (matchDay: a pair, tie or duplicate across midnight is one; only the day's own lines get
// an outcome here, and only its own exception groups). Only the staged lines' pairings are written at
// once (one short transaction per day; nobody sees staged lines); their categories, the changed
// outcomes of visible lines and every exception group wait in the PublishPlan, to become visible
// all at once. A day at a time keeps memory to a few days' lines however large the file.
import "server-only";
import type { LineStore, SqlParam } from "@/lib/reconciliation/import/line-store";
import type { PublishPlan } from "@/lib/reconciliation/import/publish-plan";
import { addDays, wallClockSeconds } from "@/lib/reconciliation/match/local-time";
import { matchDay, midnightMarginSeconds, wallClockText } from "@/lib/reconciliation/match/match-day";
import type { MatchOptions, PosLine, StatementLine } from "@/lib/reconciliation/match/match-transactions";
import type { LineCategory, LocalDate, MatchRule, TxType } from "@/lib/reconciliation/types";

interface StoredState {
  category: string;
  matchedLineId: number | null;
  matchRule: string | null;
}

type Stored<Line> = Line & StoredState;

const STATE_COLUMNS = `"category", "matchedLineId", "matchRule"`;
// A day's lines the matcher sees: visible ones and this import's staged ones — or, when the import
// is being withdrawn, the visible ones but its own; never what a person paired or unpaired
// (manual), nor another import's staged lines. Served by (merchantId, source, day).
const DAY_FILTERS = {
  with: `"merchantId" = ? AND "source" = ? AND "day" = ? AND "manual" = false
  AND ("category" <> 'staged' OR "importId" = ?)`,
  without: `"merchantId" = ? AND "source" = ? AND "day" = ? AND "manual" = false
  AND "category" <> 'staged' AND "importId" <> ?`,
} as const;

/** Whether the import's lines are matched with the others (imported) or left out (withdrawn). */
export type ImportLines = keyof typeof DAY_FILTERS;

const POS_COLUMNS = `"id", "tid", "txAt", "cardMasked", "txType", "amountMinor", "rrn", "traceNo", "batchNo",
  "approved", "signed", "origRrn", "origTrace", ${STATE_COLUMNS}`;
const STATEMENT_COLUMNS = `"id", "tid", "txAt", "settleDate", "txType", "amountMinor", "rrn", "traceNo", "batchNo",
  "cardMasked", ${STATE_COLUMNS}`;
function daySql(lines: ImportLines) {
  const filter = DAY_FILTERS[lines];
  return {
    pos: `SELECT ${POS_COLUMNS} FROM "ReconLine" WHERE ${filter} ORDER BY "id"`,
    statement: `SELECT ${STATEMENT_COLUMNS} FROM "ReconLine" WHERE ${filter} ORDER BY "id"`,
    // The statement lines of the day before from the margin before midnight on, of the day after up
    // to the margin after it. (The neighbours' POS lines are read whole: they also hold the voids,
    // reversals and refunds that decide cancellations with the day's, wherever they are in the day.)
    eveStatement: `SELECT ${STATEMENT_COLUMNS} FROM "ReconLine" WHERE ${filter} AND "txAt" >= ?`,
    morrowStatement: `SELECT ${STATEMENT_COLUMNS} FROM "ReconLine" WHERE ${filter} AND "txAt" < ?`,
  };
}

const flag = (value: unknown) => value === true || value === 1;
const text = (value: unknown) => value as string;
const textOrNull = (value: unknown) => value as string | null;
const idOrNull = (value: unknown) => (value === null ? null : Number(value));

/** A POS row of the day's query (arrays, built into objects of one shape: cheaper to load and to match). */
function posLine(row: unknown[]): Stored<PosLine> {
  return {
    id: Number(row[0]),
    tid: text(row[1]),
    txAt: text(row[2]),
    cardMasked: textOrNull(row[3]),
    txType: text(row[4]) as TxType,
    amountMinor: Number(row[5]),
    rrn: textOrNull(row[6]),
    traceNo: textOrNull(row[7]),
    batchNo: textOrNull(row[8]),
    approved: flag(row[9]),
    signed: row[10] === null ? null : flag(row[10]),
    origRrn: textOrNull(row[11]),
    origTrace: textOrNull(row[12]),
    category: text(row[13]),
    matchedLineId: idOrNull(row[14]),
    matchRule: textOrNull(row[15]),
  };
}

function statementLine(row: unknown[]): Stored<StatementLine> {
  return {
    id: Number(row[0]),
    tid: text(row[1]),
    txAt: text(row[2]),
    settleDate: text(row[3]),
    txType: text(row[4]) as TxType,
    amountMinor: Number(row[5]),
    rrn: textOrNull(row[6]),
    traceNo: textOrNull(row[7]),
    batchNo: textOrNull(row[8]),
    cardMasked: textOrNull(row[9]),
    category: text(row[10]),
    matchedLineId: idOrNull(row[11]),
    matchRule: textOrNull(row[12]),
  };
}

export interface DayMatchCounts {
  days: number;
  lines: number;
  changed: number;
}

export async function rematchTransactions({
  store,
  merchantId,
  importId,
  lines = "with",
  days,
  options,
  plan,
  heartbeat,
}: {
  store: LineStore;
  merchantId: string;
  importId: string;
  lines?: ImportLines;
  days: readonly LocalDate[];
  options: MatchOptions;
  plan: PublishPlan;
  heartbeat: () => Promise<void>;
}): Promise<DayMatchCounts> {
  const counts: DayMatchCounts = { days: 0, lines: 0, changed: 0 };
  // An exception's store is its terminal's (a few hundred rows, read once, not a column per line).
  const storeOf = new Map(
    (
      await store.all<{ tid: string; storeId: string }>(
        `SELECT "tid", "storeId" FROM "Terminal" WHERE "merchantId" = ?`,
        [merchantId],
      )
    ).map((terminal) => [terminal.tid, terminal.storeId]),
  );
  const margin = midnightMarginSeconds(options);
  const sql = daySql(lines);
  // The POS lines of the day and of its neighbours, each day read once: days go in order, so the
  // day after, read as a neighbour, is the next day's own (three days of POS lines in memory).
  const posDays = new Map<LocalDate, Stored<PosLine>[]>();
  const posOf = async (day: LocalDate) => {
    let lines = posDays.get(day);
    if (lines === undefined) {
      lines = (await store.allArrays(sql.pos, [merchantId, "pos", day, importId])).map(posLine);
      posDays.set(day, lines);
    }
    return lines;
  };
  for (const day of days) {
    const eve = addDays(day, -1);
    const morrow = addDays(day, 1);
    for (const cached of posDays.keys()) if (cached < eve) posDays.delete(cached);
    const pos = await posOf(day);
    const statement = (await store.allArrays(sql.statement, [merchantId, "statement", day, importId])).map(
      statementLine,
    );
    plan.lineDays.add(day);
    counts.days++;
    counts.lines += pos.length + statement.length;
    if (pos.length === 0 && statement.length === 0) continue;

    // The neighbours' lines: the matcher decides across the midnights with those near them, and
    // cancellations with their voids, reversals, refunds and the sales these name.
    const from = wallClockText(wallClockSeconds(`${day} 00:00:00`) - margin);
    const to = wallClockText(wallClockSeconds(`${morrow} 00:00:00`) + margin);
    const edgePos = [...(await posOf(eve)), ...(await posOf(morrow))];
    const edgeStatement = [
      ...(await store.allArrays(sql.eveStatement, [merchantId, "statement", eve, importId, from])),
      ...(await store.allArrays(sql.morrowStatement, [merchantId, "statement", morrow, importId, to])),
    ].map(statementLine);

    const result = matchDay(
      day,
      edgePos.length === 0 ? pos : [...pos, ...edgePos],
      edgeStatement.length === 0 ? statement : [...statement, ...edgeStatement],
      options,
    );
    const stagedPairs: SqlParam[][] = [];
    const record = (
      line: StoredState & { id: number },
      category: LineCategory,
      matched: number | null,
      rule: MatchRule | null,
    ) => {
      if (line.category === "staged") {
        plan.setStagedCategory(line.id, category);
        // A rerun after a crash finds the pairing of the first run: write only what differs.
        if (line.matchedLineId !== matched || line.matchRule !== rule) stagedPairs.push([line.id, matched, rule]);
      } else if (line.category !== category || line.matchedLineId !== matched || line.matchRule !== rule) {
        plan.visibleChanges.push(line.id, category, matched, rule);
        counts.changed++;
      }
    };
    // The matcher returns the day's own outcomes in id order, as the lines were loaded.
    if (result.pos.length !== pos.length || result.statement.length !== statement.length) {
      throw new Error(`Matching ${day} gave outcomes for other lines than the day's`);
    }
    for (let index = 0; index < pos.length; index++) {
      const outcome = result.pos[index];
      plan.notePosOutcome(day, pos[index].category, outcome.category);
      record(pos[index], outcome.category, outcome.matchedLineId, outcome.rule);
    }
    for (let index = 0; index < statement.length; index++) {
      const outcome = result.statement[index];
      record(statement[index], outcome.category, outcome.matchedLineId, outcome.rule);
    }

    for (const group of result.groups) {
      plan.addException({
        key: group.key,
        category: group.category,
        storeId: storeOf.get(group.tid) ?? null,
        tid: group.tid,
        batchNo: group.batchNo,
        day: group.day,
        amountMinor: group.amountMinor,
        lineIds: [...group.posLineIds, ...group.statementLineIds],
      });
    }

    await store.transaction(() =>
      store.updateLines(
        [
          { name: "matchedLineId", pgType: "integer" },
          { name: "matchRule", pgType: "text" },
        ],
        stagedPairs,
      ),
    );
    await heartbeat();
  }
  return counts;
}
