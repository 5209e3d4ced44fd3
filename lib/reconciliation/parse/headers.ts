// Which column holds which field: the built-in header aliases (English and Chinese, any order,
// case, spacing and unit suffix ignored) or a saved custom format's mapping, and finding the header
// row among the title lines above it. Pure.
import { REQUIRED_FIELDS } from "@/lib/reconciliation/parse/required-fields";
import type { AmountUnit, CustomFormat, FieldName, ImportType } from "@/lib/reconciliation/types";

/**
 * Aliases per field, most specific first: when two columns claim one field, the one whose alias
 * comes earlier wins (a bank file's 贷方金额 over a signed 金额 column). The first English and the
 * first Chinese alias name the column in a "missing column" error.
 */
const COMMON: Partial<Record<FieldName, string[]>> = {
  txAt: ["time", "交易时间", "交易日期时间", "时间", "datetime", "transaction time", "tx time", "交易时刻"],
  date: ["date", "交易日期", "日期", "transaction date"],
  // No alias of its own: a time column beside a date column is taken as txAt and combined with the
  // date (see RecordReader.txAt); `time` is there for custom formats.
  time: [],
  acquirerMid: ["merchant id", "商户号", "商户编号", "mid", "merchant no", "商户代码"],
  tid: ["terminal id", "终端号", "终端编号", "tid", "terminal no", "终端代码"],
  card: ["card", "卡号", "交易卡号", "card no", "card number", "pan"],
  txType: ["type", "交易类型", "transaction type", "tx type"],
  amount: ["amount", "交易金额", "金额", "transaction amount"],
  rrn: ["rrn", "参考号", "系统参考号", "检索参考号", "reference no", "retrieval reference number"],
  traceNo: ["trace no", "凭证号", "流水号", "trace", "voucher no", "trace number"],
  batchNo: ["batch no", "批次号", "batch", "batch number"],
};

const ALIASES: Record<ImportType, Partial<Record<FieldName, string[]>>> = {
  pos_journal: {
    ...COMMON,
    authCode: ["auth code", "授权码", "authorization code", "approval code"],
    status: ["status", "交易状态", "应答", "应答码", "response code", "result", "交易结果"],
    signed: ["signed", "是否签名", "签名", "signature"],
    operator: ["operator", "操作员", "收银员", "cashier"],
    origRrn: ["original rrn", "原参考号", "原系统参考号", "orig rrn"],
    origTrace: ["original trace", "原凭证号", "原流水号", "original trace no", "orig trace"],
  },
  statement: {
    ...COMMON,
    settleDate: ["settle date", "清算日期", "结算日期", "settlement date"],
    fee: ["fee", "手续费", "fee amount"],
    net: ["net", "结算金额", "清算金额", "net amount", "settlement amount"],
  },
  bank_credit: {
    date: ["date", "交易日期", "记账日期", "入账日期", "日期", "transaction date", "posting date"],
    amount: ["credit", "收入金额", "贷方金额", "贷方发生额", "credit amount", "amount", "金额", "交易金额"],
    memo: ["memo", "摘要", "用途", "附言", "remark", "remarks", "description"],
    counterparty: ["counterparty", "对方户名", "对方账户名称", "对方名称", "对方账户名", "payer"],
  },
};

/** Lower case; spaces, `_ - . : *` and a unit in brackets (`交易金额(元)`, `Amount (CNY)`) removed. */
export function normaliseHeader(cell: string): string {
  let out = "";
  let depth = 0;
  for (let i = 0; i < cell.length; i++) {
    const char = cell[i];
    if (char === "(" || char === "（" || char === "[" || char === "【") depth++;
    else if (char === ")" || char === "）" || char === "]" || char === "】") depth = Math.max(0, depth - 1);
    else if (depth === 0 && !" \t\u3000\u00a0_-.:：*#\ufeff".includes(char)) out += char.toLowerCase();
  }
  return out;
}

interface AliasEntry {
  field: FieldName;
  rank: number;
}

const LOOKUP: Record<ImportType, Map<string, AliasEntry>> = {
  pos_journal: buildLookup(ALIASES.pos_journal),
  statement: buildLookup(ALIASES.statement),
  bank_credit: buildLookup(ALIASES.bank_credit),
};

function buildLookup(aliases: Partial<Record<FieldName, string[]>>): Map<string, AliasEntry> {
  const lookup = new Map<string, AliasEntry>();
  for (const [field, names] of Object.entries(aliases) as [FieldName, string[]][]) {
    names.forEach((name, rank) => {
      const key = normaliseHeader(name);
      if (!lookup.has(key)) lookup.set(key, { field, rank });
    });
  }
  return lookup;
}

/** Column index per field (absent fields absent). */
export type ColumnMap = Partial<Record<FieldName, number>>;

export interface HeaderMatch {
  columns: ColumnMap;
  /** Required fields that no column provides, as the header name a person would look for. */
  missing: string[];
  matched: number;
}

