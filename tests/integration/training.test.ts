// Issue 10: training records (GET /api/training) and the dashboard's training gaps
// (listTrainingGaps), against a small dataset whose expected figures are worked out by hand below.
import { beforeAll, describe, expect, test } from "vitest";
import { POST as drillRoute } from "@/app/api/drills/route";
import { GET as trainingRoute } from "@/app/api/training/route";
import { prisma } from "@/lib/db/client";
import { listTrainingGaps, loggedWindow } from "@/lib/drills/training-gaps";
import type { TrainingRecord } from "@/lib/schemas/drill";
import type { IncidentDto } from "@/lib/schemas/incident";
import { jsonRequest, sessionCookie } from "@/tests/helpers/api";
import { type ApiError, type Caller, createAs } from "@/tests/helpers/incidents";

const DAY = 86_400_000;
const now = new Date();
const daysAgo = (days: number) => new Date(now.getTime() - days * DAY);

async function trainingAs<T = TrainingRecord>(user: Caller, query = ""): Promise<{ status: number; body: T }> {
  const cookie = user ? await sessionCookie(user) : undefined;
  const response = await trainingRoute(jsonRequest(`/api/training${query}`, { cookie }), {});
  return { status: response.status, body: (await response.json()) as T };
}

async function startDrill(kind: string, cashierId: string): Promise<IncidentDto> {
  const cookie = await sessionCookie("admin");
  const response = await drillRoute(
    jsonRequest("/api/drills", { method: "POST", cookie, body: { kind, cashierId } }),
    {},
  );
  expect(response.status).toBe(201);
  return (await response.json()) as IncidentDto;
}

/** A drill closed `days` ago (the close written straight to the row: the walk is tested elsewhere). */
async function closedDrill(kind: string, cashierId: string, days: number): Promise<IncidentDto> {
  const drill = await startDrill(kind, cashierId);
  await prisma.incident.update({ where: { id: drill.id }, data: { status: "CLOSED", closedAt: daysAgo(days) } });
  return drill;
}

async function zone(): Promise<string> {
  return (await prisma.merchant.findFirstOrThrow()).timeZone;
}

async function log(user: Caller, kind: string, terminalId: string, days: number) {
  const created = await createAs(user, { kind, terminalId, occurredAt: daysAgo(days).toISOString() });
  expect(created.status).toBe(201);
}

let cai: string; // cashier, Store 1
let chen: string; // cashier2, Store 2
let store1: string;

beforeAll(async () => {
  cai = (await prisma.user.findUniqueOrThrow({ where: { email: "cashier@demo.test" } })).id;
  chen = (await prisma.user.findUniqueOrThrow({ where: { email: "cashier2@demo.test" } })).id;
  store1 = (await prisma.store.findFirstOrThrow({ where: { name: "Store 1" } })).id;

  // Cai logs, in the last 90 days: pin_error ×4, wrong_amount ×3, unsigned_slip ×2, wrong_card ×2,
  // terminal_fault ×1 (one is no pattern); and pin_error once 150 days ago (outside the window: the
  // months the last 90 days touch reach back 119 days at most).
  for (const days of [1, 2, 3, 4]) await log("cashier", "pin_error", "T1000001", days);
  for (const days of [5, 6, 7]) await log("cashier", "wrong_amount", "T1000001", days);
  for (const days of [8, 9]) await log("cashier", "unsigned_slip", "T1000002", days);
  for (const days of [10, 11]) await log("cashier", "wrong_card", "T1000002", days);
  await log("cashier", "terminal_fault", "T1000001", 12);
  await log("cashier", "pin_error", "T1000001", 150);
  // Chen logs duplicate_charge ×2 in Store 2.
  for (const days of [1, 2]) await log("cashier2", "duplicate_charge", "T2000001", days);
  // A supervisor's own incidents are no cashier's gap.
  for (const days of [1, 2]) await log("supervisor", "wrong_card", "T1000001", days);

  // Cai's drills: wrong_amount closed 30 days ago (practised), pin_error closed 200 days ago
  // (practised too long ago), unsigned_slip started and still open (not practised).
  await closedDrill("wrong_amount", cai, 30);
  await closedDrill("pin_error", cai, 200);
  await startDrill("unsigned_slip", cai);
});

