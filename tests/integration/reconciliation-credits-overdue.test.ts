// A settle date waiting for its bank credit becomes credit_missing once its window has passed,
// whichever file comes next. A review found a date left awaiting_credit for ever: only the settle
// dates near the new file's own were decided again, so a date whose window ran out after the last
// bank file never turned into the 已扣款未到账 case it is.
import "@/tests/integration/reconciliation-import-spool-dir";
import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";
import { prisma } from "@/lib/db/client";
import { referenceOf } from "@/lib/incidents/serialize";
import { forgetSessions } from "@/tests/helpers/api";
import { openIncidentAs } from "@/tests/integration/reconciliation-exceptions-fixtures";
import { csv, importFile, STATEMENT_HEADER } from "@/tests/integration/reconciliation-import-fixtures";

const MID = "898310048160001";

let merchantId: string;

/**
 * The clock at noon in Shanghai on `day` (the merchant's day: MERCHANT_TIME_ZONE); it stands still
 * until moved. Sessions signed in on another day have expired: they are signed in again.
 */
const noonOn = (day: string) => {
  vi.setSystemTime(new Date(`${day}T04:00:00Z`));
  forgetSessions();
};

const statement = (settle: string, time: string, net: string, rrn: string) =>
  csv([STATEMENT_HEADER, [settle, time, MID, "T1000001", null, "消费", net, "0.00", net, rrn, rrn.slice(-6), "001"]]);

const bankFile = (day: string, amount: string) =>
  csv([
    ["交易日期", "贷方金额", "摘要", "对方户名"],
    [day, amount, "POS settlement", "Acquirer"],
  ]);

const settlementOf = (settleDate: string) =>
  prisma.reconSettlement.findFirstOrThrow({
    where: { merchantId, settleDate },
    select: { category: true, shortByMinor: true },
  });

const openCreditCases = () =>
  prisma.reconException.findMany({
    where: { merchantId, status: "open", category: { startsWith: "credit_" } },
    select: { key: true, amountMinor: true },
    orderBy: { key: "asc" },
  });

/** A statement for `settle`: one sale of the day before, settled at `net`. */
const settleOn = (settle: string, net: string, rrn: string) => {
  const before = new Date(`${settle}T00:00:00Z`);
  before.setUTCDate(before.getUTCDate() - 1);
  const time = `${before.toISOString().slice(0, 10)} 10:00:00`;
  return importFile({ merchantId, type: "statement", content: statement(settle, time, net, rrn) });
};

/** The clock moved on to `hour` (UTC) of the same day, inside the sign-in's 12 hours. */
const laterThatDay = (hour: number) => {
  const now = new Date();
  now.setUTCHours(hour, 0, 0, 0);
  vi.setSystemTime(now);
};

const creditCase = (key: string) =>
  prisma.reconException.findUniqueOrThrow({ where: { merchantId_key: { merchantId, key } } });

async function reconEvents(incidentId: string) {
  const events = await prisma.auditEvent.findMany({
    where: { incidentId, type: { startsWith: "reconciliation." } },
    orderBy: { seq: "asc" },
  });
  return events.map((event) => ({ type: event.type, after: JSON.parse(event.after ?? "{}") }));
}

beforeAll(async () => {
  vi.useFakeTimers({ toFake: ["Date"] });
  merchantId = (await prisma.merchant.findFirstOrThrow({ select: { id: true }, orderBy: { createdAt: "asc" } })).id;
});

afterAll(() => {
  vi.useRealTimers();
});

