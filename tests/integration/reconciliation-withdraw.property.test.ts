// Withdrawing a file leaves the reconciliation as if it had never been imported. Through the real
// import job, over random journals around a midnight (some sales swiped twice, some unsigned or
// declined), statements that settle some of them (shifted a minute, another amount, without rrn),
// a bank file paying, short-paying or not paying the settle dates, a later day's journal, and maybe
// the first journal exported again with one more sale (its twins left out, or — when it comes
// first — the first journal's lines kept beside it): the files imported in a random order by one
// merchant ("withdrawn"), one of them withdrawn, against the same files but that one imported in
// the same order by another merchant ("never"). The days are days before today, so the lines of
// a settle date not yet passed are pending. Line by line (category, partner), open exception by
// open exception (category, day, amount, lines), settlement by settlement, and the dashboard's
// per-day sums must be the same. A withdrawal refused because a later export left out lines on
// the file's days is checked to be that and compares nothing.
import "@/tests/integration/reconciliation-import-spool-dir";
import fc from "fast-check";
import { expect, test } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { LINE_COUNT_COLUMNS } from "@/lib/dashboard/line-totals";
import { prisma } from "@/lib/db/client";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors/app-error";
import { merchantToday } from "@/lib/reconciliation/import/merchant-today";
import { runImport } from "@/lib/reconciliation/import/run-import";
import { withdrawImport } from "@/lib/reconciliation/imports/withdraw-import";
import { leftOutDaysOf, publishedAtOf } from "@/lib/reconciliation/imports/withdrawal";
import { addDays } from "@/lib/reconciliation/match/local-time";
import type { ImportType } from "@/lib/reconciliation/types";
import { csv, importFile, noHeartbeat, SHORT_POS_HEADER } from "@/tests/integration/reconciliation-import-fixtures";

const POS_HEADER = [...SHORT_POS_HEADER, "签名"];
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

/** A merchant of its own with the two terminals the files name, and its finance clerk. */
async function newMerchant(): Promise<Actor> {
  const tag = Math.random().toString(36).slice(2);
  const merchant = await prisma.merchant.create({ data: { name: `Withdraw ${tag}` } });
  const store = await prisma.store.create({ data: { merchantId: merchant.id, name: "Store" } });
  await prisma.terminal.createMany({
    data: ["T1000001", "T1000002"].map((tid) => ({ merchantId: merchant.id, storeId: store.id, tid })),
  });
  const user = await prisma.user.create({
    data: {
      name: "Finance",
      email: `finance-${tag}@withdraw.test`,
      membership: { create: { merchantId: merchant.id, role: "FINANCE" } },
    },
  });
  return {
    userId: user.id,
    name: user.name,
    email: user.email,
    merchantId: merchant.id,
    role: "FINANCE",
    storeIds: [],
  };
}

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

const world = fc
  .record({
    sales: fc.array(sale, { minLength: 1, maxLength: 8 }),
    later: fc.array(sale, { minLength: 1, maxLength: 3 }),
    // The bank pays the settle date's net total: exactly, 1.00 short, or not at all; and maybe a
    // credit nothing explains.
    credit: fc.constantFrom("exact", "short", "none"),
    stray: fc.boolean(),
    // The first journal exported again, with one more sale of its day.
    again: fc.option(sale, { nil: null }),
    // How many days before today the first journal's midnight is (the later journal is 3 after).
    daysAgo: fc.integer({ min: 3, max: 9 }),
    order: fc.shuffledSubarray([0, 1, 2, 3, 4], { minLength: 5, maxLength: 5 }),
    withdrawn: fc.integer({ min: 0, max: 4 }),
  })
  .map((drawn) =>
    drawn.again
      ? drawn
      : { ...drawn, order: drawn.order.filter((index) => index !== 4), withdrawn: drawn.withdrawn % 4 },
  );
type World = typeof world extends fc.Arbitrary<infer T> ? T : never;
type Sale = World["sales"][number];

/**
 * The files of a world whose midnight starts `next`: journal, statement, bank, later journal, and
 * the journal exported again (when drawn).
 */
function filesOf(drawn: World, next: string, tag: string): { type: ImportType; content: string }[] {
  const settle = addDays(next, 1);
  const sales = (list: Sale[], day: string, prefix: string) =>
    list.flatMap((line, index) => {
      const first = { ...line, day, rrn: `${tag}${prefix}${index}`, trace: String(100_000 + index) };
      return line.twice
        ? [first, { ...first, minute: line.minute + 1, rrn: `${first.rrn}b`, trace: String(200_000 + index) }]
        : [first];
    });
  const first = sales(drawn.sales, next, "A");
  const all = [...first, ...sales(drawn.later, addDays(next, 3), "L")];
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
    ...(drawn.again
      ? [
          {
            type: "pos_journal" as const,
            content: `POS流水 再次导出\n${journal([...first, ...sales([drawn.again], next, "X")])}`,
          },
        ]
      : []),
  ];
}

