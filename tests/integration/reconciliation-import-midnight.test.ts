// Matching across midnight, through the real import job: the job matches a day at a time, and a
// sale at 23:58:30 whose acquirer's clock put it on the statement at 00:01:10 the next day is
// still one transaction — as are an rrn pair, a duplicate and a tie that straddle midnight. Each
// statement file here touches only one side of the midnight, so the other day is matched only
// because it neighbours a day the file touched.
import "@/tests/integration/reconciliation-import-spool-dir";
import { beforeAll, describe, expect, test } from "vitest";
import { prisma } from "@/lib/db/client";
import {
  csv,
  expectOpenExceptionsListTheirLines,
  importFile,
  linesOf,
  STATEMENT_HEADER,
} from "@/tests/integration/reconciliation-import-fixtures";

const EVE = "2026-11-10";
const NEXT = "2026-11-11";
const MID = "898310048160001";
const CARD = "622202******0128";

const POS_HEADER = ["交易时间", "终端号", "卡号", "交易类型", "交易金额", "参考号", "凭证号", "批次号", "交易状态"];
// Row number in the file (header = 1) → [time, tid, card, amount, rrn, trace, batch].
const journal: [string, string, string | null, string, string | null, string, string][] = [
  [`${EVE} 23:58:30`, "T1000001", null, "123.00", null, "000101", "101"], // 2 window pair with statement 2
  [`${EVE} 23:59:50`, "T1000002", null, "45.00", "R901", "000102", "102"], // 3 rrn pair with statement 3
  [`${EVE} 23:50:00`, "T1000002", null, "66.00", "R902", "000103", "102"], // 4 rrn pair 22 minutes apart (statement 4)
  [`${EVE} 23:59:30`, "T1000002", CARD, "77.00", "R903", "000104", "102"], // 5 first of a duplicate (statement 5)
  [`${NEXT} 00:00:40`, "T1000002", CARD, "77.00", "R904", "000105", "102"], // 6 its duplicate (statement 6)
  [`${EVE} 23:59:30`, "T1000001", null, "55.00", null, "000106", "101"], // 7 tie with 8 for statement 7
  [`${NEXT} 00:01:30`, "T1000001", null, "55.00", null, "000107", "101"], // 8 tie with 7 for statement 7
  [`${NEXT} 00:00:30`, "T1000001", null, "31.00", null, "000108", "101"], // 9 window pair with the late statement
  [`${EVE} 12:00:00`, "T1000001", null, "99.00", null, "000109", "101"], // 10 pos_only, far from midnight
];

// Only lines of the next day: the eve's POS lines pair with them although the file never touches the eve.
const statement: (string | null)[][] = [
  ["2026-11-12", `${NEXT} 00:01:10`, MID, "T1000001", null, "消费", "123.00", "0.00", "123.00", null, "900101", "101"], // 2
  ["2026-11-12", `${NEXT} 00:00:20`, MID, "T1000002", null, "消费", "45.00", "0.00", "45.00", "R901", "900102", "102"], // 3
  ["2026-11-12", `${NEXT} 00:12:00`, MID, "T1000002", null, "消费", "66.00", "0.00", "66.00", "R902", "900103", "102"], // 4
  ["2026-11-12", `${NEXT} 00:00:01`, MID, "T1000002", CARD, "消费", "77.00", "0.00", "77.00", "R903", "900104", "102"], // 5
  ["2026-11-12", `${NEXT} 00:00:41`, MID, "T1000002", CARD, "消费", "77.00", "0.00", "77.00", "R904", "900105", "102"], // 6
  ["2026-11-12", `${NEXT} 00:00:30`, MID, "T1000001", null, "消费", "55.00", "0.00", "55.00", null, "900106", "101"], // 7 tie: 60 s from both
];
// A later statement with one line of the eve whose POS line is just past midnight (the acquirer's clock behind).
const lateStatement: (string | null)[][] = [
  ["2026-11-11", `${EVE} 23:59:40`, MID, "T1000001", null, "消费", "31.00", "0.00", "31.00", null, "900108", "101"], // 2
];

let merchantId: string;
let posImport: string;
let statementImport: string;

beforeAll(async () => {
  merchantId = (await prisma.merchant.findFirstOrThrow({ select: { id: true }, orderBy: { createdAt: "asc" } })).id;
});

