// What matching decided that must become visible together with the import's lines: the exception
// groups (upserted by key, their lines pointed at them), the final categories of the import's
// still-staged lines and the changed outcomes of visible lines (a pos_only line now matched to a
// staged statement line). Collected day by day, applied in one transaction (publish.ts), so a job
// killed while matching leaves nothing of its work visible, and a rerun computes it again.
import { OutcomeColumns } from "@/lib/reconciliation/import/outcome-columns";
import type { LocalDate } from "@/lib/reconciliation/types";

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