describe("training gaps (the dashboard's)", () => {
  test("each cashier's top three kinds (2+ logged in 90 days) not practised in 180 days, most logged first", async () => {
    // Cai's top three: pin_error 4, wrong_amount 3, then unsigned_slip 2 and wrong_card 2 tie —
    // the tie goes by kind name, so unsigned_slip. wrong_amount was practised 30 days ago.
    // Drills do not count as logged (Cai is the reporter of three drills).
    const merchantId = (await prisma.merchant.findFirstOrThrow()).id;
    const gaps = await listTrainingGaps({ merchantId, storeIds: null, timeZone: await zone(), now: new Date() });
    expect(gaps).toEqual([
      { userId: cai, name: "Cai Cashier", kind: "pin_error", logged: 4, lastDrillAt: daysAgo(200).toISOString() },
      { userId: chen, name: "Chen Cashier", kind: "duplicate_charge", logged: 2, lastDrillAt: null },
      { userId: cai, name: "Cai Cashier", kind: "unsigned_slip", logged: 2, lastDrillAt: null },
    ]);
  });

  test("only the stores asked for count", async () => {
    const merchantId = (await prisma.merchant.findFirstOrThrow()).id;
    const gaps = await listTrainingGaps({ merchantId, storeIds: [store1], timeZone: await zone(), now: new Date() });
    expect(gaps.map((gap) => `${gap.name} ${gap.kind}`)).toEqual([
      "Cai Cashier pin_error",
      "Cai Cashier unsigned_slip",
    ]);
    expect(await listTrainingGaps({ merchantId, storeIds: [], timeZone: await zone(), now })).toEqual([]);
  });

  test("every store, read from the summary's month rows, counts what the incidents of every store count", async () => {
    // The same window both ways, whatever the day: today, and as the window slides over the logs
    // (40 days on, Cai's first pin_errors fall out of some windows; 160 days on, all of them).
    const merchantId = (await prisma.merchant.findFirstOrThrow()).id;
    const everyStore = (await prisma.store.findMany({ where: { merchantId } })).map((store) => store.id);
    const timeZone = await zone();
    const seen = new Set<number>();
    for (const days of [0, 20, 40, 75, 85, 95, 160]) {
      const at = new Date(now.getTime() + days * DAY);
      const fromSummary = await listTrainingGaps({ merchantId, storeIds: null, timeZone, now: at });
      const fromIncidents = await listTrainingGaps({ merchantId, storeIds: everyStore, timeZone, now: at });
      expect(fromSummary).toEqual(fromIncidents);
      seen.add(fromSummary.length);
    }
    expect(seen.has(0)).toBe(true);
    expect(seen.has(3)).toBe(true);
    // The months 90 days touch: 29 April reaches back to 30 January, so January counts whole.
    expect(loggedWindow(new Date("2026-04-29T04:00:00Z"), "Asia/Shanghai")).toEqual({
      first: "2026-01",
      last: "2026-04",
    });
  });

  test("a closed drill of the kind within 180 days closes the gap", async () => {
    const merchantId = (await prisma.merchant.findFirstOrThrow()).id;
    const drill = await closedDrill("duplicate_charge", chen, 0);
    const gaps = await listTrainingGaps({ merchantId, storeIds: null, timeZone: await zone(), now: new Date() });
    expect(gaps.map((gap) => `${gap.name} ${gap.kind}`)).not.toContain("Chen Cashier duplicate_charge");
    await prisma.incident.update({ where: { id: drill.id }, data: { status: "IN_PROGRESS", closedAt: null } });
  });
});