describe("matching across midnight", () => {
  test("the journal alone: the eve's and the next day's lines are unexplained", async () => {
    const done = await importFile({
      merchantId,
      type: "pos_journal",
      content: csv([
        POS_HEADER,
        ...journal.map(([time, tid, card, amount, rrn, trace, batch]) => [
          time,
          tid,
          card,
          "消费",
          amount,
          rrn,
          trace,
          batch,
          "成功",
        ]),
      ]),
    });
    expect(done.status).toBe("done");
    posImport = done.id;
    const till = await linesOf(posImport);
    expect(till.get(2)).toMatchObject({ day: EVE, category: "pos_only" });
    // Two identical swipes 70 s apart, on either side of midnight: the later is the duplicate.
    expect(till.get(5)?.category).toBe("pos_only");
    expect(till.get(6)?.category).toBe("duplicate");
    const duplicate = await prisma.reconException.findFirstOrThrow({
      where: { merchantId, key: `duplicate:${till.get(6)?.id}` },
    });
    // Its group names the first swipe too, but that is its eve batch's case (missing from the
    // statement): a line points at one exception, the one it is about, so the duplicate lists the
    // extra charge alone — and the next day's batch, only that duplicate, is no pos_only case.
    expect(duplicate).toMatchObject({ status: "open", day: NEXT, lineCount: 1 });
    // Without a statement the eve's two batches are missing: one exception each.
    expect(
      await prisma.reconException.count({
        where: { merchantId, key: { startsWith: "pos_only:batch:" }, day: EVE, status: "open" },
      }),
    ).toBe(2);
    const listed = await expectOpenExceptionsListTheirLines(merchantId);
    expect(listed.get(duplicate.key)).toEqual([till.get(6)?.id]);
    expect(listed.get(`pos_only:batch:T1000002:102:${EVE}`)).toEqual([3, 4, 5].map((row) => till.get(row)?.id));
    expect([...listed.keys()].filter((key) => key.startsWith("pos_only:batch:")).sort()).toEqual([
      `pos_only:batch:T1000001:101:${EVE}`,
      `pos_only:batch:T1000001:101:${NEXT}`,
      `pos_only:batch:T1000002:102:${EVE}`,
    ]);
  });

  test("a statement of the next day pairs the eve's lines by window and rrn, keeps the duplicate and finds the tie", async () => {
    const done = await importFile({ merchantId, type: "statement", content: csv([STATEMENT_HEADER, ...statement]) });
    expect(done.status).toBe("done");
    statementImport = done.id;
    const till = await linesOf(posImport);
    const settled = await linesOf(statementImport);
    const expectPair = (posLine: number, statementLine: number, category: string, rule: string) => {
      expect(till.get(posLine)).toMatchObject({
        category,
        matchedLineId: settled.get(statementLine)?.id,
        matchRule: rule,
      });
      expect(settled.get(statementLine)).toMatchObject({
        category: category === "duplicate" ? "matched" : category,
        matchedLineId: till.get(posLine)?.id,
        matchRule: rule,
      });
    };
    expectPair(2, 2, "matched", "window");
    expectPair(3, 3, "matched", "rrn");
    expectPair(4, 4, "matched", "rrn");
    expectPair(5, 5, "matched", "rrn");
    expectPair(6, 6, "duplicate", "rrn");
    // Statement line 7 is 60 s from POS line 7 (the eve) and from POS line 8 (the next day): a tie.
    expect([till.get(7)?.category, till.get(8)?.category, settled.get(7)?.category]).toEqual([
      "ambiguous",
      "ambiguous",
      "ambiguous",
    ]);
    const tie = await prisma.reconException.findFirstOrThrow({
      where: { merchantId, key: `ambiguous:${settled.get(7)?.id}` },
    });
    expect(tie).toMatchObject({ status: "open", category: "ambiguous", day: NEXT, lineCount: 3 });
    expect([till.get(7)?.exceptionId, till.get(8)?.exceptionId, settled.get(7)?.exceptionId]).toEqual([
      tie.id,
      tie.id,
      tie.id,
    ]);
    // The eve's batches were missing (one exception each); now only the line far from midnight is unexplained.
    const eveOpen = await prisma.reconException.findMany({
      where: { merchantId, day: EVE, status: "open" },
      select: { key: true },
    });
    expect(eveOpen.map((exception) => exception.key)).toEqual([`pos_only:${till.get(10)?.id}`]);
    expect(
      await prisma.reconException.count({
        where: { merchantId, key: { startsWith: "pos_only:batch:" }, day: EVE, status: "resolved" },
      }),
    ).toBe(2);
    const duplicate = await prisma.reconException.findFirstOrThrow({
      where: { merchantId, key: `duplicate:${till.get(6)?.id}` },
    });
    expect(duplicate).toMatchObject({ status: "open", day: NEXT, lineCount: 4 });
    // The first swipe is matched now, a case of no group's: the duplicate lists it and both statement lines.
    expect((await expectOpenExceptionsListTheirLines(merchantId)).get(duplicate.key)).toEqual(
      [till.get(5)?.id, till.get(6)?.id, settled.get(5)?.id, settled.get(6)?.id].sort((a, b) => (a ?? 0) - (b ?? 0)),
    );
  });

  test("a statement line of the eve pairs with a POS line just past midnight; the tie's exception is kept as it was", async () => {
    const tieBefore = await prisma.reconException.findFirstOrThrow({
      where: { merchantId, category: "ambiguous", status: "open" },
    });
    const done = await importFile({
      merchantId,
      type: "statement",
      content: csv([STATEMENT_HEADER, ...lateStatement]),
    });
    expect(done.status).toBe("done");
    const till = await linesOf(posImport);
    const late = await linesOf(done.id);
    expect(till.get(9)).toMatchObject({ category: "matched", matchedLineId: late.get(2)?.id, matchRule: "window" });
    expect(late.get(2)).toMatchObject({ category: "matched", matchedLineId: till.get(9)?.id, matchRule: "window" });
    // Re-matching both days again produced the same groups: the tie is the same open exception.
    const tieAfter = await prisma.reconException.findUniqueOrThrow({ where: { id: tieBefore.id } });
    expect(tieAfter).toMatchObject({ status: "open", key: tieBefore.key, lineCount: 3 });
    await expectOpenExceptionsListTheirLines(merchantId);
    // Every line of both days has exactly one category and pairs are mutual.
    const lines = await prisma.reconLine.findMany({ where: { merchantId, day: { in: [EVE, NEXT] } } });
    const byId = new Map(lines.map((line) => [line.id, line]));
    for (const line of lines) {
      if (line.matchedLineId === null) continue;
      expect(byId.get(line.matchedLineId)?.matchedLineId).toBe(line.id);
    }
  });
});

