// A full card number never reaches the database, whatever field or header it arrives in and
// however it is written: names and free text are stored masked, identifiers that look like a card
// number (Idempotency-Key, TID, email) are refused with 400 naming the field. Each field gets its
// own number, and at the end every column of every table in this file's database is read back.
import fc from "fast-check";
import { beforeAll, describe, expect, test } from "vitest";
import { PATCH as renameStoreRoute } from "@/app/api/admin/stores/[id]/route";
import { POST as createStoreRoute } from "@/app/api/admin/stores/route";
import { POST as addTerminalRoute } from "@/app/api/admin/terminals/route";
import { POST as createUserRoute } from "@/app/api/admin/users/route";
import { decodeForScan } from "@/lib/card-data/encoded-pans";
import { databaseProvider, prisma } from "@/lib/db/client";
import type { IncidentDto } from "@/lib/schemas/incident";
import { jsonRequest, params, sessionCookie } from "@/tests/helpers/api";
import { asciiDigitsOf, luhnCheckDigit, text, writeDigit, writtenPan } from "@/tests/helpers/card-numbers";
import {
  type ApiError,
  CLOSE_OUTCOME,
  closeAs,
  completeAllSteps,
  createAs,
  reopenAs,
  stepAs,
} from "@/tests/helpers/incidents";

/** A Luhn-valid number from two halves, so no full card number sits in the source. */
const cardNumber = (head: string, tail: string) => `${head}${tail}${luhnCheckDigit(`${head}${tail}`)}`;

const PANS = {
  storeName: cardNumber("453914", "880343646"),
  storeRename: cardNumber("555555", "555555444"),
  userName: cardNumber("601111", "111111111"),
  description: cardNumber("620000", "000000000"),
  stepNote: cardNumber("625094", "600000001"),
  skipNote: cardNumber("400005", "665566555"),
  closeNote: cardNumber("520082", "828282821"),
  reopenNote: cardNumber("491633", "850608283"),
  tid: cardNumber("378282", "24631000"),
  incidentTerminal: cardNumber("401288", "888888188"),
  idempotencyKey: cardNumber("510510", "510510510"),
  idempotencyKeyDashed: cardNumber("353011", "133330000"),
  idempotencyKeyEncoded: cardNumber("627000", "000000123"),
  email: cardNumber("305693", "0902590"),
};

/** Ways of writing a number that slipped past masking before. */
const fullWidth = (pan: string) => pan.replace(/\d/g, (digit) => writeDigit(digit, "fullWidth"));
const grouped = (pan: string, separator: string) => pan.replace(/(\d{4})(?=\d)/g, `$1${separator}`);

type Handler = (request: Request, context: { params: Promise<{ id: string }> }) => Promise<Response>;

async function adminCall<T>(handler: Handler, url: string, body: unknown, { method = "POST", id = "" } = {}) {
  const cookie = await sessionCookie("admin");
  const response = await handler(jsonRequest(url, { method, body, cookie }), params({ id }));
  return { status: response.status, body: (await response.json()) as T };
}

async function storeIdOf(name: string): Promise<string> {
  return (await prisma.store.findFirstOrThrow({ where: { name } })).id;
}

const quoteName = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** Every value of every column of every table (search indexes included), as text. */
async function everyStoredValue(): Promise<{ table: string; text: string }[]> {
  const columns =
    databaseProvider === "postgresql"
      ? await prisma.$queryRaw<{ table: string; column: string }[]>`
          SELECT c.table_name::text AS "table", c.column_name::text AS "column"
          FROM information_schema.columns c
          JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
          WHERE c.table_schema = current_schema() AND t.table_type = 'BASE TABLE'`
      : await prisma.$queryRaw<{ table: string; column: string }[]>`
          SELECT m.name AS "table", p.name AS "column"
          FROM sqlite_master m, pragma_table_info(m.name) p
          WHERE m.type = 'table'`;
  expect(columns.map((column) => column.table)).toEqual(
    expect.arrayContaining([
      "Store",
      "user",
      "session",
      "Terminal",
      "Incident",
      "IncidentStep",
      "AuditEvent",
      "IdempotencyKey",
    ]),
  );
  const values: { table: string; text: string }[] = [];
  for (const { table, column } of columns) {
    // Names come from the database's own catalogue, not from input. Cast to text, since the
    // driver adapter cannot read every column type (a search index's blocks) as they are.
    const rows = await prisma.$queryRawUnsafe<{ value: string | null }[]>(
      `SELECT CAST(${quoteName(column)} AS TEXT) AS value FROM ${quoteName(table)}`,
    );
    for (const { value } of rows) if (value !== null) values.push({ table: `${table}.${column}`, text: value });
  }
  return values;
}

