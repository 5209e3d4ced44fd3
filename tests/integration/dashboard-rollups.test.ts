// The dashboard's summaries (issue 10) stay equal to a count from scratch while data changes:
// incidents logged (and a drill, which adds nothing), closed with causes and money, reopened and
// closed again; a POS journal imported and then explained by a statement; and a change of the
// merchant's time zone, after which the next read counts every day again in the new zone.
import { beforeAll, describe, expect, test } from "vitest";
import { POST as startDrillRoute } from "@/app/api/drills/route";
import { POST as pairRoute } from "@/app/api/reconciliation/lines/pair/route";
import { POST as unpairRoute } from "@/app/api/reconciliation/lines/unpair/route";
import { ensureIncidentRollup, rebuildIncidentRollup } from "@/lib/dashboard/incident-rollup";
import { LINE_COUNT_COLUMNS } from "@/lib/dashboard/line-totals";
import { rebuildTransactionDaysSql, rebuildTransactionTotalsSql } from "@/lib/dashboard/transaction-sql";
import { databaseProvider, prisma } from "@/lib/db/client";
import { jsonRequest, sessionCookie } from "@/tests/helpers/api";
import { closeAs, completeAllSteps, logIncident, reopenAs } from "@/tests/helpers/incidents";
import {
  csv,
  importFile,
  SHORT_POS_HEADER,
  STATEMENT_HEADER,
} from "@/tests/integration/reconciliation-import-fixtures";

let merchantId: string;

type DayRow = { measure: string; day: string; key: string; count: number; lostMinor: number; recoveredMinor: number };

/** The summary's rows as kept (rows summed to nothing left out: a reopen may leave one at zero). */
async function keptIncidentDays(): Promise<DayRow[]> {
  const rows = await prisma.dashboardIncidentDay.findMany({
    where: { merchantId },
    orderBy: [{ measure: "asc" }, { day: "asc" }, { key: "asc" }],
  });
  return rows
    .map((row) => ({
      measure: row.measure,
      day: row.day,
      key: row.key,
      count: row.count,
      lostMinor: Number(row.lostMinor),
      recoveredMinor: Number(row.recoveredMinor),
    }))
    .filter((row) => row.count !== 0 || row.lostMinor !== 0 || row.recoveredMinor !== 0);
}

/** The same rows counted from scratch from the incidents (inside a transaction rolled back). */
async function recountedIncidentDays(timeZone: string): Promise<DayRow[]> {
  let recounted: DayRow[] = [];
  await prisma
    .$transaction(async (tx) => {
      await rebuildIncidentRollup(tx, merchantId, timeZone);
      recounted = (
        await tx.dashboardIncidentDay.findMany({
          where: { merchantId },
          orderBy: [{ measure: "asc" }, { day: "asc" }, { key: "asc" }],
        })
      ).map((row) => ({
        measure: row.measure,
        day: row.day,
        key: row.key,
        count: row.count,
        lostMinor: Number(row.lostMinor),
        recoveredMinor: Number(row.recoveredMinor),
      }));
      throw new Error("roll back");
    })
    .catch((error: Error) => {
      if (error.message !== "roll back") throw error;
    });
  return recounted;
}

async function transactionDays() {
  return prisma.dashboardTransactionDay.findMany({
    where: { merchantId },
    orderBy: [
      { dimension: "asc" },
      { day: "asc" },
      { storeId: "asc" },
      { terminal: "asc" },
      { operator: "asc" },
      { hour: "asc" },
    ],
  });
}

/** The POS sums counted from scratch (the migration's backfill), inside a transaction rolled back. */
async function recountedTransactionDays() {
  let recounted: Awaited<ReturnType<typeof transactionDays>> = [];
  await prisma
    .$transaction(async (tx) => {
      for (const statement of rebuildTransactionDaysSql()) await tx.$executeRawUnsafe(statement);
      recounted = await tx.dashboardTransactionDay.findMany({
        where: { merchantId },
        orderBy: [
          { dimension: "asc" },
          { day: "asc" },
          { storeId: "asc" },
          { terminal: "asc" },
          { operator: "asc" },
          { hour: "asc" },
        ],
      });
      throw new Error("roll back");
    })
    .catch((error: Error) => {
      if (error.message !== "roll back") throw error;
    });
  return recounted;
}

beforeAll(async () => {
  const merchant = await prisma.merchant.findFirstOrThrow({ orderBy: { createdAt: "asc" } });
  merchantId = merchant.id;
  // The seeded incidents were written straight to the tables: the first read counts them.
  await ensureIncidentRollup(merchantId, merchant.timeZone);
});

