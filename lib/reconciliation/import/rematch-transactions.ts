// POS ↔ statement for the days an import touched: per day, the day's visible lines (and this
// import's staged ones) go through the matcher. Only the staged lines' pairings are written at
// once (one short transaction per day; nobody sees staged lines); their categories, the changed
// outcomes of visible lines and every exception group wait in the PublishPlan, to become visible
// all at once. One day at a time keeps memory to one day's lines however large the file.
import "server-only";
import type { LineStore, SqlParam } from "@/lib/reconciliation/import/line-store";
import type { PublishPlan } from "@/lib/reconciliation/import/publish-plan";
import {
  type MatchOptions,
  matchTransactions,
  type PosLine,
  type StatementLine,
} from "@/lib/reconciliation/match/match-transactions";
import type { LineCategory, LocalDate, MatchRule, TxType } from "@/lib/reconciliation/types";

interface StoredState {
  category: string;
  matchedLineId: number | null;
  matchRule: string | null;
}

type Stored<Line> = Line & StoredState;

const STATE_COLUMNS = `"category", "matchedLineId", "matchRule"`;
// A day's lines the matcher sees: visible ones and this import's staged ones; never what a person
// paired or unpaired (manual), nor another import's staged lines. Served by (merchantId, source, day).
const DAY_FILTER = `"merchantId" = ? AND "source" = ? AND "day" = ? AND "manual" = false
  AND ("category" <> 'staged' OR "importId" = ?)`;

const POS_SQL = `SELECT "id", "tid", "txAt", "cardMasked", "txType", "amountMinor", "rrn", "traceNo", "batchNo",
  "approved", "signed", "origRrn", "origTrace", ${STATE_COLUMNS} FROM "ReconLine" WHERE ${DAY_FILTER} ORDER BY "id"`;
const STATEMENT_SQL = `SELECT "id", "tid", "txAt", "settleDate", "txType", "amountMinor", "rrn", "traceNo", "batchNo",
  "cardMasked", ${STATE_COLUMNS} FROM "ReconLine" WHERE ${DAY_FILTER} ORDER BY "id"`;

interface RawPos extends Omit<Stored<PosLine>, "approved" | "signed" | "txType"> {
  txType: string;
  approved: boolean | number;
  signed: boolean | number | null;
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
  days,
  options,
  plan,
  heartbeat,
}: {
  store: LineStore;
  merchantId: string;
  importId: string;
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
  for (const day of days) {
    const rawPos = await store.all<RawPos>(POS_SQL, [merchantId, "pos", day, importId]);
    const pos = rawPos.map(
      (line): Stored<PosLine> => ({
        ...line,
        txType: line.txType as TxType,
        approved: line.approved === true || line.approved === 1,
        signed: line.signed === null ? null : line.signed === true || line.signed === 1,
      }),
    );
    const statement = await store.all<Stored<StatementLine>>(STATEMENT_SQL, [merchantId, "statement", day, importId]);
    plan.lineDays.add(day);
    counts.days++;
    counts.lines += pos.length + statement.length;
    if (pos.length === 0 && statement.length === 0) continue;

    const result = matchTransactions(pos, statement, options);
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
    // The matcher returns its outcomes in id order, as the lines were loaded.
    for (let index = 0; index < pos.length; index++) {
      const outcome = result.pos[index];
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
