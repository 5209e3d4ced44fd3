// The matcher's input and output shapes (re-exported by match-transactions.ts, the one entry point).
import type { LineCategory, LocalDate, LocalDateTime, MatchRule, TxType } from "@/lib/reconciliation/types";

export interface PosLine {
  id: number;
  tid: string;
  txAt: LocalDateTime;
  cardMasked: string | null;
  txType: TxType;
  amountMinor: number;
  rrn: string | null;
  traceNo: string | null;
  batchNo: string | null;
  approved: boolean;
  signed: boolean | null;
  origRrn: string | null;
  origTrace: string | null;
}

export interface StatementLine {
  id: number;
  tid: string;
  txAt: LocalDateTime;
  settleDate: LocalDate;
  txType: TxType;
  amountMinor: number;
  rrn: string | null;
  traceNo: string | null;
  batchNo: string | null;
  cardMasked: string | null;
}

export interface MatchOptions {
  /** Rule 3 pairs equal amounts at most this many minutes apart (default 10). */
  windowMinutes: number;
  /** Two identical approved sales at most this many seconds apart make the later a duplicate (120). */
  duplicateWindowSeconds: number;
  /** The merchant's today. */
  today: LocalDate;
  /** A POS line of day D is expected on a statement by settle date D + settleLagDays (1). */
  settleLagDays: number;
}

export const DEFAULT_MATCH_OPTIONS = {
  windowMinutes: 10,
  duplicateWindowSeconds: 120,
  settleLagDays: 1,
} as const satisfies Omit<MatchOptions, "today">;

export interface LineOutcome {
  id: number;
  category: LineCategory;
  /** The line of the other side it is paired with (POS ↔ statement), whatever its category. */
  matchedLineId: number | null;
  rule: MatchRule | null;
  /**
   * POS only: for a void or reversal, the sale it cancels; for a refund, the original sale named by
   * its original rrn/trace. Null otherwise (and always null on statement lines).
   */
  originalLineId: number | null;
}

/** The lines finance works on together; the job upserts one exception row per `key`. */
export interface ExceptionGroup {
  key: string;
  category: LineCategory;
  posLineIds: number[];
  statementLineIds: number[];
  tid: string;
  batchNo: string | null;
  day: LocalDate;
  /** The money at stake: see exception-groups.ts for what it is per category. */
  amountMinor: number;
}

export interface MatchResult {
  pos: LineOutcome[];
  statement: LineOutcome[];
  groups: ExceptionGroup[];
}
