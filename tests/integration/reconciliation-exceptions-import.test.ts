// The exceptions' side of the reconciliation on what the real import job (runImport) wrote: a
// POS journal and a statement leave a sale the acquirer never settled; finance opens its incident
// from the exception; a late statement brings the line, the incident's timeline says so, and its
// page lists both lines as evidence.
import "@/tests/integration/reconciliation-import-spool-dir";
import { beforeAll, describe, expect, test } from "vitest";
import { matchingLinesOf } from "@/components/reconciliation/matching-line";
import { verifyChain } from "@/lib/audit/verify-chain";
import type { Actor } from "@/lib/auth/actor";
import { databaseProvider, prisma } from "@/lib/db/client";
import { getIncident } from "@/lib/incidents/get-incident";
import { linkedLinesSql, listLinkedLines } from "@/lib/reconciliation/exceptions/list-linked-lines";
import type { ReconExceptionDto } from "@/lib/schemas/reconciliation";
import { exceptionsAs, openIncidentAs, summaryAs } from "@/tests/integration/reconciliation-exceptions-fixtures";
import { csv, importFile, SHORT_STATEMENT_HEADER } from "@/tests/integration/reconciliation-import-fixtures";

const D = "2026-10-10";
const CARD = "622202******0128";
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
];
const STATEMENT_HEADER = SHORT_STATEMENT_HEADER;
const statementRow = (rrn: string, time: string, amount: string, trace: string, settle = "2026-10-11", day = D) => [
  settle,
  `${day} ${time}`,
  "T1000001",
  CARD,
  "消费",
  amount,
  "0.00",
  amount,
  rrn,
  trace,
  "000045",
];

let merchantId: string;
let actorOf: (email: string) => Promise<Actor>;

beforeAll(async () => {
  merchantId = (await prisma.merchant.findFirstOrThrow({ where: { name: "Demo Merchant" }, select: { id: true } })).id;
  actorOf = async (email) => {
    const user = await prisma.user.findFirstOrThrow({ where: { email }, include: { membership: true } });
    const membership = user.membership;
    if (!membership) throw new Error(`${email} has no membership`);
    return {
      userId: user.id,
      name: user.name,
      email,
      merchantId,
      role: membership.role as Actor["role"],
      storeIds: [],
    };
  };
  const journal = await importFile({
    merchantId,
    type: "pos_journal",
    content: csv([
      POS_HEADER,
      [`${D} 12:00:00`, "T1000001", CARD, "消费", "128.50", "R901", "a1b2c3", "000901", "000045", "成功"],
      [`${D} 13:00:00`, "T1000001", CARD, "消费", "50.00", "R902", "d4e5f6", "000902", "000045", "成功"],
    ]),
  });
  expect(journal.status).toBe("done");
  const statement = await importFile({
    merchantId,
    type: "statement",
    content: csv([STATEMENT_HEADER, statementRow("R901", "12:00:00", "128.50", "000901")]),
  });
  expect(statement.status).toBe("done");
});

describe("on the import job's results", () => {
  test("finance opens the unsettled sale's incident; a late statement brings its line to the timeline and the page", async () => {
    const listed = await exceptionsAs("finance", { from: D, to: D, category: "pos_only" });
    expect(listed.status).toBe(200);
    const [exception] = listed.body.items as ReconExceptionDto[];
    expect(listed.body.items).toHaveLength(1);
    expect(exception.lines.map((line) => line.rrn)).toEqual(["R902"]);

    const summary = await summaryAs("finance", { from: D, to: D });
    expect(summary.body.lines).toEqual(
      expect.arrayContaining([
        { source: "pos", category: "matched", count: 1, amount: "128.50", currency: "CNY" },
        { source: "pos", category: "pos_only", count: 1, amount: "50.00", currency: "CNY" },
      ]),
    );

    const opened = await openIncidentAs("finance", exception.id);
    expect(opened.status).toBe(201);
    expect(opened.body.incident).toMatchObject({
      kind: "debited_not_credited",
      origin: "reconciliation",
      reportedBy: null,
      terminalId: "T1000001",
      amount: "50.00",
      rrn: "R902",
      cardBin: "622202",
      cardLast4: "0128",
      occurredAt: "2026-10-10T05:00:00.000Z",
    });
    const incidentId: string = opened.body.incident.id;
    const finance = await actorOf("finance@demo.test");
    expect((await listLinkedLines({ actor: finance, incidentId }))?.lines.map((line) => line.rrn)).toEqual(["R902"]);
    expect(await listLinkedLines({ actor: await actorOf("cashier@demo.test"), incidentId })).toBeNull();

    const late = await importFile({
      merchantId,
      type: "statement",
      content: csv([STATEMENT_HEADER, statementRow("R902", "13:00:00", "50.00", "000902", "2026-10-12")]),
    });
    expect(late.status).toBe("done");
    expect((await prisma.reconException.findUniqueOrThrow({ where: { id: exception.id } })).status).toBe("resolved");

    const detail = await getIncident({ actor: finance, id: incidentId });
    const matching = matchingLinesOf(detail.timeline);
    expect(matching?.lines.map((line) => [line.source, line.rrn])).toEqual([
      ["pos", "R902"],
      ["statement", "R902"],
    ]);
    // Each named by its line in its file (the late statement's only row is line 2), not by the
    // database's id.
    const stored = await prisma.reconLine.findMany({
      where: { id: { in: matching?.lines.map((line) => line.id) } },
      select: { id: true, lineNo: true },
    });
    expect(matching?.lines.map((line) => line.lineNo)).toEqual(
      matching?.lines.map((line) => stored.find((row) => row.id === line.id)?.lineNo),
    );
    expect(matching?.lines[1].lineNo).toBe(2);
    const evidence = await listLinkedLines({ actor: finance, incidentId });
    expect(evidence?.lines.map((line) => [line.source, line.category])).toEqual([
      ["pos", "matched"],
      ["statement", "matched"],
    ]);
    expect(await verifyChain({ merchantId })).toMatchObject({ ok: true });
  });
});

