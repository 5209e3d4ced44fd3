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
    const journal = await importFile({
      merchantId,
      type: "pos_journal",
      content: csv([
        POS_HEADER,
        sale(day, "10:00:00", "10.00", "LM0701", "000077"),
        sale(day, "11:00:00", "20.00", "LM0702", "000077"),
        sale(day, "12:00:00", "30.00", "LM0703", "000077"),
      ]),
    });
    expect(journal.status).toBe("done");
    const batch = await exceptionOf(`pos_only:batch:T1000001:000077:${day}`);
    expect(batch.lineCount).toBe(3);
    const opened = await openIncidentAs("finance", batch.id);
    expect(opened.status).toBe(201);
    const incidentId: string = opened.body.incident.id;

    const statement = await importFile({
      merchantId,
      type: "statement",
      content: csv([
        STATEMENT_HEADER,
        settled(day, "10:00:00", "10.00", "LM0701", "000077"),
        settled(day, "11:00:00", "20.00", "LM0702", "000077"),
      ]),
    });
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
    await importFile({
      merchantId,
      type: "pos_journal",
      content: csv([
        POS_HEADER,
        sale(day, "10:00:00", "40.00", "LM0801", "000088"),
        sale(day, "11:00:00", "50.00", "LM0802", "000088"),
      ]),
    });
    const batch = await exceptionOf(`pos_only:batch:T1000001:000088:${day}`);
    const opened = await openIncidentAs("finance", batch.id);
    const incidentId: string = opened.body.incident.id;

    // A statement line of that batch that settles neither sale: the batch is not missing, its sales are.
    const statement = await importFile({
      merchantId,
      type: "statement",
      content: csv([STATEMENT_HEADER, settled(day, "15:00:00", "77.00", "LM0899", "000088")]),
    });
    const sales = await prisma.reconLine.findMany({
      where: { merchantId, rrn: { in: ["LM0801", "LM0802"] }, source: "pos" },
      orderBy: { id: "asc" },
    });
    const singles = await Promise.all(sales.map((line) => exceptionOf(`pos_only:${line.id}`)));
    expect(singles.map((each) => [each.status, each.incidentId])).toEqual([
      ["open", incidentId],
      ["open", incidentId],
    ]);
    // One event per exception the case now follows, in the exceptions' key order.
    const byKey = [...singles].sort((a, b) => (a.key < b.key ? -1 : 1));
    expect((await reconEvents(incidentId)).map((event) => [event.type, event.after.exceptionId])).toEqual(
      byKey.map((each) => ["reconciliation.exception_linked", each.id]),
    );

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
    await importFile({
      merchantId,
      type: "pos_journal",
      content: csv([POS_HEADER, sale(day, "10:00:00", "60.00", "LM0901", "000099")]),
    });
    const [missing] = await prisma.reconException.findMany({
      where: { merchantId, day, status: "open", category: "pos_only" },
    });
    const opened = await openIncidentAs("finance", missing.id);
    const incidentId: string = opened.body.incident.id;

    const statement = await importFile({
      merchantId,
      type: "statement",
      content: csv([STATEMENT_HEADER, settled(day, "10:00:00", "55.00", "LM0901", "000099")]),
    });
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
});
