// Synthetic reconciliation files with a known outcome: a POS journal, an acquirer statement and
// a bank account statement, as a Chinese acquirer and bank export them (GB18030, CRLF, a title
// line above the header, quoted amounts like "1,280.50", a 合计 total line below the data), plus
// UTF-8 copies (DuckDB cannot read GB18030 offline). Written streaming, one day at a time: a
// million lines never sit in memory. Used by `npm run bench:reconcile` and by tests.
//
//   const result = await generateReconFiles({ dir, rows: 100_000, seed: 1 });
//   result.files.pos.gb18030, result.expected.pos.matched, result.expected.settlements.credit_short …
//
// Every line is made for one outcome under issue 8's matching rules (lib/reconciliation/match):
// rrn → batch + trace → same amount within ±10 minutes (nearest first, a tie is ambiguous); a void
// cancels its sale (original trace and rrn given); a duplicate is the later of two approved sales
// on one terminal with the same card and amount within 120 s; an approved sale signed N is
// unsigned even when it settled; precedence declined > voided > duplicate > unsigned > pairing; a
// POS line of day D is pos_only once today > D + 1 (the days end three days before `today`).
// Amounts are unique per terminal and day except where an outcome needs two equal ones, so no
// line can pair, tie or duplicate by accident. Times stay between 08:00 and 23:10, so a ±10 minute
// window never crosses midnight.
import fs from "node:fs";
import path from "node:path";
import { gb18030Binary } from "./gb18030.mjs";
import { mulberry32 } from "./random.mjs";

export const POS_HEADER = [
  "交易时间",
  "商户号",
  "终端号",
  "卡号",
  "交易类型",
  "交易金额",
  "参考号",
  "授权码",
  "凭证号",
  "批次号",
  "交易状态",
  "是否签名",
  "操作员",
  "原参考号",
  "原凭证号",
];
export const STATEMENT_HEADER = [
  "清算日期",
  "交易时间",
  "商户号",
  "终端号",
  "卡号",
  "交易类型",
  "交易金额",
  "手续费",
  "结算金额",
  "参考号",
  "凭证号",
  "批次号",
];
export const BANK_HEADER = ["交易日期", "交易时间", "摘要", "对方户名", "借方金额", "贷方金额", "余额"];

/** Rows above the header in every generated file. */
export const TITLE_LINES = 1;

/** Share of the POS events (not lines) per outcome; matched by rrn takes the rest. */
export const SHARES = {
  matched_trace: 0.02,
  matched_window: 0.02,
  amount_mismatch: 0.005,
  pos_only: 0.01,
  duplicate: 0.005,
  unsigned: 0.01,
  voided: 0.005,
  declined: 0.01,
  ambiguous: 0.002,
};
const SPECIAL_KINDS = Object.keys(SHARES);
/** POS lines each kind of event writes (matched_rrn: 1). */
const POS_LINES_OF = { duplicate: 2, voided: 2, ambiguous: 2 };

const ACQUIRER = "银联商务股份有限公司";
const CARD_BINS = ["622202", "622848", "621700", "436742", "622700", "625807", "518710", "403391", "621483", "622588"];
const DAY_START = 8 * 3600;
const LATEST_TIME = 23 * 3600;

/** Deterministic pseudo-random numbers. */
function randomFrom(seed) {
  const next = mulberry32(seed);
  return { next, int: (from, to) => from + Math.floor(next() * (to - from + 1)) };
}

const pad = (value, width) => String(value).padStart(width, "0");

function addDays(date, days) {
  const [y, m, d] = date.split("-").map(Number);
  return new Date(Date.UTC(y, m - 1, d) + days * 86_400_000).toISOString().slice(0, 10);
}

/** The date in Asia/Shanghai now, "YYYY-MM-DD" (the merchant's today). */
export function shanghaiToday(now = new Date()) {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai" }).format(now);
}

const clock = (seconds) =>
  `${pad(Math.floor(seconds / 3600), 2)}:${pad(Math.floor(seconds / 60) % 60, 2)}:${pad(seconds % 60, 2)}`;

