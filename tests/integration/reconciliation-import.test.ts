// The import job end to end on a real database: a POS journal, then an acquirer statement, then a
// bank file, each through runImport, with every line's category checked; a late statement that
// closes what it explains (and says so on a linked incident); refused files that leave nothing.
import "@/tests/integration/reconciliation-import-spool-dir";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { beforeAll, describe, expect, test } from "vitest";
import { verifyChain } from "@/lib/audit/verify-chain";
import { databaseProvider, prisma } from "@/lib/db/client";
import { env } from "@/lib/env";
import { enqueueJob } from "@/lib/jobs/enqueue-job";
import { runDueJobs } from "@/lib/jobs/worker";
import { merchantToday } from "@/lib/reconciliation/import/merchant-today";
import { runImport } from "@/lib/reconciliation/import/run-import";
import { spoolPathOf } from "@/lib/reconciliation/spool";
import { logIncident } from "@/tests/helpers/incidents";
import {
  csv,
  importFile,
  linesOf,
  longJournal,
  queueFile,
  STATEMENT_HEADER,
} from "@/tests/integration/reconciliation-import-fixtures";

const D = "2026-11-20";
const SETTLE = "2026-11-21";
const MID = "898310048160001";
const MID2 = "898310048160002";
const CARD = "622202******0128";
const today = merchantToday("Asia/Shanghai");

const POS_HEADER = [
  "交易时间",
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
  "原凭证号",
];
// Row number in the file (header = 1) → the line as [time, tid, card, type, amount, rrn, trace, batch, status, signed, origTrace].
const journal: [
  string,
  string,
  string | null,
  string,
  string,
  string | null,
  string,
  string,
  string,
  string,
  string | null,
][] = [
  [`${D} 10:00:00`, "T1000001", null, "消费", "100.00", "R001", "000001", "001", "成功", "是", null], // 2 matched by rrn
  [`${D} 10:05:00`, "T1000001", null, "消费", "200.00", null, "000002", "001", "成功", "是", null], // 3 by trace
  [`${D} 11:00:00`, "T1000001", null, "消费", "300.00", null, "000003", "001", "成功", "是", null], // 4 by window
  [`${D} 12:00:00`, "T1000001", null, "消费", "400.00", "R004", "000004", "001", "成功", "是", null], // 5 amount_mismatch
  [`${D} 13:00:00`, "T1000001", null, "消费", "500.00", "R005", "000005", "001", "成功", "是", null], // 6 pos_only
  [`${D} 15:00:00`, "T1000002", CARD, "消费", "700.00", "R007", "000007", "002", "成功", "是", null], // 7 matched
  [`${D} 15:01:00`, "T1000002", CARD, "消费", "700.00", "R008", "000008", "002", "成功", "是", null], // 8 duplicate
  [`${D} 16:00:00`, "T1000002", null, "消费", "800.00", "R009", "000009", "002", "成功", "否", null], // 9 unsigned
  [`${D} 16:30:00`, "T1000002", null, "消费", "900.00", "R010", "000010", "002", "成功", "是", null], // 10 voided
  [`${D} 16:31:00`, "T1000002", null, "撤销", "900.00", "R011", "000011", "002", "成功", "是", "000010"], // 11 voided (the void)
  [`${D} 17:00:00`, "T1000002", null, "消费", "50.00", "R012", "000012", "002", "失败", "是", null], // 12 declined
  [`${D} 09:55:00`, "T2000001", "622202******0001", "消费", "13.00", null, "000013", "008", "成功", "是", null], // 13 ambiguous
  [`${D} 10:05:00`, "T2000001", "622202******0002", "消费", "13.00", null, "000014", "008", "成功", "是", null], // 14 ambiguous
  [`${D} 18:00:00`, "T2000001", null, "消费", "10.00", "R015", "000015", "009", "成功", "是", null], // 15 batch 009 missing
  [`${D} 18:10:00`, "T2000001", null, "消费", "20.00", "R016", "000016", "009", "成功", "是", null], // 16 batch 009 missing
  [`${D} 18:20:00`, "T2000001", null, "消费", "30.00", "R017", "000017", "009", "成功", "是", null], // 17 batch 009 missing
  [`${today} 09:00:00`, "T1000001", null, "消费", "88.00", "R018", "000018", "003", "成功", "是", null], // 18 pending
  [`${D} 19:00:00`, "T1000001", null, "消费", "19.00", "R019", "000019", "001", "成功", "是", null], // 19 pos_only, later matched
];

