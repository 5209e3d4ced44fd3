// Withdrawing a file leaves the reconciliation as if it had never been imported. Through the real
// import job, over random journals around a midnight (some sales swiped twice, some unsigned or
// declined), statements that settle some of them (shifted a minute, another amount, without rrn),
// a bank file paying, short-paying or not paying the settle dates, and a second day's journal:
// the files imported in a random order on days of their own ("withdrawn"), one of them withdrawn,
// against the same files but that one imported in the same order on days decades later ("never"). Line
// by line (category, partner), open exception by open exception (category, day, amount, lines),
// settlement by settlement, and the dashboard's per-day sums must be the same, shifted in time.
import "@/tests/integration/reconciliation-import-spool-dir";
import fc from "fast-check";
import { beforeAll, expect, test } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { prisma } from "@/lib/db/client";
import { runImport } from "@/lib/reconciliation/import/run-import";
import { withdrawImport } from "@/lib/reconciliation/imports/withdraw-import";
import { addDays } from "@/lib/reconciliation/match/local-time";
import type { ImportType } from "@/lib/reconciliation/types";
import { csv, importFile, noHeartbeat } from "@/tests/integration/reconciliation-import-fixtures";

const POS_HEADER = [
  "交易时间",
  "终端号",
  "卡号",
  "交易类型",
  "交易金额",
  "参考号",
  "凭证号",
  "批次号",
  "交易状态",
  "签名",
];
const STATEMENT_HEADER = [
  "清算日期",
  "交易时间",
  "终端号",
  "卡号",
  "交易类型",
  "交易金额",
  "手续费",
  "结算金额",
  "参考号",
  "批次号",
];
const BANK_HEADER = ["交易日期", "贷方金额", "摘要", "对方户名"];
const CARDS = ["622202******0128", "622848******1234"];
/** Days between the two worlds; each run has 10 days of its own (shrinking included) before them. */
const SHIFT = 12_000;

let merchantId: string;
let finance: Actor;
beforeAll(async () => {
  merchantId = (await prisma.merchant.findFirstOrThrow({ where: { name: "Demo Merchant" }, select: { id: true } })).id;
  const user = await prisma.user.findFirstOrThrow({
    where: { email: "finance@demo.test" },
    include: { membership: true },
  });
  finance = {
    userId: user.id,
    name: user.name,
    email: user.email,
    merchantId,
    role: "FINANCE",
    storeIds: [],
  };
});

/** A time `minute` minutes from the midnight that starts `day` (negative: the evening before). */
function at(day: string, minute: number): string {
  const date = minute < 0 ? addDays(day, -1) : day;
  const since = ((minute + 1440) % 1440) * 60;
  const pad = (value: number) => String(value).padStart(2, "0");
  return `${date} ${pad(Math.floor(since / 3600))}:${pad(Math.floor(since / 60) % 60)}:00`;
}

const sale = fc.record({
  minute: fc.integer({ min: -5, max: 4 }),
  tid: fc.constantFrom("T1000001", "T1000002"),
  card: fc.constantFrom(0, 1),
  amount: fc.constantFrom("10.00", "20.00"),
  batch: fc.constantFrom("101", "102"),
  signed: fc.constantFrom("Y", "Y", "N"),
  approved: fc.constantFrom(true, true, true, false),
  twice: fc.boolean(),
  settles: fc.constantFrom("none", "same", "same", "shifted", "other_amount", "late"),
});

const world = fc.record({
  sales: fc.array(sale, { minLength: 1, maxLength: 8 }),
  later: fc.array(sale, { minLength: 1, maxLength: 3 }),
  // The bank pays the settle date's net total: exactly, 1.00 short, or not at all; and maybe a
  // credit nothing explains.
  credit: fc.constantFrom("exact", "short", "none"),
  stray: fc.boolean(),
  order: fc.shuffledSubarray([0, 1, 2, 3], { minLength: 4, maxLength: 4 }),
  withdrawn: fc.integer({ min: 0, max: 3 }),
});
type World = typeof world extends fc.Arbitrary<infer T> ? T : never;
type Sale = World["sales"][number];

/** The four files of a world whose midnight starts `next`: journal, statement, bank, later journal. */
function filesOf(drawn: World, next: string, tag: string): { type: ImportType; content: string }[] {
  const settle = addDays(next, 1);
  const sales = (list: Sale[], day: string, prefix: string) =>
    list.flatMap((line, index) => {
      const first = { ...line, day, rrn: `${tag}${prefix}${index}`, trace: String(100_000 + index) };
      return line.twice
        ? [first, { ...first, minute: line.minute + 1, rrn: `${first.rrn}b`, trace: String(200_000 + index) }]
        : [first];
    });
  const all = [...sales(drawn.sales, next, "A"), ...sales(drawn.later, addDays(next, 3), "L")];
  const journal = (lines: typeof all) =>
    csv([
      POS_HEADER,
      ...lines.map((line) => [
        at(line.day, line.minute),
        line.tid,
        CARDS[line.card],
        "消费",
        line.amount,
        line.rrn,
        line.trace,
        line.batch,
        line.approved ? "成功" : "失败",
        line.signed,
      ]),
    ]);
  const settled = all.filter((line) => line.settles !== "none" && line.approved);
  const statementRows = settled.map((line) => {
    const amount = line.settles === "other_amount" ? "15.00" : line.amount;
    const shifted = line.settles === "shifted" || line.settles === "late";
    return [
      line.day === next ? settle : addDays(line.day, 1),
      at(line.day, line.minute + (shifted ? 1 : 0)),
      line.tid,
      CARDS[line.card],
      "消费",
      amount,
      "0.00",
      amount,
      line.settles === "late" ? null : line.rrn,
      line.batch,
    ];
  });
  const totals = new Map<string, number>();
  for (const row of statementRows)
    totals.set(row[0] as string, (totals.get(row[0] as string) ?? 0) + Number(row[7]) * 100);
  const bankRows: (string | null)[][] = [];
  for (const [date, total] of [...totals].sort()) {
    if (drawn.credit === "none") continue;
    const paid = drawn.credit === "short" ? total - 100 : total;
    if (paid > 0) bankRows.push([addDays(date, 1), (paid / 100).toFixed(2), "银联入账", "银联商务"]);
  }
  if (drawn.stray) bankRows.push([addDays(settle, 2), "3.33", "其他入账", "某公司"]);
  return [
    { type: "pos_journal", content: journal(all.filter((line) => line.day === next)) },
    { type: "statement", content: csv([STATEMENT_HEADER, ...statementRows]) },
    { type: "bank_credit", content: csv([BANK_HEADER, ...bankRows]) },
    { type: "pos_journal", content: journal(all.filter((line) => line.day !== next)) },
  ];
}