describe("GET /api/training", () => {
  const cais = (record: TrainingRecord) => record.people.find((person) => person.userId === cai);

  test("counts each kind's drills started and completed, and when last practised", async () => {
    const record = await trainingAs("admin");
    expect(record.status).toBe(200);
    const kinds = Object.fromEntries((cais(record.body)?.kinds ?? []).map((row) => [row.kind, row]));
    expect(kinds.wrong_amount).toEqual({
      kind: "wrong_amount",
      started: 1,
      completed: 1,
      lastPractisedAt: daysAgo(30).toISOString(),
    });
    expect(kinds.pin_error).toMatchObject({ started: 1, completed: 1, lastPractisedAt: daysAgo(200).toISOString() });
    expect(kinds.unsigned_slip).toMatchObject({ started: 1, completed: 0, lastPractisedAt: null });
    expect(kinds.wrong_card).toMatchObject({ started: 0, completed: 0, lastPractisedAt: null });
    expect(cais(record.body)?.kinds).toHaveLength(8);
  });

  test("a cashier sees only their own record; asking for another is 404", async () => {
    const own = await trainingAs("cashier");
    expect(own.body.people.map((person) => person.userId)).toEqual([cai]);
    const other = await trainingAs<ApiError>("cashier", `?userId=${chen}`);
    expect(other.status).toBe(404);
    expect(other.body.error.fields).toHaveProperty("userId");
  });

  test("a supervisor sees their stores' cashiers only; admin sees all; finance is refused", async () => {
    const supervisor = await trainingAs("supervisor");
    expect(supervisor.body.people.map((person) => person.name)).toEqual(["Cai Cashier"]);
    expect((await trainingAs<ApiError>("supervisor", `?userId=${chen}`)).status).toBe(404);
    const admin = await trainingAs("admin");
    expect(admin.body.people.map((person) => person.name)).toEqual(["Cai Cashier", "Chen Cashier"]);
    const finance = await trainingAs<ApiError>("finance");
    expect(finance.status).toBe(403);
    expect(finance.body.error.reason).toBe("ROLE_CANNOT_VIEW_TRAINING");
    expect((await trainingAs<ApiError>(null)).status).toBe(401);
  });

  test("a chain's thousands of cashiers: the admin reads them a page at a time, by name, each once", async () => {
    const merchantId = (await prisma.merchant.findFirstOrThrow()).id;
    const ids = Array.from({ length: 1_200 }, (_, n) => `scale-cashier-${n}`);
    await prisma.user.createMany({
      data: ids.map((id) => ({ id, name: `Scale ${id}`, email: `${id}@scale.test` })),
    });
    await prisma.membership.createMany({
      data: ids.map((userId) => ({ userId, merchantId, role: "CASHIER" as const })),
    });
    const first = await trainingAs("admin");
    expect(first.status).toBe(200);
    expect(first.body.people).toHaveLength(50);
    const names: [string, string][] = [];
    let query = "";
    for (let pages = 0; pages < 100; pages++) {
      const page = await trainingAs("admin", query);
      expect(page.status).toBe(200);
      names.push(...page.body.people.map((person): [string, string] => [person.name, person.userId]));
      if (!page.body.nextCursor) break;
      query = `?cursor=${page.body.nextCursor}`;
    }
    expect(names).toHaveLength(1_202);
    expect(new Set(names.map(([, userId]) => userId)).size).toBe(1_202);
    const byNameThenId = (a: [string, string], b: [string, string]) =>
      a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0;
    expect(names).toEqual([...names].sort(byNameThenId));
    // A smaller page, and a cursor the viewer cannot see (nothing after it).
    const two = await trainingAs("admin", "?limit=2");
    expect(two.body.people).toHaveLength(2);
    expect(two.body.nextCursor).toBe(two.body.people[1].userId);
    expect((await trainingAs("supervisor", `?cursor=${chen}`)).body).toEqual({ people: [], nextCursor: null });
    expect((await trainingAs<ApiError>("admin", "?limit=51")).status).toBe(400);
    await prisma.membership.deleteMany({ where: { userId: { startsWith: "scale-cashier-" } } });
    await prisma.user.deleteMany({ where: { id: { startsWith: "scale-cashier-" } } });
  });

  test("an unknown query parameter is a 400 naming it", async () => {
    const refused = await trainingAs<ApiError>("admin", "?user=x");
    expect(refused.status).toBe(400);
    expect(refused.body.error.fields).toHaveProperty("user");
  });
});