type StatementRow = [
  string,
  string,
  string,
  string,
  string | null,
  string,
  string,
  string,
  string,
  string | null,
  string,
  string,
];
const statement: StatementRow[] = [
  [SETTLE, `${D} 10:00:00`, MID, "T1000001", null, "消费", "100.00", "0.00", "100.00", "R001", "000001", "001"], // 2
  [SETTLE, `${D} 10:05:00`, MID, "T1000001", null, "消费", "200.00", "0.00", "200.00", null, "000002", "001"], // 3
  [SETTLE, `${D} 11:04:00`, MID, "T1000001", null, "消费", "300.00", "0.00", "300.00", null, "900003", "001"], // 4
  [SETTLE, `${D} 12:00:00`, MID, "T1000001", null, "消费", "399.00", "0.00", "399.00", "R004", "000004", "001"], // 5
  [SETTLE, `${D} 14:00:00`, MID, "T1000001", null, "消费", "600.00", "0.00", "600.00", "R006", "000006", "001"], // 6 statement_only
  [SETTLE, `${D} 15:00:00`, MID, "T1000002", CARD, "消费", "700.00", "0.00", "700.00", "R007", "000007", "002"], // 7
  [SETTLE, `${D} 15:01:00`, MID, "T1000002", CARD, "消费", "700.00", "0.00", "700.00", "R008", "000008", "002"], // 8
  [SETTLE, `${D} 16:00:00`, MID, "T1000002", null, "消费", "800.00", "0.00", "800.00", "R009", "000009", "002"], // 9
  [SETTLE, `${D} 10:00:00`, MID2, "T2000001", null, "消费", "13.00", "0.00", "13.00", null, "888888", "008"], // 10 ambiguous
];
// What the acquirer pays for SETTLE: everything above but the other merchant id's 13.00.
const SETTLE_NET_MID = "3799.00";

let merchantId: string;
let posImport: string;
let statementImport: string;

const pos = (rows: typeof journal) =>
  csv([
    POS_HEADER,
    ...rows.map(([time, tid, card, type, amount, rrn, trace, batch, status, signed, origTrace]) => [
      time,
      tid,
      card,
      type,
      amount,
      rrn,
      rrn ? `A${rrn}` : null,
      trace,
      batch,
      status,
      signed,
      origTrace,
    ]),
  ]);

beforeAll(async () => {
  merchantId = (await prisma.merchant.findFirstOrThrow({ select: { id: true }, orderBy: { createdAt: "asc" } })).id;
  // Another merchant with a terminal of the same TID and a line that would pair with ours.
  const other = await prisma.merchant.create({ data: { name: "Other Merchant" } });
  const store = await prisma.store.create({ data: { merchantId: other.id, name: "Elsewhere" } });
  await prisma.terminal.create({ data: { merchantId: other.id, storeId: store.id, tid: "T1000001" } });
  const foreign = await importFile({
    merchantId: other.id,
    type: "pos_journal",
    content: pos([[`${D} 14:00:00`, "T1000001", null, "消费", "600.00", "R006", "000006", "001", "成功", "是", null]]),
  });
  expect(foreign.status).toBe("done");
});