let incident: IncidentDto;
const refusals: Record<string, { status: number; body: ApiError }> = {};

beforeAll(async () => {
  const store = await adminCall<{ id: string; name: string }>(createStoreRoute, "/api/admin/stores", {
    name: `Outlet ${fullWidth(PANS.storeName)}`,
  });
  expect(store.status).toBe(201);
  const renamed = await adminCall(
    renameStoreRoute,
    `/api/admin/stores/${store.body.id}`,
    { name: `Outlet ${grouped(PANS.storeRename, ".")}` },
    { method: "PATCH", id: store.body.id },
  );
  expect(renamed.status).toBe(200);
  const user = await adminCall(createUserRoute, "/api/admin/users", {
    email: "pan-in-name@demo.test",
    name: `Li ${grouped(PANS.userName, "\u00a0")}`,
    password: "a-long-initial-password",
    role: "CASHIER",
    storeIds: [await storeIdOf("Store 1")],
  });
  expect(user.status).toBe(201);

  refusals.tid = await adminCall(addTerminalRoute, "/api/admin/terminals", {
    storeId: store.body.id,
    tid: `T${PANS.tid}`,
  });
  refusals.email = await adminCall(createUserRoute, "/api/admin/users", {
    email: `${PANS.email}@demo.test`,
    name: "Card In Email",
    password: "a-long-initial-password",
    role: "FINANCE",
  });

  const body = {
    kind: "unsigned_slip",
    terminalId: "T1000001",
    amount: "12.00",
    description: `Typed ${grouped(PANS.description, "\n")} and ${fullWidth(PANS.description)}`,
  };
  for (const [field, key] of [
    ["idempotencyKey", PANS.idempotencyKey],
    ["idempotencyKeyDashed", grouped(PANS.idempotencyKeyDashed, "-")],
    ["idempotencyKeyEncoded", `till-${grouped(PANS.idempotencyKeyEncoded, ".")}`],
  ] as const) {
    refusals[field] = await createAs<ApiError>("cashier", body, { "Idempotency-Key": key });
  }
  refusals.incidentTerminal = await createAs<ApiError>("cashier", { ...body, terminalId: PANS.incidentTerminal });

  const created = await createAs("cashier", body, { "Idempotency-Key": "card-data-storage-1" });
  expect(created.status).toBe(201);
  const halted = await stepAs("cashier", created.body.id, "halt", {
    action: "complete",
    note: `Card ${grouped(PANS.stepNote, "  ")}`,
    version: created.body.version,
  });
  expect(halted.status).toBe(200);
  const skipped = await stepAs("supervisor", created.body.id, "reverify", {
    action: "skip",
    note: `Card ${grouped(PANS.skipNote, "\u3000")}`,
    version: halted.body.version,
  });
  expect(skipped.status).toBe(200);
  const walked = await completeAllSteps(skipped.body);
  const closed = await closeAs("supervisor", walked.id, {
    ...CLOSE_OUTCOME,
    resolution: "resigned",
    note: `Signed for ${grouped(PANS.closeNote, ". ")}`,
    version: walked.version,
  });
  expect(closed.status).toBe(200);
  const reopened = await reopenAs("supervisor", walked.id, {
    note: `Bank disputes ${grouped(PANS.reopenNote, "\u202f")}`,
    version: closed.body.version,
  });
  expect(reopened.status).toBe(200);
  incident = reopened.body;
});

describe("card numbers in names and free text", () => {
  test("a store's name is stored masked, on creation and on renaming", async () => {
    const stores = await prisma.store.findMany({ where: { name: { startsWith: "Outlet" } }, select: { name: true } });
    expect(stores.map((store) => store.name)).toEqual([`Outlet ****${PANS.storeRename.slice(-4)}`]);
  });

  test("a user's name is stored masked", async () => {
    const user = await prisma.user.findUniqueOrThrow({ where: { email: "pan-in-name@demo.test" } });
    expect(user.name).toBe(`Li ****${PANS.userName.slice(-4)}`);
  });

  test("the description and every note are masked", async () => {
    expect(incident.description).toBe(`Typed ****${PANS.description.slice(-4)} and ****${PANS.description.slice(-4)}`);
    const notes = await prisma.incidentStep.findMany({
      where: { incidentId: incident.id, note: { not: null } },
      select: { note: true },
    });
    expect(notes.map((step) => step.note)).toEqual(
      expect.arrayContaining([`Card ****${PANS.stepNote.slice(-4)}`, `Card ****${PANS.skipNote.slice(-4)}`]),
    );
  });
});