// A line points at one exception, but a duplicate's group names its first charge and the statement
// lines of both, which may be cases of their own: an unsigned first charge, or one missing from the
// statement with its batch. Each exception must still list the lines it is about, as many as it
// counts — the duplicate of a missing batch listed none, and its incident had no card, rrn or evidence.
test("a duplicate whose first charge is unsigned or missing with its batch: every exception lists its own lines and opens with them", async () => {
  const D2 = "2026-10-20";
  const CARD2 = "622848******0016";
  const header = [...POS_HEADER, "签名"];
  const journal = await importFile({
    merchantId,
    type: "pos_journal",
    content: csv([
      header,
      // Settled, but the first is unsigned and the second a duplicate of it.
      [`${D2} 14:00:00`, "T1000001", CARD, "消费", "77.00", "R911", "a1", "000911", "000046", "成功", "N"],
      [`${D2} 14:01:00`, "T1000001", CARD, "消费", "77.00", "R912", "a2", "000912", "000046", "成功", "Y"],
      // Batch 000047 never reaches the statement: a sale and its duplicate.
      [`${D2} 16:00:00`, "T1000001", CARD2, "消费", "30.00", "R913", "a3", "000913", "000047", "成功", "Y"],
      [`${D2} 16:01:00`, "T1000001", CARD2, "消费", "30.00", "R914", "a4", "000914", "000047", "成功", "Y"],
    ]),
  });
  expect(journal.status).toBe("done");
  const statement = await importFile({
    merchantId,
    type: "statement",
    content: csv([
      STATEMENT_HEADER,
      statementRow("R911", "14:00:00", "77.00", "000911", "2026-10-21", D2),
      statementRow("R912", "14:01:00", "77.00", "000912", "2026-10-21", D2),
    ]),
  });
  expect(statement.status).toBe("done");

  const listed = await exceptionsAs("finance", { from: D2, to: D2 });
  expect(listed.status).toBe(200);
  const items = listed.body.items as ReconExceptionDto[];
  const shown = items
    .map((item) => ({
      category: item.category,
      lineCount: item.lineCount,
      pos: item.lines.filter((line) => line.source === "pos").map((line) => line.rrn),
    }))
    .sort((a, b) => ((a.pos[0] ?? "") < (b.pos[0] ?? "") ? -1 : 1));
  expect(shown.map(({ category, pos }) => ({ category, pos }))).toEqual([
    // The unsigned sale; the duplicate with its own charge (the first is the unsigned case's).
    { category: "unsigned", pos: ["R911"] },
    { category: "duplicate", pos: ["R912"] },
    // The missing batch's sale; its duplicate is a case of its own, counted there once.
    { category: "pos_only", pos: ["R913"] },
    { category: "duplicate", pos: ["R914"] },
  ]);
  // Each counts what it lists; the two settled lines are listed once between the first two (the
  // first charge's is named by both: which one shows it is not the point).
  for (const item of items) expect(item.lineCount).toBe(item.lines.length);
  expect(
    items
      .flatMap((item) => item.lines)
      .filter((line) => line.source === "statement")
      .map((line) => line.rrn)
      .sort(),
  ).toEqual(["R911", "R912"]);
  expect(
    items.find((item) => item.category === "duplicate" && item.lines.some((line) => line.rrn === "R912"))?.lines,
  ).toEqual(expect.arrayContaining([expect.objectContaining({ source: "statement", rrn: "R912" })]));
  const extraCharge = items.find((item) => item.lines.some((line) => line.rrn === "R914"));
  const opened = await openIncidentAs("finance", extraCharge?.id ?? "");
  expect(opened.status).toBe(201);
  expect(opened.body.incident).toMatchObject({
    kind: "duplicate_charge",
    amount: "30.00",
    rrn: "R914",
    cardBin: "622848",
    cardLast4: "0016",
  });
  const evidence = await listLinkedLines({
    actor: await actorOf("finance@demo.test"),
    incidentId: opened.body.incident.id,
  });
  expect(evidence?.lines.map((line) => line.rrn)).toEqual(["R914"]);
});

// An admin's incident page read its evidence with `exceptionId IN (…) OR id IN (…)`, which SQLite
// answered by walking every line of the merchant (4.2 s at 5 million lines, bench:lists). The
// lines must come by primary key, the exceptions' own through the exceptionId index.
if (databaseProvider === "sqlite") {
  test("the incident page's evidence reads lines by key, never the merchant's every line", async () => {
    const sql = linkedLinesSql({ merchantId: "m", incidentId: "i" });
    for (const statement of [sql.lines, sql.count]) {
      const plan = (await prisma.$queryRaw<{ detail: string }[]>`EXPLAIN QUERY PLAN ${statement}`)
        .map((row) => row.detail)
        .join("\n");
      expect(plan).toMatch(/SEARCH l USING INTEGER PRIMARY KEY/);
      expect(plan).toMatch(/SEARCH o USING INDEX ReconLine_exceptionId_idx/);
      expect(plan).not.toMatch(/\bSCAN (l|o)\b|SEARCH l USING (COVERING )?INDEX/);
    }
  });
}