/** Maps one row's cells to fields with the built-in aliases or the custom format's mapping. */
export function matchHeader(cells: string[], type: ImportType, format?: CustomFormat | null): HeaderMatch {
  const columns: ColumnMap = {};
  const ranks: Partial<Record<FieldName, number>> = {};
  let matched = 0;
  if (format) {
    const wanted = new Map<string, FieldName>();
    for (const [field, header] of Object.entries(format.mapping) as [FieldName, string | undefined][]) {
      if (header) wanted.set(normaliseHeader(header), field);
    }
    cells.forEach((cell, index) => {
      const field = wanted.get(normaliseHeader(cell));
      if (field && columns[field] === undefined) {
        columns[field] = index;
        matched++;
      }
    });
  } else {
    const lookup = LOOKUP[type];
    cells.forEach((cell, index) => {
      const entry = lookup.get(normaliseHeader(cell));
      if (!entry) return;
      const previous = ranks[entry.field];
      if (previous === undefined) matched++;
      if (previous === undefined || entry.rank < previous) {
        columns[entry.field] = index;
        ranks[entry.field] = entry.rank;
      }
    });
  }
  const chinese = cells.some((cell) => /[\u4e00-\u9fff]/.test(cell));
  const missing: string[] = [];
  for (const need of REQUIRED_FIELDS[type]) {
    const options: readonly FieldName[] = typeof need === "string" ? [need] : need;
    if (options.some((field) => columns[field] !== undefined)) continue;
    // A format that maps the date (beside a time) and not the date-time is missing its date column.
    const field = options.find((option) => format?.mapping[option]) ?? options[0];
    missing.push(expectedHeader(field, type, format, chinese));
  }
  return { columns, missing, matched };
}

/**
 * The header a person would look for: the format's own, else the first alias in the language asked
 * for — never the field's name in the code ("txAt"), which no file has.
 */
export function expectedHeader(
  field: FieldName,
  type: ImportType,
  format: CustomFormat | null | undefined,
  chinese: boolean,
): string {
  const own = format?.mapping[field];
  if (own) return own;
  const names = ALIASES[type][field] ?? [field];
  return names.find((name) => /[\u4e00-\u9fff]/.test(name) === chinese) ?? names[0] ?? field;
}

/** Count columns a total line may carry its line count in (`笔数`, `Count`). */
const COUNT_HEADERS = new Set(["笔数", "总笔数", "交易笔数", "条数", "记录数", "count", "items", "rows"]);

export function isCountHeader(cell: string): boolean {
  return COUNT_HEADERS.has(normaliseHeader(cell));
}

/**
 * How strongly a row looks like a header of any type (the preview does not know the type yet):
 * the most aliases it matches for one type.
 */
export function headerScore(cells: string[]): number {
  let best = 0;
  for (const type of ["pos_journal", "statement", "bank_credit"] as const) {
    best = Math.max(best, matchHeader(cells, type).matched);
  }
  return best;
}

/** Text in brackets after a header (`交易金额(分)`, `Amount [CNY]`, `交易金额（单位：分）`). */
const BRACKETED = /[(（[【]([^)）\]】]*)[)）\]】]/g;
// Between the words of a bracket: `(CNY, fen)`, `(元/笔)`, `（单位：分）`, `(in cents)`.
const UNIT_SEPARATORS = /[\s,，、/:：]+/;
// The words around a unit in a Chinese phrase: （单位为分）, （以分为单位）, （以元计）.
const UNIT_PHRASE = /^(?:单位(?:为|是)?|以)|(?:为单位|计)$/g;
const FEN_WORDS = new Set(["分", "fen", "cent", "cents"]);
// Currency names count as yuan only when no fen word is beside them: `Amount (CNY, fen)` is fen.
const YUAN_WORDS = new Set(["元", "人民币元", "人民币", "yuan", "cny", "rmb", "¥", "￥"]);

/**
 * The unit the header's amount columns (amount, fee, net) say their amounts are in: `交易金额(分)`
 * holds 128050 for ¥1,280.50, which read as yuan would be a hundred times too much. Null when no
 * column says; "mixed" when two say different units.
 */
export function statedAmountUnit(header: string[], columns: ColumnMap): AmountUnit | "mixed" | null {
  let unit: AmountUnit | null = null;
  for (const field of ["amount", "fee", "net"] as const) {
    const index = columns[field];
    if (index === undefined) continue;
    const stated = columnUnit(header[index] ?? "");
    if (stated === null) continue;
    if (unit !== null && unit !== stated) return "mixed";
    unit = stated;
  }
  return unit;
}

/**
 * One column's unit from the words in its brackets; words that are no unit (单位, unit, in, 笔) are
 * passed over. A fen word wins over a yuan word: beside it, CNY names the currency, not the unit.
 */
function columnUnit(cell: string): AmountUnit | null {
  let yuan = false;
  for (const [, inside] of cell.matchAll(BRACKETED)) {
    for (const piece of inside.toLowerCase().split(UNIT_SEPARATORS)) {
      const word = piece.replace(UNIT_PHRASE, "");
      if (FEN_WORDS.has(word)) return "fen";
      if (YUAN_WORDS.has(word)) yuan = true;
    }
  }
  return yuan ? "yuan" : null;
}
