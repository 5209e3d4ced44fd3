// Rows of the reconciliation written straight into the test database (as the import job leaves
// them), and calls of the exceptions' route handlers as a demo user. Writing rows directly is how
// the readers are tested apart from the import; reconciliation-exceptions-import.test.ts goes
// through the real import instead.
import { POST as openOneRoute } from "@/app/api/reconciliation/exceptions/[id]/incident/route";
import { POST as openManyRoute } from "@/app/api/reconciliation/exceptions/incidents/route";
import { GET as listRoute } from "@/app/api/reconciliation/exceptions/route";
import { GET as csvRoute } from "@/app/api/reconciliation/exceptions.csv/route";
import { POST as pairRoute } from "@/app/api/reconciliation/lines/pair/route";
import { POST as unpairRoute } from "@/app/api/reconciliation/lines/unpair/route";
import { GET as summaryRoute } from "@/app/api/reconciliation/summary/route";
import { prisma } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import { type DemoUser, jsonRequest, params, sessionCookie } from "@/tests/helpers/api";

/** An answer's JSON as these tests read it: loosely, each test asserting the shape it needs. */
// biome-ignore lint/suspicious/noExplicitAny: answers are read loosely and asserted field by field.
type Loose = any;

export interface Called<T = unknown> {
  status: number;
  body: T;
  response: Response;
}

async function called<T>(response: Response): Promise<Called<T>> {
  const text = await response.clone().text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    // CSV or another text answer: kept as text.
  }
  return { status: response.status, body: body as T, response };
}

const cookieOf = async (user: DemoUser | null) => (user ? sessionCookie(user) : undefined);
const search = (query: Record<string, string> | string) =>
  typeof query === "string" ? query : new URLSearchParams(query).toString();

export async function summaryAs<T = Loose>(user: DemoUser | null, query: Record<string, string> | string = {}) {
  const url = `/api/reconciliation/summary?${search(query)}`;
  return called<T>(await summaryRoute(jsonRequest(url, { cookie: await cookieOf(user) }), {}));
}

export async function exceptionsAs<T = Loose>(user: DemoUser | null, query: Record<string, string> | string = {}) {
  const url = `/api/reconciliation/exceptions?${search(query)}`;
  return called<T>(await listRoute(jsonRequest(url, { cookie: await cookieOf(user) }), {}));
}

/** The CSV answer, its body unread (the caller streams it). */
export async function csvAs(
  user: DemoUser | null,
  query: Record<string, string> | string = {},
  headers: Record<string, string> = {},
): Promise<Response> {
  const url = `/api/reconciliation/exceptions.csv?${search(query)}`;
  return csvRoute(jsonRequest(url, { cookie: await cookieOf(user), headers }), {});
}

export async function openIncidentAs<T = Loose>(user: DemoUser | null, id: string) {
  const request = jsonRequest(`/api/reconciliation/exceptions/${encodeURIComponent(id)}/incident`, {
    method: "POST",
    cookie: await cookieOf(user),
  });
  return called<T>(await openOneRoute(request, params({ id })));
}

export async function openIncidentsAs<T = Loose>(user: DemoUser | null, body: unknown) {
  const request = jsonRequest("/api/reconciliation/exceptions/incidents", {
    method: "POST",
    cookie: await cookieOf(user),
    body,
  });
  return called<T>(await openManyRoute(request, {}));
}

export async function pairAs<T = Loose>(user: DemoUser | null, body: unknown) {
  const request = jsonRequest("/api/reconciliation/lines/pair", { method: "POST", cookie: await cookieOf(user), body });
  return called<T>(await pairRoute(request, {}));
}

export async function unpairAs<T = Loose>(user: DemoUser | null, body: unknown) {
  const request = jsonRequest("/api/reconciliation/lines/unpair", {
    method: "POST",
    cookie: await cookieOf(user),
    body,
  });
  return called<T>(await unpairRoute(request, {}));
}