describe("the incident summary", () => {
  test("stays equal to a recount through creates, a drill, closes, a reopen and a second close", async () => {
    const { timeZone } = await prisma.merchant.findUniqueOrThrow({ where: { id: merchantId } });
    const before = await keptIncidentDays();
    expect(before).toEqual(await recountedIncidentDays(timeZone));

    const first = await logIncident({ kind: "wrong_amount", amount: "120.00" });
    const second = await logIncident({ kind: "unsigned_slip", amount: "35.50" });
    await logIncident({ kind: "pin_error", amount: undefined });
    const cashier = await prisma.user.findUniqueOrThrow({ where: { email: "cashier@demo.test" } });
    const drill = await startDrillRoute(
      jsonRequest("/api/drills", {
        method: "POST",
        cookie: await sessionCookie("admin"),
        body: { kind: "wrong_card", cashierId: cashier.id },
      }),
      {},
    );
    expect(drill.status).toBe(201);
    const afterCreates = await keptIncidentDays();
    expect(afterCreates).toEqual(await recountedIncidentDays(timeZone));
    const occurred = (rows: DayRow[], key: string) =>
      rows.filter((row) => row.measure === "occurred" && row.key === key).reduce((sum, row) => sum + row.count, 0);
    expect(occurred(afterCreates, "WRONG_AMOUNT") - occurred(before, "WRONG_AMOUNT")).toBe(1);
    // The drill counted nowhere.
    expect(occurred(afterCreates, "WRONG_CARD")).toBe(occurred(before, "WRONG_CARD"));

    const walked = await completeAllSteps(first);
    const closed = await closeAs("admin", walked.id, {
      causes: ["distraction", "time_pressure"],
      recoveredAmount: "100.00",
      lostAmount: "20.00",
      resolution: "refunded",
      version: walked.version,
    });
    expect(closed.status).toBe(200);
    const walkedSecond = await completeAllSteps(second);
    const closedSecond = await closeAs("admin", walkedSecond.id, {
      causes: ["printer_fault"],
      recoveredAmount: "35.50",
      lostAmount: "0",
      resolution: "resigned",
      version: walkedSecond.version,
    });
    expect(closedSecond.status).toBe(200);
    const afterCloses = await keptIncidentDays();
    expect(afterCloses).toEqual(await recountedIncidentDays(timeZone));
    expect(afterCloses.some((row) => row.measure === "cause" && row.key === "time_pressure")).toBe(true);

    const reopened = await reopenAs("admin", first.id, { note: "The bank disputes it", version: closed.body.version });
    expect(reopened.status).toBe(200);
    expect(await keptIncidentDays()).toEqual(await recountedIncidentDays(timeZone));

    const again = await closeAs("admin", first.id, {
      causes: ["network_drop"],
      recoveredAmount: "0",
      lostAmount: "120.00",
      resolution: "written_off",
      version: reopened.body.version,
    });
    expect(again.status).toBe(200);
    expect(await keptIncidentDays()).toEqual(await recountedIncidentDays(timeZone));
  });

  test("a new time zone: the next read counts every day again in it", async () => {
    const merchant = await prisma.merchant.findUniqueOrThrow({ where: { id: merchantId } });
    // 1 June 20:00 UTC: 04:00 on 2 June in Shanghai, 13:00 on 1 June in Los Angeles. Written
    // straight to the table, so the summary is counted again from scratch first.
    const terminal = await prisma.terminal.findFirstOrThrow({ where: { merchantId } });
    const last = await prisma.incident.aggregate({ where: { merchantId }, _max: { number: true } });
    await prisma.incident.create({
      data: {
        merchantId,
        storeId: terminal.storeId,
        terminalId: terminal.id,
        number: (last._max.number ?? 0) + 1,
        kind: "TERMINAL_FAULT",
        occurredAt: new Date("2026-06-01T20:00:00Z"),
        dueAt: new Date("2026-06-02T20:00:00Z"),
      },
    });
    await prisma.dashboardRollupState.delete({ where: { merchantId } });
    await ensureIncidentRollup(merchantId, merchant.timeZone);
    const shanghai = await keptIncidentDays();
    expect(shanghai).toContainEqual(
      expect.objectContaining({ measure: "occurred", day: "2026-06-02", key: "TERMINAL_FAULT" }),
    );
    await prisma.merchant.update({ where: { id: merchantId }, data: { timeZone: "America/Los_Angeles" } });
    try {
      await ensureIncidentRollup(merchantId, "America/Los_Angeles");
      const state = await prisma.dashboardRollupState.findUniqueOrThrow({ where: { merchantId } });
      expect(state.timeZone).toBe("America/Los_Angeles");
      const losAngeles = await keptIncidentDays();
      expect(losAngeles).toEqual(await recountedIncidentDays("America/Los_Angeles"));
      expect(losAngeles).toContainEqual(
        expect.objectContaining({ measure: "occurred", day: "2026-06-01", key: "TERMINAL_FAULT" }),
      );
    } finally {
      await prisma.merchant.update({ where: { id: merchantId }, data: { timeZone: merchant.timeZone } });
      await ensureIncidentRollup(merchantId, merchant.timeZone);
    }
    expect(await keptIncidentDays()).toEqual(shanghai);
  });
});

