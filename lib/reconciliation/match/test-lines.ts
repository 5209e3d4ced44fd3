// Builders for the matcher's tests: a POS or statement line with sensible defaults, overridden
// field by field, so that each test states only what it is about.
import type { MatchOptions, PosLine, StatementLine } from "./match-transactions";

export const OPTIONS: MatchOptions = {
  windowMinutes: 10,
  duplicateWindowSeconds: 120,
  today: "2026-11-30",
  settleLagDays: 1,
};

export function posLine(id: number, fields: Partial<PosLine> = {}): PosLine {
  return {
    id,
    tid: "T0000001",
    txAt: "2026-11-20 10:00:00",
    cardMasked: null,
    txType: "sale",
    amountMinor: 12_800,
    rrn: null,
    traceNo: null,
    batchNo: "000001",
    approved: true,
    signed: null,
    origRrn: null,
    origTrace: null,
    ...fields,
  };
}

export function statementLine(id: number, fields: Partial<StatementLine> = {}): StatementLine {
  return {
    id,
    tid: "T0000001",
    txAt: "2026-11-20 10:00:00",
    settleDate: "2026-11-21",
    txType: "sale",
    amountMinor: 12_800,
    rrn: null,
    traceNo: null,
    batchNo: null,
    cardMasked: null,
    ...fields,
  };
}
