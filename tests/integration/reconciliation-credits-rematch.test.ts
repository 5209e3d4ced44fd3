// Statement ↔ bank rematched by a later file: only the settle dates and credits the new file can
// change are decided again. An outside test found a one-line late statement (or a bank file for an
// earlier day) turning the credits of later settle dates into credit_unexplained and resolving
// their credit_short/credit_missing exceptions, while their settlements still said otherwise.
import "@/tests/integration/reconciliation-import-spool-dir";
import { beforeAll, describe, expect, test } from "vitest";
import { prisma } from "@/lib/db/client";
import { csv, importFile, linesOf, STATEMENT_HEADER } from "@/tests/integration/reconciliation-import-fixtures";

const MID = "898310048160001";

let merchantId: string;

const statement = (rows: [settle: string, time: string, net: string, rrn: string][]) =>
  csv([
    STATEMENT_HEADER,
    ...rows.map(([settle, time, net, rrn]) => [
      settle,
      time,
      MID,
      "T1000001",
      null,
      "消费",
      net,
      "0.00",
      net,
      rrn,
      rrn.slice(-6),
      "001",
    ]),
  ]);

const bankFile = (rows: [day: string, amount: string][]) =>
  csv([
    ["交易日期", "贷方金额", "摘要", "对方户名"],
    ...rows.map(([day, amount]) => [day, amount, "POS settlement", "Acquirer"]),
  ]);

/** Every settlement, bank line and open credit exception of the merchant: what a later file must not disturb. */
async function creditState() {
  const settlements = await prisma.reconSettlement.findMany({
    where: { merchantId },
    orderBy: { settleDate: "asc" },
    select: { settleDate: true, expectedMinor: true, category: true, creditLineId: true, shortByMinor: true },
  });
  const bank = await prisma.reconLine.findMany({
    where: { merchantId, source: "bank" },
    orderBy: { id: "asc" },
    select: { id: true, day: true, category: true },
  });
  const open = await prisma.reconException.findMany({
    where: { merchantId, status: "open", category: { startsWith: "credit_" } },
    orderBy: { key: "asc" },
    select: { key: true, amountMinor: true },
  });
  return { settlements, bank, open };
}

beforeAll(async () => {
  merchantId = (await prisma.merchant.findFirstOrThrow({ select: { id: true }, orderBy: { createdAt: "asc" } })).id;
  const statementDone = await importFile({
    merchantId,
    type: "statement",
    content: statement([
      ["2026-11-21", "2026-11-20 10:00:00", "100.00", "700000000001"],
      ["2026-11-22", "2026-11-21 10:00:00", "200.00", "700000000002"],
      ["2026-11-23", "2026-11-22 10:00:00", "300.00", "700000000003"],
      ["2026-11-24", "2026-11-23 10:00:00", "400.00", "700000000004"],
    ]),
  });
  expect(statementDone.status).toBe("done");
  const bankDone = await importFile({
    merchantId,
    type: "bank_credit",
    content: bankFile([
      ["2026-11-22", "100.00"], // pays 11-21
      ["2026-11-23", "190.00"], // 11-22 short by 10.00
      ["2026-11-25", "400.00"], // pays 11-24 (11-23 has no credit)
      ["2026-11-28", "12.34"], // explains nothing (after every window)
    ]),
  });
  expect(bankDone.status).toBe("done");
});

describe("a later file rematches only what it can change", () => {
  test("the starting point: credited, short, missing and unexplained", async () => {
    const { settlements, bank, open } = await creditState();
    expect(settlements.map((s) => [s.settleDate, s.category, s.shortByMinor])).toEqual([
      ["2026-11-21", "credited", 0n],
      ["2026-11-22", "credit_short", 1000n],
      ["2026-11-23", "credit_missing", 30000n],
      ["2026-11-24", "credited", 0n],
    ]);
    expect(bank.map((line) => line.category)).toEqual(["matched", "matched", "matched", "credit_unexplained"]);
    expect(open.map((exception) => exception.key)).toEqual([
      `credit_missing:${MID}:2026-11-23`,
      `credit_short:${MID}:2026-11-22`,
      `credit_unexplained:${bank[3].id}`,
    ]);
  });

  test("a one-line late statement for the first settle date makes that date short and leaves every other one as it was", async () => {
    const before = await creditState();
    const late = await importFile({
      merchantId,
      type: "statement",
      content: statement([["2026-11-21", "2026-11-20 09:15:00", "10.31", "700000000009"]]),
    });
    expect(late.status).toBe("done");
    const after = await creditState();
    expect(after.bank).toEqual(before.bank);
    expect(after.settlements[0]).toMatchObject({
      settleDate: "2026-11-21",
      expectedMinor: 11031n,
      category: "credit_short",
      shortByMinor: 1031n,
      creditLineId: before.bank[0].id,
    });
    expect(after.settlements.slice(1)).toEqual(before.settlements.slice(1));
    expect(after.open.map((exception) => exception.key)).toEqual([
      `credit_missing:${MID}:2026-11-23`,
      `credit_short:${MID}:2026-11-21`,
      `credit_short:${MID}:2026-11-22`,
      `credit_unexplained:${before.bank[3].id}`,
    ]);
  });

  test("a bank file for an earlier day adds its own credit and changes nothing after it", async () => {
    const before = await creditState();
    const early = await importFile({ merchantId, type: "bank_credit", content: bankFile([["2026-11-19", "5.00"]]) });
    expect(early.status).toBe("done");
    const [line] = [...(await linesOf(early.id)).values()];
    expect(line?.category).toBe("credit_unexplained");
    const after = await creditState();
    expect(after.settlements).toEqual(before.settlements);
    expect(after.bank.filter((bank) => bank.id !== line?.id)).toEqual(before.bank);
    expect(after.open.map((exception) => exception.key)).toEqual(
      [...before.open.map((exception) => exception.key), `credit_unexplained:${line?.id}`].sort(),
    );
  });
});
