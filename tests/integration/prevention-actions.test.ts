// Issue 9: prevention actions made from closed incidents — who may make, see and complete them,
// what each refusal names, and the events they leave on the incidents' timelines.
import fc from "fast-check";
import { beforeAll, describe, expect, test } from "vitest";
import { POST as completeRoute } from "@/app/api/prevention-actions/[id]/complete/route";
import { POST as createRoute, GET as listRoute } from "@/app/api/prevention-actions/route";
import { prisma } from "@/lib/db/client";
import type { PreventionActionDto } from "@/lib/schemas/prevention";
import { type DemoUser, jsonRequest, params, sessionCookie } from "@/tests/helpers/api";
import { type ApiError, closedIncident, getAs, logIncident, testPan } from "@/tests/helpers/incidents";

type Caller = DemoUser | null;
type Result<T> = { status: number; body: T };

async function call<T>(response: Response): Promise<Result<T>> {
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as T) : (undefined as T) };
}
const cookieOf = async (user: Caller) => (user ? await sessionCookie(user) : undefined);
const createAs = async <T = PreventionActionDto>(user: Caller, body: unknown) =>
  call<T>(
    await createRoute(
      jsonRequest("/api/prevention-actions", { method: "POST", cookie: await cookieOf(user), body }),
      {},
    ),
  );
const listAs = async <T = { items: PreventionActionDto[]; openCount: number }>(user: Caller, query = "") =>
  call<T>(await listRoute(jsonRequest(`/api/prevention-actions${query}`, { cookie: await cookieOf(user) }), {}));
const completeAs = async <T = PreventionActionDto>(user: Caller, id: string, body: unknown) =>
  call<T>(
    await completeRoute(
      jsonRequest(`/api/prevention-actions/${id}/complete`, { method: "POST", cookie: await cookieOf(user), body }),
      params({ id }),
    ),
  );

const userId = async (user: DemoUser) =>
  (await prisma.user.findUniqueOrThrow({ where: { email: `${user}@demo.test` } })).id;
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

let cashierId: string;
let closedStore1: string;
let closedStore1b: string;
let closedStore2: string;

beforeAll(async () => {
  cashierId = await userId("cashier");
  closedStore1 = (await closedIncident({ kind: "pin_error" })).id;
  closedStore1b = (await closedIncident({ kind: "unsigned_slip" })).id;
  closedStore2 = (await closedIncident({ kind: "pin_error", terminalId: "T2000001" })).id;
});

const retrain = () => ({
  type: "retrain",
  incidentIds: [closedStore1, closedStore1b],
  assigneeId: cashierId,
  dueAt: inDays(14),
  note: "Walk through the PIN-retry procedure with the cashier",
});

describe("making a prevention action", () => {
  test("a supervisor makes one from closed incidents of their store; each incident's timeline shows it", async () => {
    const created = await createAs("supervisor", retrain());
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      type: "retrain",
      status: "open",
      overdue: false,
      assignee: { id: cashierId, name: expect.any(String) },
      createdBy: { name: "Sam Supervisor" },
      completedBy: null,
    });
    expect(created.body.incidents.map((incident) => incident.id).sort()).toEqual([closedStore1, closedStore1b].sort());
    for (const id of [closedStore1, closedStore1b]) {
      const detail = await getAs("supervisor", id);
      expect(detail.body.timeline.at(-1)).toMatchObject({
        type: "prevention.created",
        actor: { name: "Sam Supervisor" },
        after: { actionId: created.body.id, type: "retrain", assigneeId: cashierId },
      });
    }
  });

  test("the note is stored with card numbers masked", async () => {
    const pan = testPan();
    const created = await createAs("admin", { ...retrain(), note: `Customer card ${pan} declined twice` });
    expect(created.status).toBe(201);
    expect(created.body.note).not.toContain(pan);
    const stored = await prisma.preventionAction.findUniqueOrThrow({ where: { id: created.body.id } });
    expect(stored.note).not.toContain(pan);
  });

  test.each<[DemoUser]>([["cashier"], ["finance"]])(
    "%s may not make one (403), and nothing is written",
    async (user) => {
      const before = await prisma.preventionAction.count();
      const refused = await createAs<ApiError>(user, retrain());
      expect(refused.status).toBe(403);
      expect(refused.body.error.reason).toBe("ROLE_CANNOT_PREVENT");
      expect(await prisma.preventionAction.count()).toBe(before);
      // The role before the body: garbage from a role that may not do this is 403, not 400.
      const garbage = await createAs<ApiError>(user, { incidentIds: "x", dueAt: 7 });
      expect(garbage.status).toBe(403);
      expect(garbage.body.error.reason).toBe("ROLE_CANNOT_PREVENT");
    },
  );

  test("an incident that is not closed answers 422; one of another store 404; nothing is written", async () => {
    const before = await prisma.preventionAction.count();
    const open = await logIncident();
    const notClosed = await createAs<ApiError>("supervisor", { ...retrain(), incidentIds: [closedStore1, open.id] });
    expect(notClosed.status).toBe(422);
    expect(notClosed.body.error.reason).toBe("PREVENTION_NEEDS_CLOSED_INCIDENTS");
    const otherStore = await createAs<ApiError>("supervisor", { ...retrain(), incidentIds: [closedStore2] });
    expect(otherStore.status).toBe(404);
    expect(await prisma.preventionAction.count()).toBe(before);
  });

  test.each([
    ["type", { type: "pray" }],
    ["incidentIds", { incidentIds: [] }],
    ["assigneeId", { assigneeId: undefined }],
    ["assigneeId", { assigneeId: "nobody-here" }],
    ["dueAt", { dueAt: "next week" }],
    ["dueAt", { dueAt: inDays(-3) }],
    ["note", { note: "   " }],
  ])("a bad %s answers 400 naming it", async (field, change) => {
    const response = await createAs<ApiError>("supervisor", { ...retrain(), ...change });
    expect(response.status).toBe(400);
    expect(Object.keys(response.body.error.fields ?? {})).toEqual([field]);
  });

  test("garbage bodies answer 4xx, never 5xx, and write nothing", async () => {
    const before = await prisma.preventionAction.count();
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.anything(),
          fc.record(
            {
              type: fc.oneof(fc.string(), fc.constant("signage")),
              incidentIds: fc.oneof(fc.array(fc.string()), fc.anything()),
              assigneeId: fc.oneof(fc.string(), fc.integer()),
              dueAt: fc.oneof(
                fc.string(),
                fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
              ),
              note: fc.oneof(fc.string(), fc.anything()),
            },
            { requiredKeys: [] },
          ),
        ),
        async (body) => {
          const response = await createAs<ApiError>("supervisor", body);
          expect(response.status).toBeGreaterThanOrEqual(400);
          expect(response.status).toBeLessThan(500);
        },
      ),
      { numRuns: 60 },
    );
    expect(await prisma.preventionAction.count()).toBe(before);
  });
});