/** The merchant's reconciliation over [from, to], named by file and line and by day from `from`. */
async function stateOf(importIds: Map<string, number>, from: string, to: string) {
  const offset = (day: string | null) =>
    day === null ? null : Math.round((Date.parse(day) - Date.parse(from)) / 86_400_000);
  const lines = await prisma.reconLine.findMany({
    where: { merchantId, importId: { in: [...importIds.keys()] } },
    select: { id: true, importId: true, lineNo: true, category: true, matchedLineId: true, exceptionId: true },
  });
  const nameOf = new Map(lines.map((line) => [line.id, `${importIds.get(line.importId)}:${line.lineNo}`]));
  const exceptions = await prisma.reconException.findMany({
    where: { merchantId, status: "open", day: { gte: addDays(from, -2), lte: addDays(to, 6) } },
    select: { id: true, category: true, day: true, amountMinor: true, lineCount: true },
  });
  const settlements = await prisma.reconSettlement.findMany({
    where: { merchantId, settleDate: { gte: from, lte: to } },
    select: { settleDate: true, category: true, expectedMinor: true, shortByMinor: true, creditLineId: true },
  });
  const tallies = await prisma.dashboardTransactionDay.findMany({
    // (not the running totals: those of the later world carry every earlier run's lines)
    where: { merchantId, day: { gte: addDays(from, -1), lte: to }, dimension: { in: ["line", "hour"] } },
  });
  return {
    lines: lines
      .map((line) => ({
        line: nameOf.get(line.id),
        category: line.category,
        partner: line.matchedLineId === null ? null : (nameOf.get(line.matchedLineId) ?? "gone"),
      }))
      .sort((a, b) => String(a.line).localeCompare(String(b.line))),
    exceptions: exceptions
      .map((exception) => ({
        category: exception.category,
        day: offset(exception.day),
        amountMinor: Number(exception.amountMinor),
        lineCount: exception.lineCount,
        lines: lines
          .filter((line) => line.exceptionId === exception.id)
          .map((line) => nameOf.get(line.id))
          .sort(),
      }))
      .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))),
    settlements: settlements
      .map((settlement) => ({
        day: offset(settlement.settleDate),
        category: settlement.category,
        expectedMinor: Number(settlement.expectedMinor),
        shortByMinor: Number(settlement.shortByMinor),
        credit: settlement.creditLineId === null ? null : nameOf.get(settlement.creditLineId),
      }))
      .sort((a, b) => Number(a.day) - Number(b.day)),
    tallies: tallies
      .map(({ merchantId: _merchant, day, ...rest }) => ({ day: offset(day), ...rest }))
      .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))),
  };
}

test("withdrawing a file leaves the reconciliation as if it had never been imported", async () => {
  let run = 0;
  await fc.assert(
    fc.asyncProperty(world, async (drawn) => {
      const next = addDays("1960-01-10", 10 * run++);
      const ids = { withdrawn: new Map<string, number>(), never: new Map<string, number>() };
      for (const [name, day] of [
        ["withdrawn", next],
        ["never", addDays(next, SHIFT)],
      ] as const) {
        const files = filesOf(drawn, day, `${name[0]}${run}`);
        for (const index of drawn.order) {
          if (name === "never" && index === drawn.withdrawn) continue;
          const done = await importFile({ merchantId, ...files[index] });
          expect(done.status, done.errors ?? "").toBe("done");
          ids[name].set(done.id, index);
        }
      }
      const doomed = [...ids.withdrawn].find(([, index]) => index === drawn.withdrawn)?.[0];
      if (!doomed) throw new Error("no file to withdraw");
      expect((await withdrawImport({ actor: finance, id: doomed })).status).toBe("withdrawing");
      await runImport(doomed, noHeartbeat);
      expect((await prisma.reconImport.findUniqueOrThrow({ where: { id: doomed } })).status).toBe("withdrawn");
      expect(await prisma.reconLine.count({ where: { importId: doomed } })).toBe(0);

      const withdrawn = await stateOf(ids.withdrawn, addDays(next, -1), addDays(next, 6));
      const never = await stateOf(ids.never, addDays(next, SHIFT - 1), addDays(next, SHIFT + 6));
      expect(withdrawn).toEqual(never);
    }),
    { numRuns: 25 },
  );
}, 600_000);