describe("a journal, then a statement, then a bank file", () => {
  test("the journal alone: pending today, pos_only past its settle date, voided, declined, one group for a missing batch", async () => {
    const done = await importFile({ merchantId, type: "pos_journal", content: pos(journal) });
    // read whole, the bar ends at the rows read, not at the lines counted on upload (with the header)
    expect(done).toMatchObject({ status: "done", rowsRead: journal.length, rowsTotal: journal.length });
    posImport = done.id;
    const lines = await linesOf(posImport);
    expect(lines.get(18)?.category).toBe("pending");
    expect(lines.get(6)?.category).toBe("pos_only");
    expect(lines.get(8)?.category).toBe("duplicate");
    expect(lines.get(10)?.category).toBe("voided");
    expect(lines.get(11)?.category).toBe("voided");
    expect(lines.get(12)?.category).toBe("declined");
    // Store and terminal come from the merchant's terminals.
    const terminal = await prisma.terminal.findFirstOrThrow({ where: { merchantId, tid: "T2000001" } });
    expect(lines.get(15)).toMatchObject({ terminalId: terminal.id, storeId: terminal.storeId, day: D });
    // Terminal T2000001's batch 009 is one exception of three lines, not three.
    const batch = await prisma.reconException.findFirstOrThrow({
      where: { merchantId, key: { startsWith: "pos_only:batch:T2000001:009" } },
    });
    expect(batch).toMatchObject({ status: "open", lineCount: 3, amountMinor: 6000n, batchNo: "009", day: D });
    expect([15, 16, 17].map((line) => lines.get(line)?.exceptionId)).toEqual([batch.id, batch.id, batch.id]);
    const report = JSON.parse(done.report ?? "{}");
    expect(report.rows).toBe(journal.length);
    expect(report.counts.pending).toBe(1);
    expect(fs.existsSync(spoolPathOf(posImport))).toBe(false);
  });

  test("the statement pairs by rrn, trace and window, and finds every kind of discrepancy", async () => {
    const done = await importFile({ merchantId, type: "statement", content: csv([STATEMENT_HEADER, ...statement]) });
    expect(done.status).toBe("done");
    statementImport = done.id;
    const till = await linesOf(posImport);
    const settled = await linesOf(statementImport);
    const expectPair = (posLine: number, statementLine: number, category: string, rule: string | null) => {
      expect(till.get(posLine)).toMatchObject({
        category,
        matchedLineId: settled.get(statementLine)?.id,
        matchRule: rule,
      });
    };
    expectPair(2, 2, "matched", "rrn");
    expectPair(3, 3, "matched", "trace");
    expectPair(4, 4, "matched", "window");
    expectPair(5, 5, "amount_mismatch", "rrn");
    expect(settled.get(5)?.category).toBe("amount_mismatch");
    expect(till.get(6)?.category).toBe("pos_only");
    expect(settled.get(6)?.category).toBe("statement_only");
    expectPair(7, 7, "matched", "rrn");
    expect(till.get(8)?.category).toBe("duplicate");
    expect(till.get(9)?.category).toBe("unsigned");
    expect([10, 11, 12].map((line) => till.get(line)?.category)).toEqual(["voided", "voided", "declined"]);
    expect([13, 14].map((line) => till.get(line)?.category)).toEqual(["ambiguous", "ambiguous"]);
    expect(settled.get(10)?.category).toBe("ambiguous");
    expect([15, 16, 17].map((line) => till.get(line)?.category)).toEqual(["pos_only", "pos_only", "pos_only"]);
    expect(till.get(18)?.category).toBe("pending");
    expect(till.get(19)?.category).toBe("pos_only");
    // The other merchant's identical line is neither matched nor touched.
    const foreign = await prisma.reconLine.findFirstOrThrow({ where: { merchantId: { not: merchantId } } });
    expect(foreign).toMatchObject({ category: "pos_only", matchedLineId: null });
    expect(
      await prisma.reconException.count({ where: { merchantId, key: `statement_only:${settled.get(6)?.id}` } }),
    ).toBe(1);
    const open = await prisma.reconException.findMany({
      where: { merchantId, status: "open" },
      select: { category: true },
    });
    // (Settle dates past their credit window with no bank file yet are credit_missing: the bank test's part.)
    const lineExceptions = open
      .map((exception) => exception.category)
      .filter((category) => !category.startsWith("credit_"));
    expect(lineExceptions.sort()).toEqual(
      [
        "ambiguous",
        "amount_mismatch",
        "duplicate",
        "pos_only",
        "pos_only",
        "pos_only",
        "statement_only",
        "unsigned",
      ].sort(),
    );
  });

  test("a late statement turns pending and pos_only into matched and tells the linked incident", async () => {
    const till = await linesOf(posImport);
    const exception = await prisma.reconException.findFirstOrThrow({
      where: { merchantId, key: `pos_only:${till.get(19)?.id}` },
    });
    const incident = await logIncident(
      { kind: "debited_not_credited", terminalId: "T1000001", amount: "19.00" },
      "admin",
    );
    await prisma.reconException.update({ where: { id: exception.id }, data: { incidentId: incident.id } });

    const late = await importFile({
      merchantId,
      type: "statement",
      content: csv([
        STATEMENT_HEADER,
        [
          "2026-11-22",
          `${D} 19:00:00`,
          MID,
          "T1000001",
          null,
          "消费",
          "19.00",
          "0.00",
          "19.00",
          "R019",
          "000019",
          "001",
        ],
        [today, `${today} 09:00:00`, MID, "T1000001", null, "消费", "88.00", "0.00", "88.00", "R018", "000018", "003"],
      ]),
    });
    expect(late.status).toBe("done");
    const after = await linesOf(posImport);
    const settled = await linesOf(late.id);
    expect(after.get(19)).toMatchObject({ category: "matched", matchedLineId: settled.get(2)?.id, matchRule: "rrn" });
    expect(after.get(18)).toMatchObject({ category: "matched", matchedLineId: settled.get(3)?.id });
    expect(await prisma.reconException.findUniqueOrThrow({ where: { id: exception.id } })).toMatchObject({
      status: "resolved",
    });
    const events = await prisma.auditEvent.findMany({
      where: { incidentId: incident.id, type: "reconciliation.evidence_matched" },
    });
    expect(events).toHaveLength(1);
    expect(JSON.parse(events[0].after ?? "{}")).toEqual({
      exceptionId: exception.id,
      category: "pos_only",
      lines: [
        {
          id: after.get(19)?.id,
          lineNo: 19,
          source: "pos",
          tid: "T1000001",
          txAt: `${D} 19:00:00`,
          amount: "19.00",
          rrn: "R019",
        },
        {
          id: settled.get(2)?.id,
          lineNo: 2,
          source: "statement",
          tid: "T1000001",
          txAt: `${D} 19:00:00`,
          amount: "19.00",
          rrn: "R019",
        },
      ],
    });
    expect(JSON.parse(late.report ?? "{}").exceptionsResolved).toBeGreaterThanOrEqual(1);
    expect(await verifyChain({ merchantId })).toMatchObject({ ok: true });
  });

  test("the bank file: credited, credit_short, credit_missing and credit_unexplained", async () => {
    const done = await importFile({
      merchantId,
      type: "bank_credit",
      content: csv([
        ["交易日期", "贷方金额", "摘要", "对方户名"],
        ["2026-11-22", SETTLE_NET_MID, "POS settlement", "Acquirer"], // 2 pays SETTLE for MID
        ["2026-11-23", "18.50", "POS settlement", "Acquirer"], // 3 short for 2026-11-22 (19.00)
        ["2026-11-24", "12345.67", "refund of deposit", "Landlord"], // 4 explains nothing
        ["2026-11-24", "", "rent paid", "Landlord"], // 5 money out: no line
      ]),
    });
    expect(done.status).toBe("done");
    // The report counts the debit row as read and skipped, not as a line imported.
    expect(JSON.parse(done.report ?? "{}")).toMatchObject({ rows: 4, skippedRows: 1 });
    const bank = await linesOf(done.id);
    expect(bank.size).toBe(3);
    expect([2, 3, 4].map((line) => bank.get(line)?.category)).toEqual(["matched", "matched", "credit_unexplained"]);
    const settlements = await prisma.reconSettlement.findMany({
      where: { merchantId },
      orderBy: [{ settleDate: "asc" }, { acquirerMid: "asc" }],
    });
    const of = (mid: string, date: string) => settlements.find((s) => s.acquirerMid === mid && s.settleDate === date);
    expect(of(MID, SETTLE)).toMatchObject({
      category: "credited",
      expectedMinor: 379900n,
      creditLineId: bank.get(2)?.id,
    });
    expect(of(MID2, SETTLE)).toMatchObject({ category: "credit_missing", expectedMinor: 1300n });
    expect(of(MID, "2026-11-22")).toMatchObject({
      category: "credit_short",
      shortByMinor: 50n,
      creditLineId: bank.get(3)?.id,
    });
    const credit = await prisma.reconException.findMany({
      where: { merchantId, category: { startsWith: "credit_" }, status: "open" },
      orderBy: { key: "asc" },
    });
    expect(credit.map((exception) => [exception.key, exception.amountMinor])).toEqual([
      [`credit_missing:${MID2}:${SETTLE}`, 1300n],
      [`credit_short:${MID}:2026-11-22`, 50n],
      [`credit_unexplained:${bank.get(4)?.id}`, 1234567n],
    ]);
  });

  test("a credit over 2^31 fen (a chain's whole settle date) imports and reads back exactly", async () => {
    // 22,064,958.71 yuan: PostgreSQL's int4 refused it during COPY and the bank file never imported.
    const done = await importFile({
      merchantId,
      type: "bank_credit",
      content: csv([
        ["交易日期", "贷方金额", "摘要"],
        ["2026-10-02", "22,064,958.71", "POS settlement"],
      ]),
    });
    expect(done.status).toBe("done");
    const [line] = [...(await linesOf(done.id)).values()];
    expect(line?.amountMinor).toBe(2_206_495_871n);
    const exception = await prisma.reconException.findFirstOrThrow({
      where: { key: `credit_unexplained:${line?.id}` },
    });
    expect(exception.amountMinor).toBe(2_206_495_871n);
  });
});