/** "1,280.50" from 128050 (fen), with the minus sign first. */
export function formatYuan(minor) {
  const sign = minor < 0 ? "-" : "";
  const abs = Math.abs(minor);
  const yuan = String(Math.floor(abs / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return `${sign}${yuan}.${pad(abs % 100, 2)}`;
}

const csvCell = (value) => (/[",]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value);

/**
 * One CSV file in up to two encodings, buffered and written with back-pressure. Runs of non-ASCII
 * characters (a handful of distinct words) are encoded to GB18030 once and cached.
 */
class CsvOut {
  constructor(paths) {
    this.streams = {};
    this.buffers = {};
    this.gbCache = new Map();
    for (const [encoding, file] of Object.entries(paths)) {
      if (!file) continue;
      this.streams[encoding] = fs.createWriteStream(file);
      this.buffers[encoding] = [];
    }
    this.pending = 0;
  }

  gbRun = (run) => {
    let encoded = this.gbCache.get(run);
    if (encoded === undefined) {
      encoded = gb18030Binary(run);
      if (this.gbCache.size < 10_000) this.gbCache.set(run, encoded);
    }
    return encoded;
  };

  async row(cells) {
    const line = `${cells.map(csvCell).join(",")}\r\n`;
    if (this.buffers.utf8) this.buffers.utf8.push(line);
    if (this.buffers.gb18030) this.buffers.gb18030.push(line.replace(NON_ASCII_RUN, this.gbRun));
    if (++this.pending >= 4096) await this.flush();
  }

  async flush() {
    this.pending = 0;
    for (const [encoding, stream] of Object.entries(this.streams)) {
      const parts = this.buffers[encoding];
      if (parts.length === 0) continue;
      const chunk = Buffer.from(parts.join(""), encoding === "utf8" ? "utf8" : "latin1");
      this.buffers[encoding] = [];
      if (!stream.write(chunk)) await new Promise((resolve) => stream.once("drain", resolve));
    }
  }

  async close() {
    await this.flush();
    await Promise.all(
      Object.values(this.streams).map(
        (stream) =>
          new Promise((resolve, reject) => {
            stream.once("error", reject);
            stream.end(resolve);
          }),
      ),
    );
  }
}

const NON_ASCII_RUN = /[\u0080-\uffff]+/g;

/** Terminals per store and how many of each for `rows` (smaller files get fewer, busier ones). */
function layoutFor(rows, options) {
  const terminals = options.terminals ?? Math.min(200, Math.max(4, Math.round(rows / 5000)));
  const stores = options.stores ?? Math.max(2, Math.min(50, Math.floor(terminals / 4)));
  const days = options.days ?? Math.min(30, Math.max(3, Math.floor(rows / (terminals * 20))));
  return { terminals, stores, days };
}

/**
 * Writes the three files into `dir` and returns their paths and the expected outcome.
 *
 * Options: rows (POS lines = statement lines = rows), seed (1), encoding ("both" | "gb18030" |
 * "utf8"), today ("YYYY-MM-DD", default Shanghai's today), terminals / stores / days (default
 * scaled to rows: 200 terminals in 50 stores over 30 days from 1,000,000 rows).
 */
export async function generateReconFiles(options) {
  const { dir, rows } = options;
  if (!Number.isInteger(rows) || rows < 200) throw new Error("rows must be an integer of at least 200");
  const seed = options.seed ?? 1;
  const encoding = options.encoding ?? "both";
  const today = options.today ?? shanghaiToday();
  const random = randomFrom(seed);
  const layout = layoutFor(rows, options);
  fs.mkdirSync(dir, { recursive: true });

  // Merchant ids, stores and terminals: the first half of the stores settle under one acquirer
  // merchant id, the rest under another (fee rates 0.38 % and 0.60 %).
  const merchantIds = [
    { mid: "898310048160001", feeBasisPoints: 38 },
    { mid: "898310048160002", feeBasisPoints: 60 },
  ];
  const stores = [];
  const terminals = [];
  for (let s = 0; s < layout.stores; s++) {
    stores.push({ code: pad(s + 1, 3), name: `门店 ${pad(s + 1, 3)}`, tids: [] });
  }
  for (let t = 0; t < layout.terminals; t++) {
    const store = stores[t % layout.stores];
    const merchant = merchantIds[t % layout.stores < layout.stores / 2 ? 0 : 1];
    const terminal = {
      index: t,
      tid: String(66010001 + t),
      storeCode: store.code,
      mid: merchant.mid,
      feeBasisPoints: merchant.feeBasisPoints,
      trace: random.int(1, 900),
    };
    store.tids.push(terminal.tid);
    terminals.push(terminal);
  }
  const lastDay = addDays(today, -3);
  const firstDay = addDays(lastDay, -(layout.days - 1));
  const txDays = Array.from({ length: layout.days }, (_, i) => addDays(firstDay, i));
  // One terminal's whole batch of one day never reaches the statement.
  const missingBatch = { day: Math.min(1, layout.days - 1), terminal: Math.min(3, layout.terminals - 1) };

  const file = (name, suffix) => path.join(dir, `${name}${suffix}.csv`);
  const wants = (which) => encoding === "both" || encoding === which;
  const files = {};
  for (const name of ["pos-journal", "statement", "bank-credit"]) {
    files[name] = {
      gb18030: wants("gb18030") ? file(name, ".gb18030") : null,
      utf8: wants("utf8") ? file(name, ".utf8") : null,
    };
  }
  const posOut = new CsvOut(files["pos-journal"]);
  const statementOut = new CsvOut(files.statement);

  await posOut.row([`POS交易流水明细 ${firstDay} 至 ${lastDay}`, ...Array(POS_HEADER.length - 1).fill("")]);
  await posOut.row(POS_HEADER);
  await statementOut.row([
    `收单机构对账单 ${ACQUIRER} 清算日期 ${addDays(firstDay, 1)} 至 ${addDays(lastDay, 1)}`,
    ...Array(STATEMENT_HEADER.length - 1).fill(""),
  ]);
  await statementOut.row(STATEMENT_HEADER);

  const expected = {
    pos: {
      matched: 0,
      amount_mismatch: 0,
      pos_only: 0,
      duplicate: 0,
      unsigned: 0,
      ambiguous: 0,
      voided: 0,
      declined: 0,
    },
    statement: { matched: 0, amount_mismatch: 0, statement_only: 0, ambiguous: 0 },
    /** How the paired POS lines were paired (matched, amount_mismatch, unsigned, duplicate alike). */
    posRules: { rrn: 0, trace: 0, window: 0 },
    bank: { matched: 0, credit_unexplained: 0 },
    settlements: { credited: 0, credit_short: 0, credit_missing: 0 },
    /** Exception groups of pos_only: one per line, except the missing batch (one for all). */
    posOnlyGroups: 0,
    missingBatchLines: 0,
  };
  const events = Object.fromEntries(["matched_rrn", ...SPECIAL_KINDS].map((kind) => [kind, 0]));
  const totals = { posAmount: 0, statementAmount: 0, fee: 0, net: 0 };
  /** Net per (merchant id, settle date). */
  const settlementNet = new Map();
  let rrnCounter = 0;
  let statementOnlyCounter = 0;
  let posLines = 0;
  let statementLines = 0;

  const card = () => `${CARD_BINS[random.int(0, CARD_BINS.length - 1)]}******${pad(random.int(0, 9999), 4)}`;
  const authCode = () => pad(random.int(0, 999_999), 6);
  const operator = () => pad(random.int(1, 4), 2);

  const perDay = Math.floor(rows / layout.days);
  for (let dayIndex = 0; dayIndex < layout.days; dayIndex++) {
    const day = txDays[dayIndex];
    const settleDate = addDays(day, 1);
    const batchNo = pad(100 + dayIndex, 6);
    const dayQuota = perDay + (dayIndex < rows % layout.days ? 1 : 0);
    const posRows = [];
    const statementRows = [];
    const usedAmounts = terminals.map(() => new Set());
    const freshAmount = (terminal) => {
      const used = usedAmounts[terminal.index];
      for (;;) {
        // Most payments are small: ¥1–¥600, a few up to ¥20,000.
        const minor = random.next() < 0.9 ? random.int(100, 60_000) : random.int(60_001, 2_000_000);
        if (!used.has(minor)) {
          used.add(minor);
          return minor;
        }
      }
    };

    for (let t = 0; t < layout.terminals; t++) {
      const terminal = terminals[t];
      const quota = Math.floor(dayQuota / layout.terminals) + (t < dayQuota % layout.terminals ? 1 : 0);
      const isMissingBatch = dayIndex === missingBatch.day && t === missingBatch.terminal;
      // The first terminal's first day opens with one event of each kind, so small files have all.
      const forced = dayIndex === 0 && t === 0 && !isMissingBatch ? [...SPECIAL_KINDS] : [];
      const meanGap = Math.max(2, Math.floor((12.5 * 3600) / Math.max(1, quota)));
      let at = DAY_START + random.int(0, 600);
      let left = quota;
      const terminalPos = [];
      while (left > 0) {
        let kind = forced.shift();
        if (kind === undefined) {
          kind = "matched_rrn";
          if (!isMissingBatch) {
            let roll = random.next();
            for (const candidate of SPECIAL_KINDS) {
              roll -= SHARES[candidate];
              if (roll < 0) {
                kind = candidate;
                break;
              }
            }
          }
        }
        if ((POS_LINES_OF[kind] ?? 1) > left) kind = "matched_rrn";
        at = Math.min(LATEST_TIME, at + random.int(1, 2 * meanGap));
        events[kind]++;
        const amount = freshAmount(terminal);
        const sale = (time, overrides = {}) => ({
          seconds: time,
          card: card(),
          type: "消费",
          amount,
          rrn: `6${pad(++rrnCounter, 11)}`,
          auth: authCode(),
          approved: true,
          signed: true,
          operator: operator(),
          origRrn: "",
          origTrace: "",
          ...overrides,
        });
        // `settle`: the statement's copy of a POS line; rrn / trace / batch blanked as the rule needs.
        const settle = (line, how = {}) => ({ line, ...how });
        switch (isMissingBatch ? "missing_batch" : kind) {
          case "missing_batch": {
            terminalPos.push({ ...sale(at), expect: "pos_only" });
            expected.missingBatchLines++;
            break;
          }
          case "matched_rrn": {
            const line = sale(at);
            terminalPos.push({ ...line, expect: "matched", rule: "rrn", settle: settle(line) });
            break;
          }
          case "matched_trace": {
            const line = sale(at);
            terminalPos.push({ ...line, expect: "matched", rule: "trace", settle: settle(line, { noRrn: true }) });
            break;
          }
          case "matched_window": {
            const line = sale(at);
            const shift = random.int(60, 540) * (random.next() < 0.5 ? -1 : 1);
            terminalPos.push({
              ...line,
              expect: "matched",
              rule: "window",
              settle: settle(line, { noRrn: true, noTrace: true, noBatch: true, shift }),
            });
            break;
          }
          case "amount_mismatch": {
            const line = sale(at);
            const off = random.int(1, Math.min(5000, amount - 1)) * (random.next() < 0.5 ? -1 : 1);
            terminalPos.push({
              ...line,
              expect: "amount_mismatch",
              rule: "rrn",
              settle: settle(line, { amount: amount + off }),
            });
            break;
          }
          case "pos_only":
            terminalPos.push({ ...sale(at), expect: "pos_only" });
            expected.posOnlyGroups++;
            break;
          case "unsigned": {
            const line = sale(at, { signed: false });
            terminalPos.push({ ...line, expect: "unsigned", rule: "rrn", settle: settle(line) });
            break;
          }
          case "declined":
            terminalPos.push({ ...sale(at, { approved: false, auth: "", signed: false }), expect: "declined" });
            break;
          case "duplicate": {
            // The same card swiped twice for the same amount within a minute or so: both settle.
            const first = sale(at);
            at += random.int(20, 100);
            const second = sale(at, { card: first.card });
            terminalPos.push({ ...first, expect: "matched", rule: "rrn", settle: settle(first) });
            terminalPos.push({ ...second, expect: "duplicate", rule: "rrn", settle: settle(second) });
            break;
          }
          case "voided": {
            // A void of the same batch naming its sale by original rrn and trace (set below).
            const first = { ...sale(at), expect: "voided" };
            at += random.int(30, 600);
            terminalPos.push(first);
            terminalPos.push({ ...sale(at, { type: "撤销", card: first.card, isVoidOf: first }), expect: "voided" });
            break;
          }
          case "ambiguous": {
            // Two sales of one amount (different cards) and a statement line with no references
            // exactly half-way between them: equally near, so nobody guesses.
            // (over 60 s either side, so the pair is not a duplicate even on one card)
            const half = random.int(61, 300);
            const first = sale(at);
            const second = sale(at + 2 * half);
            terminalPos.push({
              ...first,
              expect: "ambiguous",
              settle: settle(first, { noRrn: true, noTrace: true, noBatch: true, shift: half, ambiguousAnchor: true }),
            });
            terminalPos.push({ ...second, expect: "ambiguous" });
            at += 2 * half;
            break;
          }
          default:
            throw new Error(`unknown kind ${kind}`);
        }
        left -= POS_LINES_OF[kind] ?? 1;
      }

      // Trace numbers in time order along the terminal (they run on across batches).
      for (const line of terminalPos) {
        line.trace = pad(terminal.trace, 6);
        terminal.trace = terminal.trace >= 999_999 ? 1 : terminal.trace + 1;
        if (line.isVoidOf) {
          line.origRrn = line.isVoidOf.rrn;
          line.origTrace = line.isVoidOf.trace;
        }
      }
      for (const line of terminalPos) {
        const time = `${day} ${clock(line.seconds)}`;
        expected.pos[line.expect]++;
        if (line.rule) expected.posRules[line.rule]++;
        posRows.push({
          seconds: line.seconds,
          cells: [
            time,
            terminal.mid,
            terminal.tid,
            line.card,
            line.type,
            formatYuan(line.amount),
            line.rrn,
            line.auth,
            line.trace,
            batchNo,
            line.approved ? "成功" : "失败",
            line.signed ? "是" : "否",
            line.operator,
            line.origRrn,
            line.origTrace,
          ],
        });
        totals.posAmount += line.amount;
        if (!line.settle) continue;
        const how = line.settle;
        const amount = how.amount ?? line.amount;
        statementRows.push(
          statementRow({
            terminal,
            settleDate,
            seconds: line.seconds + (how.shift ?? 0),
            day,
            card: line.card,
            amount,
            rrn: how.noRrn ? "" : line.rrn,
            trace: how.noTrace ? "" : line.trace,
            batchNo: how.noBatch ? "" : batchNo,
          }),
        );
        if (line.expect === "ambiguous") expected.statement.ambiguous++;
        else expected.statement[line.expect === "amount_mismatch" ? "amount_mismatch" : "matched"]++;
      }
      posLines += terminalPos.length;
    }

    // The statement is as long as the journal: the lines that never settle (pos_only, voided,
    // declined, the missing batch, the second of an ambiguous pair) are made up by settled lines
    // with no till record, on any terminal but the missing batch's.
    while (statementRows.length < posRows.length) {
      let t = random.int(0, layout.terminals - 1);
      if (dayIndex === missingBatch.day && t === missingBatch.terminal) t = (t + 1) % layout.terminals;
      const terminal = terminals[t];
      statementOnlyCounter++;
      statementRows.push(
        statementRow({
          terminal,
          settleDate,
          seconds: random.int(DAY_START, 22 * 3600),
          day,
          card: card(),
          amount: freshAmount(terminal),
          rrn: `9${pad(statementOnlyCounter, 11)}`,
          trace: pad(900_000 + (statementOnlyCounter % 99_999), 6),
          batchNo,
        }),
      );
      expected.statement.statement_only++;
    }

    // Each file in time order within the day, as exports come.
    posRows.sort((a, b) => a.seconds - b.seconds);
    for (const row of posRows) await posOut.row(row.cells);
    statementRows.sort((a, b) => a.seconds - b.seconds);
    for (const row of statementRows) {
      await statementOut.row(row.cells);
      totals.statementAmount += row.amount;
      totals.fee += row.fee;
      totals.net += row.net;
      const key = `${row.mid}|${settleDate}`;
      settlementNet.set(key, (settlementNet.get(key) ?? 0) + row.net);
    }
    statementLines += statementRows.length;
  }
  if (expected.missingBatchLines > 0) expected.posOnlyGroups++;

  const posTotal = [`合计`, "", "", `共 ${posLines} 笔`, "", formatYuan(totals.posAmount), ...Array(9).fill("")];
  await posOut.row(posTotal);
  await posOut.close();
  await statementOut.row([
    "合计",
    "",
    "",
    `共 ${statementLines} 笔`,
    "",
    "",
    formatYuan(totals.statementAmount),
    formatYuan(totals.fee),
    formatYuan(totals.net),
    "",
    "",
    "",
  ]);
  await statementOut.close();

  const bank = await writeBankFile({
    out: new CsvOut(files["bank-credit"]),
    settlementNet,
    merchantIds,
    txDays,
    random,
    expected,
  });

  return {
    files: {
      pos: files["pos-journal"],
      statement: files.statement,
      bank: files["bank-credit"],
    },
    lines: { pos: posLines, statement: statementLines, bankCredits: bank.credits, bankRows: bank.rows },
    expected,
    events,
    totals: { ...totals, bankCredits: bank.creditTotal },
    today,
    days: { first: firstDay, last: lastDay, count: layout.days },
    settleDates: { first: addDays(firstDay, 1), last: addDays(lastDay, 1) },
    merchantIds: merchantIds.map((merchant) => merchant.mid),
    stores: stores.map(({ code, name, tids }) => ({ code, name, tids })),
    missingBatch: {
      tid: terminals[missingBatch.terminal].tid,
      day: txDays[missingBatch.day],
      batchNo: pad(100 + missingBatch.day, 6),
    },
    titleLines: TITLE_LINES,
  };
}

function statementRow({ terminal, settleDate, seconds, day, card, amount, rrn, trace, batchNo }) {
  const fee = Math.floor((amount * terminal.feeBasisPoints + 5000) / 10_000);
  const net = amount - fee;
  return {
    seconds,
    amount,
    fee,
    net,
    mid: terminal.mid,
    cells: [
      settleDate.replaceAll("-", ""),
      `${day} ${clock(seconds)}`,
      terminal.mid,
      terminal.tid,
      card,
      "消费",
      formatYuan(amount),
      formatYuan(fee),
      formatYuan(net),
      rrn,
      trace,
      batchNo,
    ],
  };
}

/**
 * One credit per settle date and merchant id on the next day, paying that date's net total —
 * except: one missing (the second settle date of the first merchant id), some short (every
 * seventh settle date from the seventh, merchant ids in turn, so no two are within a credit
 * window of each other or of the missing one), and one credit nothing explains (larger than any
 * total, so it cannot pass for a short payment). Two debit lines (no credit amount) are not
 * credits at all.
 */
async function writeBankFile({ out, settlementNet, merchantIds, txDays, random, expected }) {
  const rows = [];
  let maxTotal = 0;
  for (const total of settlementNet.values()) maxTotal = Math.max(maxTotal, total);
  let balance = 5_000_000_00;
  const credit = (date, amountMinor, memo) => rows.push({ date, credit: amountMinor, memo });
  txDays.forEach((day, index) => {
    const settleDate = addDays(day, 1);
    const creditDate = addDays(settleDate, 1);
    merchantIds.forEach((merchant, m) => {
      const net = settlementNet.get(`${merchant.mid}|${settleDate}`);
      if (net === undefined) return;
      if (index === 1 && m === 0) {
        expected.settlements.credit_missing++;
        return;
      }
      const memo = `${ACQUIRER.slice(0, 4)}清算款 ${merchant.mid} ${settleDate.replaceAll("-", "")}`;
      if (index >= 7 && (index - 7) % 7 === 0 && m === ((index - 7) / 7) % 2) {
        const short = Math.max(1, Math.min(Math.floor(net / 10), random.int(1_000, 250_000)));
        credit(creditDate, net - short, memo);
        expected.settlements.credit_short++;
      } else {
        credit(creditDate, net, memo);
        expected.settlements.credited++;
      }
      expected.bank.matched++;
    });
  });
  const unexplainedDate = addDays(txDays[Math.min(4, txDays.length - 1)], 2);
  credit(unexplainedDate, maxTotal + random.int(1_000_000, 5_000_000), "往来款");
  expected.bank.credit_unexplained++;
  rows.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  // Two debits between the credits: payroll and a transfer out.
  const debitAt = Math.floor(rows.length / 3);
  rows.splice(debitAt, 0, { date: rows[debitAt].date, debit: 12_800_000, memo: "代发工资" });
  rows.splice(2 * debitAt, 0, { date: rows[2 * debitAt].date, debit: 3_450_050, memo: "转账支出" });

  await out.row([`账户明细 户名 示例商贸有限公司 账号尾号 7890`, ...Array(BANK_HEADER.length - 1).fill("")]);
  await out.row(BANK_HEADER);
  let creditTotal = 0;
  let debitTotal = 0;
  let seconds = 9 * 3600;
  for (const row of rows) {
    seconds = seconds >= 17 * 3600 ? 9 * 3600 : seconds + random.int(60, 1800);
    if (row.credit !== undefined) {
      balance += row.credit;
      creditTotal += row.credit;
    } else {
      balance -= row.debit;
      debitTotal += row.debit;
    }
    await out.row([
      row.date.replaceAll("-", ""),
      clock(seconds),
      row.memo,
      row.credit !== undefined ? ACQUIRER : "",
      row.debit !== undefined ? formatYuan(row.debit) : "",
      row.credit !== undefined ? formatYuan(row.credit) : "",
      formatYuan(balance),
    ]);
  }
  await out.row(["合计", "", `共 ${rows.length} 笔`, "", formatYuan(debitTotal), formatYuan(creditTotal), ""]);
  await out.close();
  return { credits: rows.length - 2, rows: rows.length, creditTotal };
}
