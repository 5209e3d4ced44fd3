// What matching decided that must become visible together with the import's lines: the exception
// groups (upserted by key, their lines pointed at them), the final categories of the import's
// still-staged lines and the changed outcomes of visible lines (a pos_only line now matched to a
// staged statement line). Collected day by day, applied in one transaction (publish.ts), so a job
// killed while matching leaves nothing of its work visible, and a rerun computes it again.
import { COUNTED_LINE_CATEGORIES } from "@/lib/dashboard/transaction-sql";
import { OutcomeColumns } from "@/lib/reconciliation/import/outcome-columns";
import type { LocalDate } from "@/lib/reconciliation/types";

const TALLIED: ReadonlySet<string> = new Set(COUNTED_LINE_CATEGORIES);

export interface ExceptionDraft {
  key: string;
  category: string;
  storeId: string | null;
  tid: string | null;
  batchNo: string | null;
  day: LocalDate;
  amountMinor: number;
  lineIds: number[];
}

export interface SettlementDraft {
  acquirerMid: string;
  settleDate: LocalDate;
  expectedMinor: number;
  category: string;
  creditLineId: number | null;
  shortByMinor: number;
}

export class PublishPlan {
  readonly exceptions: ExceptionDraft[] = [];
  readonly settlements: SettlementDraft[] = [];
  /** Settle dates a withdrawn statement leaves with no line: their settlements are deleted. */
  readonly settlementsGone: { acquirerMid: string; settleDate: LocalDate }[] = [];
  /** Every staged line's category (their pairing is already written), and how many of each. */
  readonly stagedCategories = new OutcomeColumns();
  readonly stagedCounts = new Map<string, number>();
  /** Visible lines whose category or pairing changed. */
  readonly visibleChanges = new OutcomeColumns();
  /** Every exception key matching produced, for resolving the ones that are gone (finalize.ts). */
  readonly seenKeys = new Set<string>();
  /** Days whose line exceptions were recomputed; settle/bank days whose credit exceptions were. */
  readonly lineDays = new Set<LocalDate>();
  readonly creditDays = new Set<LocalDate>();
  /**
   * Days whose dashboard sums (lib/dashboard/transaction-sql.ts) can have changed: a POS line of
   * this import became visible, or a visible one moved into or out of a category they count
   * (unsigned, duplicate). A statement that only pairs the journal's lines changes none: counting a
   * million lines again three times for nothing was a tenth of its import.
   */
  readonly tallyDays = new Set<LocalDate>();

  /** Notes a POS line's outcome for the dashboard's sums (see tallyDays). */
  notePosOutcome(day: LocalDate, before: string, after: string): void {
    if (before === "staged" || (before !== after && (TALLIED.has(before) || TALLIED.has(after)))) {
      this.tallyDays.add(day);
    }
  }

  addException(draft: ExceptionDraft): void {
    this.exceptions.push(draft);
    this.seenKeys.add(draft.key);
  }

  setStagedCategory(id: number, category: string): void {
    this.stagedCategories.push(id, category, null, null);
    this.stagedCounts.set(category, (this.stagedCounts.get(category) ?? 0) + 1);
  }

  /**
   * The staged lines' most common category: publish writes it to all of them in one statement and
   * only the others line by line (a journal alone is mostly pending or pos_only, a statement matched).
   */
  commonStagedCategory(): string | null {
    let common: string | null = null;
    for (const [category, count] of this.stagedCounts) {
      if (common === null || count > (this.stagedCounts.get(common) ?? 0)) common = category;
    }
    return common;
  }
}