describe("a refused file stores nothing", () => {
  test("an unknown terminal fails the import with its line, and no line of it exists", async () => {
    const queued = await queueFile({
      merchantId,
      type: "pos_journal",
      content: pos([
        [`${D} 10:00:00`, "T1000001", null, "消费", "1.00", "X001", "100001", "001", "成功", "是", null],
        [`${D} 10:01:00`, "T9999999", null, "消费", "2.00", "X002", "100002", "001", "成功", "是", null],
      ]),
    });
    // The upload's estimate (queue-import.ts): every line of the file, the header's too.
    await prisma.reconImport.update({ where: { id: queued.id }, data: { rowsTotal: 3 } });
    await runImport(queued.id, { heartbeat: async () => {} });
    const failed = await prisma.reconImport.findUniqueOrThrow({ where: { id: queued.id } });
    expect(failed.status).toBe("failed");
    // The rows read, and no total: the count made on upload (header and title lines included) was
    // an estimate, and a refused file may stop being read early, so "2 / 3" would be neither.
    expect(failed).toMatchObject({ rowsRead: 2, rowsTotal: null });
    expect(JSON.parse(failed.errors ?? "[]")).toEqual([
      expect.objectContaining({
        line: 3,
        column: "终端号",
        reason: "terminal_unknown",
        params: { terminal: "T9999999" },
      }),
    ]);
    expect(await prisma.reconLine.count({ where: { importId: failed.id } })).toBe(0);
    const event = await prisma.auditEvent.findFirstOrThrow({
      where: { merchantId, type: "reconciliation.import_failed" },
      orderBy: { seq: "desc" },
    });
    expect(JSON.parse(event.after ?? "{}")).toMatchObject({ importId: failed.id, errorCount: 1 });
  });

  test("an import whose upload is no longer stored fails, saying so, instead of staying in parsing", async () => {
    const queued = await queueFile({ merchantId, type: "pos_journal", content: pos([]) });
    fs.rmSync(spoolPathOf(queued.id));
    await runImport(queued.id, { heartbeat: async () => {} });
    const failed = await prisma.reconImport.findUniqueOrThrow({ where: { id: queued.id } });
    expect(failed.status).toBe("failed");
    expect(JSON.parse(failed.errors ?? "[]")).toEqual([expect.objectContaining({ reason: "file_unreadable" })]);
  });

  test("a total line that disagrees with the rows fails the import and stores nothing", async () => {
    const before = await prisma.reconException.count();
    const failed = await importFile({
      merchantId,
      type: "pos_journal",
      content:
        pos([[`${D} 10:00:00`, "T1000001", null, "消费", "1.00", "Y001", "200001", "001", "成功", "是", null]]) +
        csv([["合计", null, null, null, "999.00"]]),
    });
    expect(failed.status).toBe("failed");
    expect(JSON.parse(failed.errors ?? "[]")[0]).toMatchObject({ reason: "total_amount_mismatch" });
    expect(await prisma.reconLine.count({ where: { importId: failed.id } })).toBe(0);
    expect(await prisma.reconException.count()).toBe(before);
  });
});