// A cancellation reaches further than the lines near midnight: a reversal half an hour before its
// sale at 23:59:30, whose statement line is at 00:00:00. The next day saw the sale and the statement
// line but not the reversal, so it judged the pair amount_mismatch for the eve's group, while the eve
// judged the sale cancelled: the statement line ended in no exception (found by the property test).
describe("a cancellation beyond the lines near midnight", () => {
  const EVE2 = "2026-11-15";
  const NEXT2 = "2026-11-16";
  test("both days see the reversal: the sale is voided, its settled statement line statement_only in one exception", async () => {
    const journalDone = await importFile({
      merchantId,
      type: "pos_journal",
      content: csv([
        [...POS_HEADER, "原凭证号"],
        [`${EVE2} 23:29:30`, "T1000001", null, "冲正", "5.00", null, "000301", null, "成功", "000202"],
        [`${EVE2} 23:59:30`, "T1000001", null, "消费", "128.00", null, "000202", "202", "成功", null],
      ]),
    });
    expect(journalDone.status).toBe("done");
    const statementDone = await importFile({
      merchantId,
      type: "statement",
      content: csv([
        STATEMENT_HEADER,
        [
          "2026-11-17",
          `${NEXT2} 00:00:00`,
          MID,
          "T1000001",
          null,
          "消费",
          "5.00",
          "0.00",
          "5.00",
          null,
          "000202",
          "202",
        ],
      ]),
    });
    expect(statementDone.status).toBe("done");
    const till = await linesOf(journalDone.id);
    const settled = await linesOf(statementDone.id);
    expect(till.get(2)).toMatchObject({ category: "voided" });
    expect(till.get(3)).toMatchObject({ category: "voided", matchedLineId: settled.get(2)?.id, matchRule: "trace" });
    expect(settled.get(2)).toMatchObject({ category: "statement_only", matchedLineId: till.get(3)?.id });
    const exception = await prisma.reconException.findFirstOrThrow({
      where: { merchantId, key: `statement_only:${settled.get(2)?.id}` },
    });
    expect(exception).toMatchObject({ status: "open", day: NEXT2, lineCount: 2 });
    expect(settled.get(2)?.exceptionId).toBe(exception.id);
  });
});
