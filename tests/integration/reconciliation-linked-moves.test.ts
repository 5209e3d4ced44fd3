// An incident's link follows its exception's lines through the real import job: a missing batch
// whose case finance opened, then part of it settles — the rest is still the case's (linked, and
// its timeline says the case follows it, not that the money came); a batch split by a statement
// and whole again once that statement is withdrawn stays one case; a missing sale that settles at
// another amount keeps its case (and the statement that shows it can no longer be withdrawn).
// Found by review: each of these left the money in an unlinked exception (a second incident for it)
// and told the case "a later file explains this".
import "@/tests/integration/reconciliation-import-spool-dir";
import { beforeAll, describe, expect, test } from "vitest";
import { matchingLinesOf } from "@/components/reconciliation/matching-line";
import { verifyChain } from "@/lib/audit/verify-chain";
import type { Actor } from "@/lib/auth/actor";
import { prisma } from "@/lib/db/client";
import { getIncident } from "@/lib/incidents/get-incident";
import { referenceOf } from "@/lib/incidents/serialize";
import { runImport } from "@/lib/reconciliation/import/run-import";
import { withdrawImport } from "@/lib/reconciliation/imports/withdraw-import";
import { openIncidentAs } from "@/tests/integration/reconciliation-exceptions-fixtures";
import {
  csv,
  importFile,
  noHeartbeat,
  SHORT_POS_HEADER,
  SHORT_STATEMENT_HEADER,
} from "@/tests/integration/reconciliation-import-fixtures";

const CARD = "622202******0128";
const POS_HEADER = SHORT_POS_HEADER;
const STATEMENT_HEADER = SHORT_STATEMENT_HEADER;
const sale = (day: string, time: string, amount: string, rrn: string, batch: string) => [
  `${day} ${time}`,
  "T1000001",
  CARD,
  "消费",
  amount,
  rrn,
  rrn.slice(-6).padStart(6, "0"),
  batch,
  "成功",
];
const settled = (day: string, time: string, amount: string, rrn: string, batch: string) => [
  day.replace(/\d\d$/, (date) => String(Number(date) + 1).padStart(2, "0")),
  `${day} ${time}`,
  "T1000001",
  CARD,
  "消费",
  amount,
  "0.00",
  amount,
  rrn,
  rrn.slice(-6).padStart(6, "0"),
  batch,
];

const bank = (date: string, amount: string) =>
  importFile({
    merchantId,
    type: "bank_credit",
    content: csv([
      ["交易日期", "贷方金额", "摘要", "对方户名"],
      [date, amount, "POS settlement", "Acquirer"],
    ]),
  });
const importJournal = (...sales: ReturnType<typeof sale>[]) =>
  importFile({ merchantId, type: "pos_journal", content: csv([POS_HEADER, ...sales]) });
const importStatement = (...lines: ReturnType<typeof settled>[]) =>
  importFile({ merchantId, type: "statement", content: csv([STATEMENT_HEADER, ...lines]) });

let merchantId: string;
let finance: Actor;

beforeAll(async () => {
  merchantId = (await prisma.merchant.findFirstOrThrow({ where: { name: "Demo Merchant" }, select: { id: true } })).id;
  const user = await prisma.user.findFirstOrThrow({ where: { email: "finance@demo.test" } });
  finance = { userId: user.id, name: user.name, email: user.email, merchantId, role: "FINANCE", storeIds: [] };
});

async function exceptionOf(key: string) {
  return prisma.reconException.findFirstOrThrow({ where: { merchantId, key } });
}

async function reconEvents(incidentId: string) {
  const events = await prisma.auditEvent.findMany({
    where: { incidentId, type: { startsWith: "reconciliation." } },
    orderBy: { seq: "asc" },
  });
  return events.map((event) => ({ type: event.type, after: JSON.parse(event.after ?? "{}") }));
}

async function panelOf(incidentId: string) {
  return matchingLinesOf((await getIncident({ actor: finance, id: incidentId })).timeline);
}