describe("identifiers that look like a card number are refused", () => {
  test.each([
    ["idempotencyKey", "Idempotency-Key"],
    ["idempotencyKeyDashed", "Idempotency-Key"],
    ["idempotencyKeyEncoded", "Idempotency-Key"],
    ["tid", "tid"],
    ["email", "email"],
    ["incidentTerminal", "terminalId"],
  ])("a card number as the %s is refused with 400 naming %s", (which, field) => {
    const refusal = refusals[which];
    expect(refusal.status).toBe(400);
    expect(refusal.body.error.code).toBe("BAD_REQUEST");
    expect(refusal.body.error.fields).toHaveProperty([field]);
    expect(JSON.stringify(refusal.body)).not.toContain(PANS[which as keyof typeof PANS]);
  });

  test("a refused Idempotency-Key creates nothing and stores no key", async () => {
    const keys = await prisma.idempotencyKey.findMany({ select: { key: true } });
    expect(keys.map((row) => row.key)).toContain("card-data-storage-1");
    const incidents = await prisma.incident.count({ where: { description: { startsWith: "Typed" } } });
    expect(incidents).toBe(1);
  });
});

describe("any card number, written any way, through the API", () => {
  test("never reaches a store's name, an incident's description or their audit events", async () => {
    const storeId = await storeIdOf("Store 1");
    let round = 0;
    await fc.assert(
      fc.asyncProperty(writtenPan, text, async ({ number, written }, around) => {
        round += 1;
        // Names differ by round, in letters: digits before the number could join it.
        const tag = [...round.toString(26)].map((char) => String.fromCharCode(97 + Number.parseInt(char, 26))).join("");
        const name = `R${tag} ${written}`.slice(0, 80);
        fc.pre(name.endsWith(written));
        const renamed = await adminCall<{ name: string }>(
          renameStoreRoute,
          `/api/admin/stores/${storeId}`,
          { name },
          { method: "PATCH", id: storeId },
        );
        expect(renamed.status).toBe(200);
        const created = await createAs("cashier", {
          kind: "wrong_amount",
          terminalId: "T1000001",
          amount: "1.00",
          description: `${around}${written}${around}`,
        });
        expect(created.status).toBe(201);
        const [store, row, events] = await Promise.all([
          prisma.store.findUniqueOrThrow({ where: { id: storeId }, select: { name: true } }),
          prisma.incident.findUniqueOrThrow({ where: { id: created.body.id }, select: { description: true } }),
          prisma.auditEvent.findMany({ orderBy: { createdAt: "desc" }, take: 2, select: { after: true } }),
        ]);
        for (const stored of [store.name, row.description ?? "", ...events.map((event) => event.after ?? "")]) {
          expect(asciiDigitsOf(decodeForScan(stored))).not.toContain(number);
        }
        expect(store.name).toBe(`R${tag} ****${number.slice(-4)}`);
      }),
      { numRuns: 25 },
    );
    // Store 1 keeps a name the other tests can find.
    await adminCall(
      renameStoreRoute,
      `/api/admin/stores/${storeId}`,
      { name: "Store 1" },
      { method: "PATCH", id: storeId },
    );
  });
});

describe("the database as a whole", () => {
  test("no column of any table holds any of the card numbers, in any form or encoding", async () => {
    const values = await everyStoredValue();
    expect(values.some(({ table }) => table === "AuditEvent.after")).toBe(true);
    const leaks: string[] = [];
    for (const { table, text } of values) {
      const digits = asciiDigitsOf(decodeForScan(text));
      for (const [field, pan] of Object.entries(PANS)) {
        if (digits.includes(pan)) leaks.push(`${field} in ${table}: ${text.slice(0, 120)}`);
      }
    }
    expect(leaks).toEqual([]);
  });

  test("the audit trail records the masked names", async () => {
    const events = await prisma.auditEvent.findMany({
      where: { type: { in: ["store.created", "store.renamed", "user.created"] } },
      orderBy: { createdAt: "asc" },
      select: { type: true, after: true },
    });
    const after = events.map((event) => event.after ?? "").join("\n");
    expect(after).toContain(`Outlet ****${PANS.storeName.slice(-4)}`);
    expect(after).toContain(`Outlet ****${PANS.storeRename.slice(-4)}`);
    expect(after).toContain(`Li ****${PANS.userName.slice(-4)}`);
  });
});
