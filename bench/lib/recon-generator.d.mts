// Types of bench/lib/recon-generator.mjs, for the TypeScript tests that import it.

export interface GenerateOptions {
  /** Folder the files are written into (created if missing). */
  dir: string;
  /** POS journal lines; the statement has as many. At least 200. */
  rows: number;
  /** Seed of the pseudo-random numbers (default 1): the same options give the same bytes. */
  seed?: number;
  /** Which copies to write (default "both"). */
  encoding?: "both" | "gb18030" | "utf8";
  /** The merchant's today, "YYYY-MM-DD" (default: today in Asia/Shanghai). Days end 3 days before. */
  today?: string;
  terminals?: number;
  stores?: number;
  days?: number;
}

export interface FilePair {
  gb18030: string | null;
  utf8: string | null;
}

export interface ExpectedOutcome {
  pos: {
    matched: number;
    amount_mismatch: number;
    pos_only: number;
    duplicate: number;
    unsigned: number;
    ambiguous: number;
    voided: number;
    declined: number;
  };
  statement: { matched: number; amount_mismatch: number; statement_only: number; ambiguous: number };
  /** How the paired POS lines were paired (whatever their category). */
  posRules: { rrn: number; trace: number; window: number };
  bank: { matched: number; credit_unexplained: number };
  settlements: { credited: number; credit_short: number; credit_missing: number };
  /** pos_only exception groups: one per line, and one for the whole missing batch. */
  posOnlyGroups: number;
  missingBatchLines: number;
}

export interface GeneratedFiles {
  files: { pos: FilePair; statement: FilePair; bank: FilePair };
  lines: { pos: number; statement: number; bankCredits: number; bankRows: number };
  expected: ExpectedOutcome;
  events: Record<string, number>;
  totals: { posAmount: number; statementAmount: number; fee: number; net: number; bankCredits: number };
  today: string;
  days: { first: string; last: string; count: number };
  settleDates: { first: string; last: string };
  merchantIds: string[];
  stores: { code: string; name: string; tids: string[] }[];
  missingBatch: { tid: string; day: string; batchNo: string };
  titleLines: number;
}

export const POS_HEADER: string[];
export const STATEMENT_HEADER: string[];
export const BANK_HEADER: string[];
export const TITLE_LINES: number;
export const SHARES: Record<string, number>;
export function shanghaiToday(now?: Date): string;
export function formatYuan(minor: number): string;
export function generateReconFiles(options: GenerateOptions): Promise<GeneratedFiles>;