test("the worker runs a queued import through its job kind", async () => {
  const queued = await queueFile({
    merchantId,
    type: "pos_journal",
    content: pos([[`${D} 09:00:00`, "T1000002", null, "消费", "3.00", "W001", "300001", "005", "成功", "是", null]]),
  });
  const jobId = await prisma.$transaction((tx) =>
    enqueueJob(tx, { kind: "reconciliation.import", payload: { importId: queued.id } }),
  );
  await runDueJobs();
  expect(await prisma.job.findUniqueOrThrow({ where: { id: jobId } })).toMatchObject({ status: "done" });
  expect(await prisma.reconImport.findUniqueOrThrow({ where: { id: queued.id } })).toMatchObject({ status: "done" });
  expect(await prisma.reconLine.count({ where: { importId: queued.id, category: "pos_only" } })).toBe(1);
});

test("runs of the same import again change nothing", async () => {
  const lines = await prisma.reconLine.findMany({ where: { merchantId }, orderBy: { id: "asc" } });
  await runImport(posImport, { heartbeat: async () => {} });
  expect(await prisma.reconLine.findMany({ where: { merchantId }, orderBy: { id: "asc" } })).toEqual(lines);
});

if (databaseProvider === "sqlite") {
  test("an import leaves SQLite's planner statistics current: updating lines by id stays a primary-key lookup", async () => {
    // Statistics taken while the table was small, as an early incident list leaves them.
    await prisma.$executeRawUnsafe('ANALYZE "ReconLine"');
    const before = await prisma.reconLine.count();
    const done = await importFile({ merchantId, type: "pos_journal", content: longJournal(3000) });
    expect(done.status).toBe("done");

    // What the next import's connection plans with: a new connection reads sqlite_stat1 afresh.
    const database = new Database(path.resolve(env.DATABASE_URL.slice("file:".length)), { readonly: true });
    try {
      const stat = database
        .prepare(`SELECT "stat" FROM sqlite_stat1 WHERE "tbl" = 'ReconLine' AND "idx" = 'ReconLine_importId_idx'`)
        .get() as { stat: string };
      // the row count a sampled ANALYZE stores is an estimate: far above the stale one is the point
      expect(Number(stat.stat.split(" ")[0])).toBeGreaterThan(Math.max(1000, 10 * before));
      const ids = Array.from({ length: 450 }, (_, index) => index * 3 + 1);
      const plan = database
        .prepare(
          `EXPLAIN QUERY PLAN UPDATE "ReconLine" SET "exceptionId" = ? WHERE "id" IN (${ids.map(() => "?").join(", ")}) AND "manual" = false`,
        )
        .all(null, ...ids) as { detail: string }[];
      expect(plan.map((row) => row.detail).join("\n")).toMatch(/USING INTEGER PRIMARY KEY/);
    } finally {
      database.close();
    }
  });
}