describe("the POS summary", () => {
  test("a journal's import and then a statement's keep it equal to a recount", async () => {
    const day = "2026-06-02";
    const journal = csv([
      [...SHORT_POS_HEADER, "是否签名", "操作员"],
      [`${day} 10:00:00`, "T1000001", null, "消费", "100.00", "RR0001", "000001", "001", "成功", "是", "07"],
      [`${day} 10:20:00`, "T1000001", null, "消费", "200.00", "RR0002", "000002", "001", "成功", "否", "07"],
      [`${day} 11:00:00`, "T1000001", null, "消费", "300.00", "RR0003", "000003", "001", "失败", "是", "08"],
      [`${day} 23:59:00`, "T1000001", null, "退货", "40.00", "RR0004", "000004", "001", "成功", "是", "08"],
    ]);
    const pos = await importFile({ merchantId, type: "pos_journal", content: journal });
    expect(pos.status).toBe("done");
    const afterJournal = await transactionDays();
    expect(afterJournal).toEqual(await recountedTransactionDays());
    const dayLines = afterJournal.filter((row) => row.dimension === "line" && row.day === day);
    const sum = (column: "transactions" | "sales" | "unsigned" | "declines" | "refunds") =>
      dayLines.reduce((total, row) => total + row[column], 0);
    // Operators 07 and 08 on one terminal: two line rows.
    expect(dayLines).toHaveLength(2);
    expect([sum("transactions"), sum("sales"), sum("unsigned"), sum("declines"), sum("refunds")]).toEqual([
      4, 2, 1, 1, 1,
    ]);
    expect(
      afterJournal.filter((row) => row.dimension === "hour" && row.storeId === "*" && row.day === day),
    ).toHaveLength(3);

    // The statement explains the first sale: categories change, the summary follows.
    const settle = "2026-06-03";
    const statement = csv([
      STATEMENT_HEADER,
      [
        settle,
        `${day} 10:00:00`,
        "898310048160001",
        "T1000001",
        null,
        "消费",
        "100.00",
        "0.00",
        "100.00",
        "RR0001",
        "000001",
        "001",
      ],
    ]);
    const explained = await importFile({ merchantId, type: "statement", content: statement });
    expect(explained.status).toBe("done");
    expect(await transactionDays()).toEqual(await recountedTransactionDays());

    // Finance pairs the unsigned sale by hand with a statement line: settled, it is still an
    // unsigned slip (as the matcher has it), so the day's unsigned count stays; unpaired again, too.
    const lines = await prisma.reconLine.findMany({ where: { merchantId, rrn: { in: ["RR0002", "RR0009"] } } });
    const unsignedSale = lines.find((line) => line.rrn === "RR0002" && line.source === "pos");
    expect(unsignedSale?.category).toBe("unsigned");
    const lone = await importFile({
      merchantId,
      type: "statement",
      content: csv([
        STATEMENT_HEADER,
        [
          settle,
          `${day} 12:30:00`,
          "898310048160001",
          "T1000001",
          null,
          "消费",
          "200.00",
          "0.00",
          "200.00",
          "RR0009",
          "000009",
          "001",
        ],
      ]),
    });
    expect(lone.status).toBe("done");
    const statementLine = await prisma.reconLine.findFirstOrThrow({
      where: { merchantId, rrn: "RR0009", source: "statement" },
    });
    const unsignedOf = (rows: Awaited<ReturnType<typeof transactionDays>>) =>
      rows.filter((row) => row.day === day).map((row) => row.unsigned);
    const beforePairing = await transactionDays();
    expect(Math.max(...unsignedOf(beforePairing))).toBe(1);
    const finance = await sessionCookie("finance");
    const paired = await pairRoute(
      jsonRequest("/api/reconciliation/lines/pair", {
        method: "POST",
        cookie: finance,
        body: { posLineId: unsignedSale?.id, statementLineId: statementLine.id },
      }),
      {},
    );
    expect(paired.status).toBe(200);
    const afterPairing = await transactionDays();
    expect(afterPairing).toEqual(await recountedTransactionDays());
    expect(unsignedOf(afterPairing)).toEqual(unsignedOf(beforePairing));
    const unpaired = await unpairRoute(
      jsonRequest("/api/reconciliation/lines/unpair", {
        method: "POST",
        cookie: finance,
        body: { lineId: unsignedSale?.id },
      }),
      {},
    );
    expect(unpaired.status).toBe(200);
    expect(await transactionDays()).toEqual(await recountedTransactionDays());
  });

  // A key first seen on a later day (here a terminal's operator "", where the files above named
  // 07 and 08) has no running-total rows on the days before it in the kept table, where a recount
  // from scratch writes rows of zeros: readers take a missing row as zero (lib/dashboard/line-totals.ts).
  const withoutZeroTotals = (rows: Awaited<ReturnType<typeof transactionDays>>) =>
    rows.filter((row) => row.dimension !== "total" || LINE_COUNT_COLUMNS.some((column) => row[column] !== 0));

  // A day's sums are counted again only where its POS lines changed in a way they count: a later
  // file that leaves a day's own lines alone can still turn one of them into a duplicate, across
  // midnight, and that day must be counted again although the file has no line of it.
  test("a later journal whose line just before midnight makes the next day's a duplicate keeps it equal to a recount", async () => {
    const header = ["交易时间", "终端号", "卡号", "交易类型", "交易金额", "参考号", "凭证号", "批次号", "交易状态"];
    const sale = (at: string, rrn: string, trace: string) => [
      at,
      "T1000001",
      "622202******0128",
      "消费",
      "77.70",
      rrn,
      trace,
      "002",
      "成功",
    ];
    const first = await importFile({
      merchantId,
      type: "pos_journal",
      content: csv([header, sale("2026-07-10 00:00:30", "RD0002", "000102")]),
    });
    expect(first.status).toBe("done");
    expect(withoutZeroTotals(await transactionDays())).toEqual(withoutZeroTotals(await recountedTransactionDays()));
    const second = await importFile({
      merchantId,
      type: "pos_journal",
      content: csv([header, sale("2026-07-09 23:59:30", "RD0001", "000101")]),
    });
    expect(second.status).toBe("done");
    const lines = await prisma.reconLine.findMany({
      where: { merchantId, rrn: { in: ["RD0001", "RD0002"] } },
      orderBy: { rrn: "asc" },
    });
    // The first file's line is the second approval in time now: the duplicate, on a day the second
    // file has no line of.
    expect(lines.map((line) => [line.day, line.category])).toEqual([
      ["2026-07-09", "pos_only"],
      ["2026-07-10", "duplicate"],
    ]);
    const kept = await transactionDays();
    expect(withoutZeroTotals(kept)).toEqual(withoutZeroTotals(await recountedTransactionDays()));
    expect(kept.filter((row) => row.dimension === "line" && row.day === "2026-07-10")[0]?.duplicates).toBe(1);
  });
});

// A seed (and the migration's backfill) counts every merchant's running totals from scratch. Its
// empty carried-on base (WHERE 1 = 0) was flattened by SQLite into a walk of the merchant's rows
// for every key and day: 20,000 lines over 500 stores took 8 minutes. From scratch, each key's
// line row of a day is found by its whole key and nothing is read by the merchant alone.
if (databaseProvider === "sqlite") {
  test("the running totals from scratch read each day's line row by key, never the merchant's every row", async () => {
    const [, insertTotals] = rebuildTransactionTotalsSql(false);
    const select = insertTotals.replace(/INSERT INTO "DashboardTransactionDay" \([^)]*\)/, "");
    const plan = (await prisma.$queryRawUnsafe<{ detail: string }[]>(`EXPLAIN QUERY PLAN ${select}`))
      .map((row) => row.detail)
      .join("\n");
    expect(plan).toMatch(/SEARCH r USING COVERING INDEX \S+ \(merchantId=\? AND dimension=\? AND day=\?/);
    expect(plan).not.toMatch(/SEARCH \w+ USING (COVERING )?INDEX \S+ \(merchantId=\?\)/);
  });
}