/** The merchant's reconciliation, named by file and line. */
async function stateOf(merchantId: string, importIds: Map<string, number>) {
  const lines = await prisma.reconLine.findMany({
    where: { merchantId },
    select: { id: true, importId: true, lineNo: true, category: true, matchedLineId: true, exceptionId: true },
  });
  const nameOf = new Map(lines.map((line) => [line.id, `${importIds.get(line.importId)}:${line.lineNo}`]));
  const exceptions = await prisma.reconException.findMany({
    where: { merchantId, status: "open" },
    select: { id: true, category: true, day: true, amountMinor: true, lineCount: true },
  });
  const settlements = await prisma.reconSettlement.findMany({
    where: { merchantId },
    select: { settleDate: true, category: true, expectedMinor: true, shortByMinor: true, creditLineId: true },
  });
  // (A running total of zero is no total: a recount from an earlier day writes one for a terminal
  // on the days before its first line, which the readers skip — lib/dashboard/line-totals.ts.)
  const tallies = (await prisma.dashboardTransactionDay.findMany({ where: { merchantId } })).filter(
    (row) => row.dimension !== "total" || LINE_COUNT_COLUMNS.some((column) => row[column] !== 0),
  );
  // The two merchants' stores and terminals are their own rows: named by their TID (one store each).
  const tidOf = new Map(
    (await prisma.terminal.findMany({ where: { merchantId }, select: { id: true, tid: true } })).map((t) => [
      t.id,
      t.tid,
    ]),
  );
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
        day: exception.day,
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
        day: settlement.settleDate,
        category: settlement.category,
        expectedMinor: Number(settlement.expectedMinor),
        shortByMinor: Number(settlement.shortByMinor),
        credit: settlement.creditLineId === null ? null : nameOf.get(settlement.creditLineId),
      }))
      .sort((a, b) => a.day.localeCompare(b.day)),
    tallies: tallies
      .map(({ merchantId: _merchant, storeId, terminal, ...rest }) => ({
        ...rest,
        store: storeId === "" ? "" : "the store",
        terminal: tidOf.get(terminal) ?? terminal,
      }))
      .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))),
  };
}

const SWIPE: Sale = {
  minute: -1,
  tid: "T1000001",
  card: 0,
  amount: "20.00",
  batch: "102",
  signed: "Y",
  approved: true,
  twice: false,
  settles: "same",
};

test("withdrawing a file leaves the reconciliation as if it had never been imported", async () => {
  let run = 0;
  await fc.assert(
    fc.asyncProperty(world, async (drawn) => {
      run++;
      const today = merchantToday(env.MERCHANT_TIME_ZONE);
      const next = addDays(today, -drawn.daysAgo);
      const actors = { withdrawn: await newMerchant(), never: await newMerchant() };
      const ids = { withdrawn: new Map<string, number>(), never: new Map<string, number>() };
      for (const name of ["withdrawn", "never"] as const) {
        const files = filesOf(drawn, next, `${name[0]}${run}`);
        for (const index of drawn.order) {
          if (name === "never" && index === drawn.withdrawn) continue;
          const done = await importFile({ merchantId: actors[name].merchantId, ...files[index] });
          expect(done.status, done.errors ?? "").toBe("done");
          ids[name].set(done.id, index);
        }
      }
      const doomed = [...ids.withdrawn].find(([, index]) => index === drawn.withdrawn)?.[0];
      if (!doomed) throw new Error("no file to withdraw");

      const refusal = await withdrawImport({ actor: actors.withdrawn, id: doomed }).then(
        () => null,
        (error: unknown) => error,
      );
      if (refusal !== null) {
        // Only a later export of the journal that left out lines on the file's days refuses it.
        expect(refusal).toBeInstanceOf(AppError);
        expect((refusal as AppError).reason).toBe("IMPORT_LINES_LEFT_OUT_LATER");
        const imports = await prisma.reconImport.findMany({ where: { id: { in: [...ids.withdrawn.keys()] } } });
        const own = imports.find((row) => row.id === doomed);
        if (!own) throw new Error("the file is gone");
        const days = new Set(
          (await prisma.reconLine.findMany({ where: { importId: doomed }, select: { day: true } })).map((l) => l.day),
        );
        const blocking = imports.filter(
          (row) =>
            row.type === own.type &&
            publishedAtOf(row) > publishedAtOf(own) &&
            (leftOutDaysOf(JSON.parse(row.report ?? "{}")) ?? []).some((day) => days.has(day)),
        );
        expect(blocking.length).toBeGreaterThan(0);
        return;
      }
      await runImport(doomed, noHeartbeat);
      expect((await prisma.reconImport.findUniqueOrThrow({ where: { id: doomed } })).status).toBe("withdrawn");
      expect(await prisma.reconLine.count({ where: { importId: doomed } })).toBe(0);

      // (the day turned while the run imported: the two merchants' lines were matched on two todays)
      fc.pre(merchantToday(env.MERCHANT_TIME_ZONE) === today);
      const withdrawn = await stateOf(actors.withdrawn.merchantId, ids.withdrawn);
      const never = await stateOf(actors.never.merchantId, ids.never);
      expect(withdrawn).toEqual(never);
    }),
    {
      numRuns: 25,
      examples: [
        // Found by CI: three approvals of one card and amount across midnight (a sale swiped twice,
        // the journal exported again; the older export's copy of the second swipe stays a line of
        // its own): two duplicates of the first charge, whose groups both name it. Whichever group
        // was written last took it, and the withdrawal re-published one of them only.
        [
          {
            sales: [{ ...SWIPE, tid: "T1000002", card: 1, twice: true, settles: "same" }],
            later: [{ ...SWIPE, twice: true, settles: "shifted" }],
            credit: "exact",
            stray: false,
            again: { ...SWIPE, minute: 1, tid: "T1000002", batch: "101", signed: "N", settles: "shifted" },
            daysAgo: 9,
            order: [1, 4, 3, 0, 2],
            withdrawn: 3,
          },
        ],
        // Found while fixing that: an open credit case the publish was about to resolve kept the
        // stray credit from the short settle date's case, because it was resolved only after.
        [
          {
            sales: [{ ...SWIPE, minute: 0, amount: "10.00", batch: "101", settles: "late" }],
            later: [{ ...SWIPE, minute: 0, amount: "10.00", batch: "101", settles: "shifted" }],
            credit: "none",
            stray: true,
            again: null,
            daysAgo: 3,
            order: [2, 0, 3, 1],
            withdrawn: 0,
          },
        ],
      ],
    },
  );
}, 600_000);