/** The demo merchant with its stores and terminals by TID. */
export async function demoMerchant() {
  const merchant = await prisma.merchant.findFirstOrThrow({ where: { name: "Demo Merchant" }, select: { id: true } });
  const terminals = await prisma.terminal.findMany({
    where: { merchantId: merchant.id },
    select: { id: true, tid: true, storeId: true },
  });
  const terminal = (tid: string) => {
    const found = terminals.find((each) => each.tid === tid);
    if (!found) throw new Error(`No terminal ${tid}`);
    return found;
  };
  return { merchantId: merchant.id, terminal };
}

/** Another merchant with one store and terminal, for isolation tests. */
export async function otherMerchant() {
  const merchant = await prisma.merchant.create({ data: { name: `Elsewhere ${Math.random()}` } });
  const store = await prisma.store.create({
    data: {
      merchantId: merchant.id,
      name: "Elsewhere",
      terminals: { create: { merchantId: merchant.id, tid: "T9000009" } },
    },
    include: { terminals: true },
  });
  return { merchantId: merchant.id, storeId: store.id, terminalId: store.terminals[0].id };
}

let nextLineNo = 2;

export type LineData = Partial<Prisma.ReconLineUncheckedCreateInput> & { merchantId: string };

/** A ReconLine as the import job leaves it (not staged), with defaults for the rest. */
export async function insertLine(data: LineData) {
  return prisma.reconLine.create({
    data: {
      importId: "test-import",
      source: "pos",
      lineNo: nextLineNo++,
      day: (data.txAt as string | undefined)?.slice(0, 10) ?? "2026-11-20",
      amountMinor: 10_000,
      category: "matched",
      ...data,
    },
  });
}

/** A ReconException holding the given lines (their exceptionId set to it). */
export async function insertException({
  merchantId,
  category,
  lineIds,
  key = `${category}:${lineIds.join(":")}:${Math.random()}`,
  day = "2026-11-20",
  amountMinor = 10_000,
  storeId = null,
  tid = null,
  status = "open",
  batchNo = null,
}: {
  merchantId: string;
  category: string;
  lineIds: number[];
  key?: string;
  day?: string;
  amountMinor?: number;
  storeId?: string | null;
  tid?: string | null;
  status?: string;
  batchNo?: string | null;
}) {
  const exception = await prisma.reconException.create({
    data: {
      merchantId,
      key,
      category,
      day,
      lineCount: lineIds.length,
      amountMinor: BigInt(amountMinor),
      storeId,
      tid,
      status,
      batchNo,
    },
  });
  if (lineIds.length > 0) {
    await prisma.reconLine.updateMany({ where: { id: { in: lineIds } }, data: { exceptionId: exception.id } });
  }
  return exception;
}

/** One POS line in its own exception of `category`, on a demo terminal. */
export async function posException(
  merchant: Awaited<ReturnType<typeof demoMerchant>>,
  category: string,
  line: Omit<LineData, "merchantId"> = {},
  exception: { day?: string; amountMinor?: number } = {},
) {
  const terminal = merchant.terminal((line.tid as string | undefined) ?? "T1000001");
  const created = await insertLine({
    merchantId: merchant.merchantId,
    source: "pos",
    tid: terminal.tid,
    terminalId: terminal.id,
    storeId: terminal.storeId,
    txAt: "2026-11-20 14:03:22",
    cardMasked: "622202******0128",
    txType: "sale",
    amountMinor: 12_850,
    rrn: `R${Math.floor(Math.random() * 1e10)}`,
    authCode: "a1b2c3",
    traceNo: "000123",
    batchNo: "000045",
    category,
    ...line,
  });
  return {
    line: created,
    exception: await insertException({
      merchantId: merchant.merchantId,
      category,
      lineIds: [created.id],
      day: created.day,
      amountMinor: exception.amountMinor ?? Number(created.amountMinor),
      storeId: terminal.storeId,
      tid: terminal.tid,
    }),
  };
}