describe("a settle date whose credit window runs out", () => {
  test("is awaiting its credit on the window's last day, and credit_missing after it when a journal comes", async () => {
    noonOn("2026-06-15");
    const done = await importFile({
      merchantId,
      type: "statement",
      content: statement("2026-06-12", "2026-06-11 10:00:00", "100.00", "710000000001"),
    });
    expect(done.status).toBe("done");
    // The default window is 3 days: a credit dated 06-15 may still be imported today.
    expect(await settlementOf("2026-06-12")).toMatchObject({ category: "awaiting_credit" });
    expect(await openCreditCases()).toEqual([]);

    noonOn("2026-06-25");
    const journal = await importFile({
      merchantId,
      type: "pos_journal",
      content: csv([
        ["time", "terminal id", "type", "amount", "rrn", "trace no", "batch no", "status"],
        ["2026-06-24 09:00:00", "T1000001", "sale", "12.00", "710000000002", "000002", "002", "approved"],
      ]),
    });
    expect(journal.status).toBe("done");
    expect(await settlementOf("2026-06-12")).toMatchObject({ category: "credit_missing", shortByMinor: 10000n });
    expect(await openCreditCases()).toEqual([{ key: `credit_missing:${MID}:2026-06-12`, amountMinor: 10000n }]);
  });

  test("and when a bank file comes whose credits are too late to pay it", async () => {
    noonOn("2026-07-15");
    const done = await importFile({
      merchantId,
      type: "statement",
      content: statement("2026-07-12", "2026-07-11 10:00:00", "200.00", "720000000001"),
    });
    expect(done.status).toBe("done");
    expect(await settlementOf("2026-07-12")).toMatchObject({ category: "awaiting_credit" });

    noonOn("2026-07-30");
    const bank = await importFile({ merchantId, type: "bank_credit", content: bankFile("2026-07-29", "200.00") });
    expect(bank.status).toBe("done");
    // 07-29 is after 07-12's window (07-12 … 07-15): the credit cannot pay it, and explains nothing.
    expect(await settlementOf("2026-07-12")).toMatchObject({ category: "credit_missing", shortByMinor: 20000n });
    const cases = await openCreditCases();
    expect(cases.map((exception) => exception.key)).toContain(`credit_missing:${MID}:2026-07-12`);
    expect(cases.filter((exception) => exception.key.startsWith("credit_unexplained:"))).toHaveLength(1);
  });

  // A review found a case's incident left behind when its category changed: the missing credit's
  // incident was told the money had come (evidence matched, no line) and the short one opened
  // unlinked, for a second incident.
  test("its incident follows the case when a smaller credit makes it short, and the timeline says so", async () => {
    noonOn("2026-08-20");
    const done = await importFile({
      merchantId,
      type: "statement",
      content: statement("2026-08-12", "2026-08-11 10:00:00", "300.00", "730000000001"),
    });
    expect(done.status).toBe("done");
    const missing = await prisma.reconException.findUniqueOrThrow({
      where: { merchantId_key: { merchantId, key: `credit_missing:${MID}:2026-08-12` } },
    });
    const opened = await openIncidentAs("finance", missing.id);
    expect(opened.status).toBe(201);
    const incidentId: string = opened.body.incident.id;

    // Later that day (within the sign-in's 12 hours: the session is asked again below).
    vi.setSystemTime(new Date("2026-08-20T10:00:00Z"));
    const bank = await importFile({ merchantId, type: "bank_credit", content: bankFile("2026-08-13", "290.00") });
    expect(bank.status).toBe("done");
    expect(await settlementOf("2026-08-12")).toMatchObject({ category: "credit_short", shortByMinor: 1000n });
    const short = await prisma.reconException.findUniqueOrThrow({
      where: { merchantId_key: { merchantId, key: `credit_short:${MID}:2026-08-12` } },
    });
    expect(short).toMatchObject({ status: "open", incidentId, amountMinor: 1000n });
    const events = await prisma.auditEvent.findMany({
      where: { incidentId, type: { startsWith: "reconciliation." } },
      orderBy: { seq: "asc" },
    });
    expect(events.map((event) => event.type)).toEqual(["reconciliation.exception_linked"]);
    expect(JSON.parse(events[0].after ?? "{}")).toMatchObject({
      exceptionId: short.id,
      category: "credit_short",
      lines: [expect.objectContaining({ source: "bank", amount: "290.00" })],
    });
    // Opening an incident from the short case answers with the same one.
    const again = await openIncidentAs("finance", short.id);
    expect(again.body).toMatchObject({ linked: true, incident: { id: incidentId } });
  });

  // A review found a case told "a later file explains this" when its date turned back from short
  // to missing (another date's statement took the credit), with that credit — paying the other
  // date — as the evidence to confirm.
  test("missing, short, then missing again once another date takes the credit: the case follows it, never told it is paid", async () => {
    noonOn("2026-10-20");
    await settleOn("2026-10-12", "300.00", "740000000001");
    const missing = await creditCase(`credit_missing:${MID}:2026-10-12`);
    const incidentId: string = (await openIncidentAs("finance", missing.id)).body.incident.id;
    laterThatDay(6);
    await importFile({ merchantId, type: "bank_credit", content: bankFile("2026-10-13", "290.00") });
    expect(await creditCase(`credit_short:${MID}:2026-10-12`)).toMatchObject({ status: "open", incidentId });

    laterThatDay(8);
    await settleOn("2026-10-13", "290.00", "740000000002");
    expect(await settlementOf("2026-10-13")).toMatchObject({ category: "credited" });
    expect(await settlementOf("2026-10-12")).toMatchObject({ category: "credit_missing" });
    expect(await creditCase(`credit_missing:${MID}:2026-10-12`)).toMatchObject({ status: "open", incidentId });
    const events = await reconEvents(incidentId);
    expect(events.map((event) => [event.type, event.after.category])).toEqual([
      ["reconciliation.exception_linked", "credit_short"],
      ["reconciliation.exception_linked", "credit_missing"],
    ]);
  });

  // The same review: a closed case was linked to the date's new case (and told so), leaving the
  // money without a live case once the date turned back.
  test("a closed case does not follow its date: the short case opens its own, which follows the date back to missing", async () => {
    noonOn("2026-11-10");
    await settleOn("2026-11-02", "400.00", "750000000001");
    const missing = await creditCase(`credit_missing:${MID}:2026-11-02`);
    const closed: string = (await openIncidentAs("finance", missing.id)).body.incident.id;
    await prisma.incident.update({ where: { id: closed }, data: { status: "CLOSED", closedAt: new Date() } });
    laterThatDay(6);
    await importFile({ merchantId, type: "bank_credit", content: bankFile("2026-11-03", "390.00") });
    const short = await creditCase(`credit_short:${MID}:2026-11-02`);
    expect(short).toMatchObject({ status: "open", incidentId: null });
    expect(await reconEvents(closed)).toEqual([]);
    const opened = await openIncidentAs("finance", short.id);
    expect(opened.status).toBe(201);
    const live: string = opened.body.incident.id;

    laterThatDay(8);
    await settleOn("2026-11-03", "390.00", "750000000002");
    expect(await creditCase(`credit_missing:${MID}:2026-11-02`)).toMatchObject({ status: "open", incidentId: live });
    expect((await reconEvents(live)).map((event) => [event.type, event.after.category])).toEqual([
      ["reconciliation.exception_linked", "credit_missing"],
    ]);
    expect(await reconEvents(closed)).toEqual([]);
  });

  test("a date that turns back into a case another live incident follows: the case is told whose it is", async () => {
    noonOn("2026-11-20");
    await settleOn("2026-11-12", "500.00", "760000000001");
    const missing = await creditCase(`credit_missing:${MID}:2026-11-12`);
    const first: string = (await openIncidentAs("finance", missing.id)).body.incident.id;
    await prisma.incident.update({ where: { id: first }, data: { status: "CLOSED", closedAt: new Date() } });
    laterThatDay(6);
    await importFile({ merchantId, type: "bank_credit", content: bankFile("2026-11-13", "480.00") });
    const second: string = (await openIncidentAs("finance", (await creditCase(`credit_short:${MID}:2026-11-12`)).id))
      .body.incident.id;
    // The first case is reopened: the missing date is its again.
    await prisma.incident.update({ where: { id: first }, data: { status: "OPEN", closedAt: null } });

    laterThatDay(8);
    await settleOn("2026-11-13", "480.00", "760000000002");
    expect(await creditCase(`credit_missing:${MID}:2026-11-12`)).toMatchObject({ status: "open", incidentId: first });
    const { number } = await prisma.incident.findUniqueOrThrow({ where: { id: first } });
    expect(await reconEvents(second)).toEqual([
      {
        type: "reconciliation.exception_linked",
        after: expect.objectContaining({
          category: "credit_missing",
          followedBy: { id: first, reference: referenceOf(number) },
        }),
      },
    ]);
  });
});