describe("an incident's link follows its exception's lines", () => {
  test("part of a missing batch settles: the rest is still the case's, and the case is not told it is explained", async () => {
    const day = "2026-09-05";
    const journal = await importJournal(
      sale(day, "10:00:00", "10.00", "LM0701", "000077"),
      sale(day, "11:00:00", "20.00", "LM0702", "000077"),
      sale(day, "12:00:00", "30.00", "LM0703", "000077"),
    );
    expect(journal.status).toBe("done");
    const batch = await exceptionOf(`pos_only:batch:T1000001:000077:${day}`);
    expect(batch.lineCount).toBe(3);
    const opened = await openIncidentAs("finance", batch.id);
    expect(opened.status).toBe(201);
    const incidentId: string = opened.body.incident.id;

    const statement = await importStatement(
      settled(day, "10:00:00", "10.00", "LM0701", "000077"),
      settled(day, "11:00:00", "20.00", "LM0702", "000077"),
    );
    expect(statement.status).toBe("done");
    const third = await prisma.reconLine.findFirstOrThrow({ where: { merchantId, rrn: "LM0703", source: "pos" } });
    const rest = await exceptionOf(`pos_only:${third.id}`);
    expect(rest).toMatchObject({ status: "open", incidentId, lineCount: 1, amountMinor: 3000n });
    expect((await prisma.reconException.findUniqueOrThrow({ where: { id: batch.id } })).status).toBe("resolved");

    const events = await reconEvents(incidentId);
    expect(events.map((event) => event.type)).toEqual(["reconciliation.exception_linked"]);
    expect(events[0].after).toMatchObject({
      exceptionId: rest.id,
      category: "pos_only",
      lines: [{ id: third.id, amount: "30.00", rrn: "LM0703" }],
    });
    expect(await panelOf(incidentId)).toBeNull();
    // Finance asking for the rest's case is answered with the one already open: no second incident.
    const again = await openIncidentAs("finance", rest.id);
    expect(again.body).toMatchObject({ linked: true, incident: { id: incidentId } });
    // Import's report keeps what a person reads, not the moves.
    expect(JSON.parse(statement.report ?? "{}").incidentMoves).toBeUndefined();
  });

  test("a batch split by a statement and whole again once it is withdrawn stays one case", async () => {
    const day = "2026-09-07";
    await importJournal(
      sale(day, "10:00:00", "40.00", "LM0801", "000088"),
      sale(day, "11:00:00", "50.00", "LM0802", "000088"),
    );
    const batch = await exceptionOf(`pos_only:batch:T1000001:000088:${day}`);
    const opened = await openIncidentAs("finance", batch.id);
    const incidentId: string = opened.body.incident.id;

    // A statement line of that batch that settles neither sale: the batch is not missing, its sales are.
    const statement = await importStatement(settled(day, "15:00:00", "77.00", "LM0899", "000088"));
    const sales = await prisma.reconLine.findMany({
      where: { merchantId, rrn: { in: ["LM0801", "LM0802"] }, source: "pos" },
      orderBy: { id: "asc" },
    });
    const singles = await Promise.all(sales.map((line) => exceptionOf(`pos_only:${line.id}`)));
    expect(singles.map((each) => [each.status, each.incidentId])).toEqual([
      ["open", incidentId],
      ["open", incidentId],
    ]);
    // One event naming every exception the case now follows, in their key order — not one per sale.
    const [first, ...rest] = [...singles].sort((a, b) => (a.key < b.key ? -1 : 1));
    const linked = await reconEvents(incidentId);
    expect(linked.map((event) => event.type)).toEqual(["reconciliation.exception_linked"]);
    expect(linked[0].after).toMatchObject({
      exceptionId: first.id,
      key: first.key,
      more: rest.map((each) => ({ exceptionId: each.id, key: each.key })),
    });
    expect(linked[0].after.lines.map((line: { rrn: string }) => line.rrn)).toEqual(["LM0801", "LM0802"]);
    const detail = await getIncident({ actor: finance, id: incidentId });
    expect(detail.timeline.filter((event) => event.type === "reconciliation.exception_linked")).toHaveLength(1);

    await withdrawImport({ actor: finance, id: statement.id });
    await runImport(statement.id, noHeartbeat);
    expect((await prisma.reconImport.findUniqueOrThrow({ where: { id: statement.id } })).status).toBe("withdrawn");
    expect(await prisma.reconException.findUniqueOrThrow({ where: { id: batch.id } })).toMatchObject({
      status: "open",
      incidentId,
      lineCount: 2,
    });
    const after = await prisma.reconException.findMany({ where: { id: { in: singles.map((each) => each.id) } } });
    expect(after.map((each) => [each.status, each.incidentId])).toEqual([
      ["resolved", incidentId],
      ["resolved", incidentId],
    ]);
    const events = await reconEvents(incidentId);
    expect(events.at(-1)).toMatchObject({
      type: "reconciliation.exception_linked",
      after: { exceptionId: batch.id, category: "pos_only" },
    });
    expect(events.at(-1)?.after.lines.map((line: { rrn: string }) => line.rrn)).toEqual(["LM0801", "LM0802"]);
    expect(events.some((event) => event.type === "reconciliation.evidence_matched")).toBe(false);
    expect(await prisma.incident.count({ where: { merchantId, rrn: { in: ["LM0801", "LM0802"] } } })).toBe(0);
  });

  test("a missing sale that settles at another amount keeps its case, and that statement can no longer be withdrawn", async () => {
    const day = "2026-09-09";
    await importJournal(sale(day, "10:00:00", "60.00", "LM0901", "000099"));
    const [missing] = await prisma.reconException.findMany({
      where: { merchantId, day, status: "open", category: "pos_only" },
    });
    const opened = await openIncidentAs("finance", missing.id);
    const incidentId: string = opened.body.incident.id;

    const statement = await importStatement(settled(day, "10:00:00", "55.00", "LM0901", "000099"));
    const mismatch = await prisma.reconException.findFirstOrThrow({
      where: { merchantId, day, category: "amount_mismatch" },
    });
    expect(mismatch).toMatchObject({ status: "open", incidentId, amountMinor: 500n });
    const events = await reconEvents(incidentId);
    expect(events.map((event) => [event.type, event.after.exceptionId])).toEqual([
      ["reconciliation.exception_linked", mismatch.id],
    ]);
    expect(events[0].after.lines.map((line: { amount: string }) => line.amount).sort()).toEqual(["55.00", "60.00"]);
    expect(await panelOf(incidentId)).toBeNull();

    await expect(withdrawImport({ actor: finance, id: statement.id })).rejects.toMatchObject({
      code: "CONFLICT",
      reason: "IMPORT_HAS_INCIDENTS",
    });
    expect((await prisma.reconImport.findUniqueOrThrow({ where: { id: statement.id } })).status).toBe("done");
    expect((await verifyChain({ merchantId })).ok).toBe(true);
  });

  test("a missing batch whose first sale was charged twice settles: its case is told so, and the duplicate is not the case's", async () => {
    const day = "2026-09-11";
    await importJournal(
      sale(day, "10:00:00", "10.00", "LM1101", "000111"),
      sale(day, "10:00:30", "10.00", "LM1102", "000111"),
      sale(day, "11:00:00", "20.00", "LM1103", "000111"),
    );
    const batch = await exceptionOf(`pos_only:batch:T1000001:000111:${day}`);
    const [duplicate] = await prisma.reconException.findMany({
      where: { merchantId, day, category: "duplicate", status: "open" },
    });
    const incidentId: string = (await openIncidentAs("finance", batch.id)).body.incident.id;

    await importStatement(
      settled(day, "10:00:00", "10.00", "LM1101", "000111"),
      settled(day, "11:00:00", "20.00", "LM1103", "000111"),
    );
    // The duplicate's group names the first charge, now matched: it lists it, but is no case of the batch's.
    expect((await prisma.reconException.findUniqueOrThrow({ where: { id: batch.id } })).status).toBe("resolved");
    expect(await prisma.reconException.findUniqueOrThrow({ where: { id: duplicate.id } })).toMatchObject({
      status: "open",
      incidentId: null,
    });
    const events = await reconEvents(incidentId);
    expect(events.map((event) => [event.type, event.after.exceptionId])).toEqual([
      ["reconciliation.evidence_matched", batch.id],
    ]);
    // The lines still the batch's (the first charge is listed by the duplicate's group now).
    expect((await panelOf(incidentId))?.lines.map((line) => [line.source, line.rrn])).toEqual([
      ["pos", "LM1103"],
      ["statement", "LM1103"],
    ]);
    const charged = await openIncidentAs("finance", duplicate.id);
    expect(charged.status).toBe(201);
    expect(charged.body.incident).toMatchObject({ kind: "duplicate_charge" });
  });

  test("a batch whose two sales each had a case, whole again: it follows the case opened first", async () => {
    const day = "2026-09-13";
    await importJournal(
      sale(day, "10:00:00", "40.00", "LM1301", "000133"),
      sale(day, "11:00:00", "50.00", "LM1302", "000133"),
    );
    const batch = await exceptionOf(`pos_only:batch:T1000001:000133:${day}`);
    const statement = await importStatement(settled(day, "15:00:00", "77.00", "LM1399", "000133"));
    const sales = await prisma.reconLine.findMany({
      where: { merchantId, rrn: { in: ["LM1301", "LM1302"] }, source: "pos" },
      orderBy: { id: "asc" },
    });
    const singles = await Promise.all(sales.map((line) => exceptionOf(`pos_only:${line.id}`)));
    // Opened in the order that puts the second-opened case's exception first by id.
    const first: string = (await openIncidentAs("finance", singles[1].id)).body.incident.id;
    const second: string = (await openIncidentAs("finance", singles[0].id)).body.incident.id;

    await withdrawImport({ actor: finance, id: statement.id });
    await runImport(statement.id, noHeartbeat);
    expect(await prisma.reconException.findUniqueOrThrow({ where: { id: batch.id } })).toMatchObject({
      status: "open",
      incidentId: first,
    });
    const [firstLinked, secondLinked] = await Promise.all([first, second].map(reconEvents));
    expect(firstLinked.at(-1)).toMatchObject({
      type: "reconciliation.exception_linked",
      after: { exceptionId: batch.id },
    });
    expect(firstLinked.at(-1)?.after).not.toHaveProperty("followedBy");
    // The second case is told its lines joined the batch, and whose case the batch is — not that
    // the batch is its own.
    const { number } = await prisma.incident.findUniqueOrThrow({ where: { id: first } });
    expect(secondLinked.at(-1)).toMatchObject({
      type: "reconciliation.exception_linked",
      after: { exceptionId: batch.id, followedBy: { id: first, reference: referenceOf(number) } },
    });
  });

  test("a sale's case whose line joins a batch with a live case of its own is told whose the batch is", async () => {
    const day = "2026-09-17";
    await importJournal(
      sale(day, "10:00:00", "40.00", "LM1701", "000177"),
      sale(day, "11:00:00", "50.00", "LM1702", "000177"),
    );
    const batch = await exceptionOf(`pos_only:batch:T1000001:000177:${day}`);
    const batchCase: string = (await openIncidentAs("finance", batch.id)).body.incident.id;
    // Closed while the statement splits the batch (its sales carry no case), then reopened.
    await prisma.incident.update({ where: { id: batchCase }, data: { status: "CLOSED", closedAt: new Date() } });
    const statement = await importStatement(settled(day, "15:00:00", "77.00", "LM1799", "000177"));
    const line = await prisma.reconLine.findFirstOrThrow({ where: { merchantId, rrn: "LM1701", source: "pos" } });
    const saleCase: string = (await openIncidentAs("finance", (await exceptionOf(`pos_only:${line.id}`)).id)).body
      .incident.id;
    expect(saleCase).not.toBe(batchCase);
    await prisma.incident.update({ where: { id: batchCase }, data: { status: "OPEN", closedAt: null } });

    await withdrawImport({ actor: finance, id: statement.id });
    await runImport(statement.id, noHeartbeat);
    expect(await prisma.reconException.findUniqueOrThrow({ where: { id: batch.id } })).toMatchObject({
      status: "open",
      incidentId: batchCase,
    });
    const { number } = await prisma.incident.findUniqueOrThrow({ where: { id: batchCase } });
    expect((await reconEvents(saleCase)).at(-1)).toMatchObject({
      type: "reconciliation.exception_linked",
      after: {
        exceptionId: batch.id,
        followedBy: { id: batchCase, reference: referenceOf(number) },
      },
    });
    expect(await panelOf(saleCase)).toBeNull();
    expect((await verifyChain({ merchantId })).ok).toBe(true);
  });

  test("a batch whose own case was closed, whole again with a case's lines, is that live case's", async () => {
    const day = "2026-09-15";
    await importJournal(
      sale(day, "10:00:00", "40.00", "LM1501", "000155"),
      sale(day, "11:00:00", "50.00", "LM1502", "000155"),
    );
    const batch = await exceptionOf(`pos_only:batch:T1000001:000155:${day}`);
    const closed: string = (await openIncidentAs("finance", batch.id)).body.incident.id;
    await prisma.incident.update({ where: { id: closed }, data: { status: "CLOSED", closedAt: new Date() } });
    const statement = await importStatement(settled(day, "15:00:00", "77.00", "LM1599", "000155"));
    const line = await prisma.reconLine.findFirstOrThrow({ where: { merchantId, rrn: "LM1501", source: "pos" } });
    const live: string = (await openIncidentAs("finance", (await exceptionOf(`pos_only:${line.id}`)).id)).body.incident
      .id;

    await withdrawImport({ actor: finance, id: statement.id });
    await runImport(statement.id, noHeartbeat);
    expect(await prisma.reconException.findUniqueOrThrow({ where: { id: batch.id } })).toMatchObject({
      status: "open",
      incidentId: live,
    });
    // Asking for the batch's case answers with the live one: no third incident for the same money.
    expect((await openIncidentAs("finance", batch.id)).body).toMatchObject({ linked: true, incident: { id: live } });
  });

  test("a short credit's case whose date a later, exact credit pays is told so: the first credit, now unexplained, is not its case", async () => {
    const day = "2026-09-20";
    await importJournal(sale(day, "10:00:00", "123.45", "LM2001", "000200"));
    await importStatement(settled(day, "10:00:00", "123.45", "LM2001", "000200"));
    await bank("2026-09-21", "100.00");
    const short = await prisma.reconException.findFirstOrThrow({
      where: { merchantId, category: "credit_short", status: "open", key: { endsWith: "2026-09-21" } },
    });
    const incidentId: string = (await openIncidentAs("finance", short.id)).body.incident.id;

    await bank("2026-09-22", "123.45");
    expect((await prisma.reconException.findUniqueOrThrow({ where: { id: short.id } })).status).toBe("resolved");
    const first = await prisma.reconLine.findFirstOrThrow({ where: { merchantId, source: "bank", day: "2026-09-21" } });
    expect(first.category).toBe("credit_unexplained");
    const unexplained = await prisma.reconException.findFirstOrThrow({
      where: { merchantId, id: first.exceptionId ?? "" },
    });
    expect(unexplained).toMatchObject({ category: "credit_unexplained", status: "open", incidentId: null });
    const events = await reconEvents(incidentId);
    expect(events.map((event) => [event.type, event.after.exceptionId])).toEqual([
      ["reconciliation.evidence_matched", short.id],
    ]);
    // The credit that pays the date is the evidence, and the reconcile step shows it.
    expect(events[0].after.lines).toEqual([expect.objectContaining({ source: "bank", amount: "123.45" })]);
    expect((await panelOf(incidentId))?.lines).toEqual([expect.objectContaining({ source: "bank", amount: "123.45" })]);
  });

  test("an unexplained credit's case whose credit a later statement's date takes (short) is shown that credit", async () => {
    await bank("2026-10-06", "60.00");
    const credit = await prisma.reconLine.findFirstOrThrow({
      where: { merchantId, source: "bank", day: "2026-10-06" },
    });
    const unexplained = await exceptionOf(`credit_unexplained:${credit.id}`);
    expect(unexplained).toMatchObject({ category: "credit_unexplained", status: "open" });
    const incidentId: string = (await openIncidentAs("finance", unexplained.id)).body.incident.id;

    const day = "2026-10-04";
    await importJournal(sale(day, "10:00:00", "75.00", "LM2401", "000240"));
    await importStatement(settled(day, "10:00:00", "75.00", "LM2401", "000240"));
    const short = await prisma.reconException.findFirstOrThrow({
      where: { merchantId, category: "credit_short", status: "open", key: { endsWith: "2026-10-05" } },
    });
    expect(short.amountMinor).toBe(1500n);
    expect((await prisma.reconException.findUniqueOrThrow({ where: { id: unexplained.id } })).status).toBe("resolved");
    const events = await reconEvents(incidentId);
    expect(events.map((event) => [event.type, event.after.exceptionId])).toEqual([
      ["reconciliation.evidence_matched", unexplained.id],
    ]);
    expect(events[0].after.lines).toEqual([
      expect.objectContaining({ id: credit.id, source: "bank", amount: "60.00" }),
    ]);
    expect((await panelOf(incidentId))?.lines).toEqual([expect.objectContaining({ id: credit.id })]);
  });

  test("a missing credit's case that an exact credit pays is shown that credit", async () => {
    const day = "2026-10-10";
    await importJournal(sale(day, "10:00:00", "42.00", "LM2501", "000250"));
    await importStatement(settled(day, "10:00:00", "42.00", "LM2501", "000250"));
    const missing = await prisma.reconException.findFirstOrThrow({
      where: { merchantId, category: "credit_missing", status: "open", key: { endsWith: "2026-10-11" } },
    });
    const incidentId: string = (await openIncidentAs("finance", missing.id)).body.incident.id;

    await bank("2026-10-12", "42.00");
    expect((await prisma.reconException.findUniqueOrThrow({ where: { id: missing.id } })).status).toBe("resolved");
    const events = await reconEvents(incidentId);
    expect(events.map((event) => [event.type, event.after.exceptionId])).toEqual([
      ["reconciliation.evidence_matched", missing.id],
    ]);
    expect(events[0].after.lines).toEqual([expect.objectContaining({ source: "bank", amount: "42.00" })]);
  });
});