describe("seeing and completing prevention actions", () => {
  let action: PreventionActionDto;
  beforeAll(async () => {
    const created = await createAs("supervisor", {
      ...retrain(),
      type: "signage",
      note: "Put up a 'please sign' card",
    });
    action = created.body;
  });

  test("the owner sees it; a cashier of another store does not; open ones come first, soonest due first", async () => {
    const mine = await listAs("cashier", "?status=open");
    expect(mine.status).toBe(200);
    expect(mine.body.items.map((item) => item.id)).toContain(action.id);
    const dues = mine.body.items.map((item) => item.dueAt);
    expect(dues).toEqual([...dues].sort());
    expect(mine.body.openCount).toBe(mine.body.items.length);
    const other = await listAs("cashier2");
    expect(other.body.items.map((item) => item.id)).not.toContain(action.id);
    const unknownStatus = await listAs<ApiError>("cashier", "?status=maybe");
    expect(unknownStatus.status).toBe(400);
    expect(await listAs<ApiError>(null)).toMatchObject({ status: 401 });
  });

  test("finance sees it but may not complete what it does not own; another store's cashier gets 404", async () => {
    expect((await listAs("finance")).body.items.map((item) => item.id)).toContain(action.id);
    const financeTry = await completeAs<ApiError>("finance", action.id, { note: "done" });
    expect(financeTry.status).toBe(403);
    const strangerTry = await completeAs<ApiError>("cashier2", action.id, { note: "done" });
    expect(strangerTry.status).toBe(404);
    const noNote = await completeAs<ApiError>("cashier", action.id, {});
    expect(noNote.status).toBe(400);
    expect(Object.keys(noNote.body.error.fields ?? {})).toEqual(["note"]);
    expect((await prisma.preventionAction.findUniqueOrThrow({ where: { id: action.id } })).status).toBe("open");
  });

  test("the owner completes it once, with a note; the timelines show it; a second completion is refused", async () => {
    const [first, second] = await Promise.all([
      completeAs<PreventionActionDto | ApiError>("cashier", action.id, { note: "Card on the counter since Monday" }),
      completeAs<PreventionActionDto | ApiError>("supervisor", action.id, { note: "Seen it up" }),
    ]);
    const statuses = [first.status, second.status].sort();
    expect(statuses).toEqual([200, 422]);
    const done = await listAs("cashier", "?status=done");
    const item = done.body.items.find((candidate) => candidate.id === action.id);
    expect(item).toMatchObject({ status: "done", overdue: false, completedAt: expect.any(String) });
    expect(["Card on the counter since Monday", "Seen it up"]).toContain(item?.completionNote);
    const events = await prisma.auditEvent.count({ where: { type: "prevention.completed" } });
    expect(events).toBe(2);
    const detail = await getAs("supervisor", closedStore1);
    expect(detail.body.timeline.at(-1)).toMatchObject({ type: "prevention.completed", after: { status: "done" } });
  });
});
