// Issue 9: the admin's deadline settings through the real route handlers — the settings (time zone,
// reminder and escalation hours, each kind's rules), the business calendar (holidays and make-up
// working days 调休) and a store's daily cut-off. Defaults before any change; a PUT read back;
// every refusal names its field; only the admin (every other role 403, and nothing changes); one
// audit event per change; the merchant's own rows only; garbage is a 4xx and writes nothing.
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { DELETE as removeDayRoute } from "@/app/api/admin/calendar/[date]/route";
import { POST as addDayRoute, GET as calendarRoute } from "@/app/api/admin/calendar/route";
import { GET as getSettingsRoute, PUT as putSettingsRoute } from "@/app/api/admin/deadlines/route";
import { PATCH as updateStoreRoute } from "@/app/api/admin/stores/[id]/route";
import { GET as openApiRoute } from "@/app/api/openapi.json/route";
import { verifyChain } from "@/lib/audit/verify-chain";
import { prisma } from "@/lib/db/client";
import type { CalendarDayDto, DeadlineSettingsDto } from "@/lib/deadlines/schemas";
import { defaultDeadlineSettings } from "@/lib/deadlines/settings";
import { INCIDENT_KINDS } from "@/lib/incidents/rules";
import { type DemoUser, jsonRequest, params, sessionCookie } from "@/tests/helpers/api";

interface ApiError {
  error: { code: string; reason: string; fields?: Record<string, string>; fieldReasons?: Record<string, unknown> };
}
type Answer<T> = { status: number; body: T & ApiError };

const NOT_ADMIN = ["cashier", "supervisor", "finance"] as const;

// biome-ignore lint/suspicious/noExplicitAny: route handlers take their own path parameters
type Handler = (request: Request, context: { params: Promise<any> }) => Promise<Response>;

async function send<T>(
  handler: Handler,
  user: DemoUser | null,
  url: string,
  { method = "GET", body, path = {} }: { method?: string; body?: unknown; path?: Record<string, string> } = {},
): Promise<Answer<T>> {
  const cookie = user ? await sessionCookie(user) : undefined;
  const response = await handler(jsonRequest(url, { method, body, cookie }), params(path));
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : null) as T & ApiError };
}

const getSettings = (user: DemoUser | null) =>
  send<DeadlineSettingsDto>(getSettingsRoute, user, "/api/admin/deadlines");
const putSettings = (user: DemoUser | null, body: unknown) =>
  send<DeadlineSettingsDto>(putSettingsRoute, user, "/api/admin/deadlines", { method: "PUT", body });
const listDays = (user: DemoUser | null, query = "") =>
  send<{ items: CalendarDayDto[] }>(calendarRoute, user, `/api/admin/calendar${query}`);
const addDay = (user: DemoUser | null, body: unknown) =>
  send<CalendarDayDto>(addDayRoute, user, "/api/admin/calendar", { method: "POST", body });
const removeDay = (user: DemoUser | null, date: string) =>
  send<unknown>(removeDayRoute, user, `/api/admin/calendar/${encodeURIComponent(date)}`, {
    method: "DELETE",
    path: { date },
  });
const patchStore = (user: DemoUser | null, id: string, body: unknown) =>
  send<{ id: string; name: string; cutoffTime?: string }>(updateStoreRoute, user, `/api/admin/stores/${id}`, {
    method: "PATCH",
    body,
    path: { id },
  });

function defaultsWithZone(timeZone = "Asia/Shanghai"): DeadlineSettingsDto {
  return { timeZone, ...defaultDeadlineSettings() };
}

async function demoMerchant() {
  return prisma.merchant.findFirstOrThrow({
    where: { stores: { some: { name: "Store 1" } } },
    select: { id: true, timeZone: true, deadlineSettings: true },
  });
}

async function storeId(name: string): Promise<string> {
  return (await prisma.store.findFirstOrThrow({ where: { name }, select: { id: true } })).id;
}

/** What a refused change must leave as it was. */
async function merchantState() {
  const merchant = await demoMerchant();
  return {
    merchant,
    days: await prisma.calendarDay.findMany({
      orderBy: { date: "asc" },
      select: { date: true, type: true, name: true },
    }),
    cutoffs: await prisma.store.findMany({ orderBy: { name: "asc" }, select: { name: true, cutoffTime: true } }),
    events: await prisma.auditEvent.count(),
  };
}

async function lastEvent() {
  return prisma.auditEvent.findFirstOrThrow({
    orderBy: { seq: "desc" },
    select: { type: true, before: true, after: true, actorId: true, incidentId: true },
  });
}

const adminId = async () =>
  (await prisma.user.findUniqueOrThrow({ where: { email: "admin@demo.test" }, select: { id: true } })).id;

describe("before any change", () => {
  test("the admin reads the defaults: Asia/Shanghai and the default rules of every kind", async () => {
    const answer = await getSettings("admin");
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual(defaultsWithZone());
    expect(Object.keys(answer.body.kinds)).toEqual([...INCIDENT_KINDS]);
    expect(answer.body.kinds.wrong_amount.halt).toEqual({ after: "cutoff" });
    expect(answer.body.kinds.unsigned_slip.resign).toEqual({ after: "days", count: 3 });
    expect(answer.body.kinds.debited_not_credited.reconcile).toEqual({ after: "business_days", count: 5 });
    expect(answer.body.kinds.pin_error.close).toEqual({ after: "days", count: 30 });
  });

  test("the calendar is empty and every store closes its batch at 23:00", async () => {
    expect((await listDays("admin")).body).toEqual({ items: [] });
    for (const name of ["Store 1", "Store 2"]) {
      const store = await prisma.store.findFirstOrThrow({ where: { name }, select: { cutoffTime: true } });
      expect(store.cutoffTime).toBe("23:00");
    }
  });
});

describe("the permission table: only the admin", () => {
  test.each(NOT_ADMIN)("%s is refused every route with 403, and nothing changes", async (user) => {
    const before = await merchantState();
    const store1 = await storeId("Store 1");
    const answers = [
      await getSettings(user),
      await putSettings(user, defaultsWithZone("Europe/London")),
      await listDays(user),
      await addDay(user, { date: "2026-10-01", type: "holiday", name: "National Day" }),
      await removeDay(user, "2026-10-01"),
      await patchStore(user, store1, { cutoffTime: "22:00" }),
    ];
    for (const answer of answers) {
      expect(answer.status).toBe(403);
      expect(answer.body.error.code).toBe("FORBIDDEN");
    }
    expect(answers.slice(0, 5).map((answer) => answer.body.error.reason)).toEqual(
      Array(5).fill("DEADLINES_ADMIN_ONLY"),
    );
    expect(await merchantState()).toEqual(before);
  });

  test("no session: 401 on every route", async () => {
    const answers = [
      await getSettings(null),
      await putSettings(null, defaultsWithZone()),
      await listDays(null),
      await addDay(null, { date: "2026-10-01", type: "holiday", name: "National Day" }),
      await removeDay(null, "2026-10-01"),
      await patchStore(null, await storeId("Store 1"), { cutoffTime: "22:00" }),
    ];
    expect(answers.map((answer) => answer.status)).toEqual(Array(6).fill(401));
  });
});

describe("the settings", () => {
  test("a PUT is read back, stored on the merchant and audited with the settings before and after", async () => {
    const changed: DeadlineSettingsDto = {
      ...defaultsWithZone("Asia/Hong_Kong"),
      reminderHours: 4,
      escalateEveryHours: 12,
    };
    changed.kinds.wrong_card = { ...changed.kinds.wrong_card, notify: { after: "hours", count: 2 }, resign: null };
    changed.kinds.debited_not_credited = {
      ...changed.kinds.debited_not_credited,
      reconcile: { after: "business_days", count: 7 },
    };

    const saved = await putSettings("admin", changed);
    expect(saved.status).toBe(200);
    expect(saved.body).toEqual(changed);
    expect((await getSettings("admin")).body).toEqual(changed);

    const merchant = await demoMerchant();
    expect(merchant.timeZone).toBe("Asia/Hong_Kong");
    const { timeZone: _zone, ...rules } = changed;
    expect(JSON.parse(merchant.deadlineSettings ?? "null")).toEqual(rules);

    const event = await lastEvent();
    expect(event.type).toBe("deadlines.changed");
    expect(event.actorId).toBe(await adminId());
    expect(event.incidentId).toBeNull();
    expect(JSON.parse(event.before ?? "null")).toEqual({ timeZone: "Asia/Shanghai", settings: null });
    expect(JSON.parse(event.after ?? "null")).toEqual({ timeZone: "Asia/Hong_Kong", settings: rules });

    // The same settings again change and record nothing.
    const events = await prisma.auditEvent.count();
    expect((await putSettings("admin", changed)).status).toBe(200);
    expect(await prisma.auditEvent.count()).toBe(events);

    // Back to the defaults: the event keeps what was replaced.
    expect((await putSettings("admin", defaultsWithZone())).status).toBe(200);
    const back = await lastEvent();
    expect(JSON.parse(back.before ?? "null")).toEqual({ timeZone: "Asia/Hong_Kong", settings: rules });
    expect((await getSettings("admin")).body).toEqual(defaultsWithZone());
    expect(await verifyChain({ merchantId: merchant.id })).toMatchObject({ ok: true });
  });

  test("a time zone is stored as the runtime names it", async () => {
    const saved = await putSettings("admin", { ...defaultsWithZone(), timeZone: "asia/hong_kong" });
    expect(saved.status).toBe(200);
    expect(saved.body.timeZone).toBe("Asia/Hong_Kong");
    expect((await demoMerchant()).timeZone).toBe("Asia/Hong_Kong");
    expect((await putSettings("admin", defaultsWithZone())).status).toBe(200);
  });

  const withKind = (patch: Record<string, unknown>) => {
    const body = defaultsWithZone() as unknown as Record<string, Record<string, Record<string, unknown>>>;
    body.kinds.wrong_amount = { ...body.kinds.wrong_amount, ...patch };
    return body;
  };

  test.each<[string, unknown, string, string]>([
    ["an unknown time zone", { ...defaultsWithZone(), timeZone: "Mars/Olympus_Mons" }, "timeZone", "TIME_ZONE_UNKNOWN"],
    ["an empty time zone", { ...defaultsWithZone(), timeZone: "" }, "timeZone", "TIME_ZONE_UNKNOWN"],
    ["a missing time zone", { ...defaultDeadlineSettings() }, "timeZone", "REQUIRED"],
    ["negative reminder hours", { ...defaultsWithZone(), reminderHours: -1 }, "reminderHours", "TOO_SMALL"],
    [
      "an escalation interval of 0",
      { ...defaultsWithZone(), escalateEveryHours: 0 },
      "escalateEveryHours",
      "TOO_SMALL",
    ],
    ["fractional hours", { ...defaultsWithZone(), reminderHours: 1.5 }, "reminderHours", "WRONG_TYPE"],
    [
      "a count of 0 days",
      withKind({ notify: { after: "days", count: 0 } }),
      "kinds.wrong_amount.notify.count",
      "TOO_SMALL",
    ],
    [
      "a count of working days past 250",
      withKind({ reconcile: { after: "business_days", count: 251 } }),
      "kinds.wrong_amount.reconcile.count",
      "TOO_BIG",
    ],
    [
      "a rule without its count",
      withKind({ notify: { after: "hours" } }),
      "kinds.wrong_amount.notify.count",
      "REQUIRED",
    ],
    [
      "a count on the cut-off rule",
      withKind({ halt: { after: "cutoff", count: 2 } }),
      "kinds.wrong_amount.halt.count",
      "UNKNOWN_FIELD",
    ],
    ["no rule for closing", withKind({ close: null }), "kinds.wrong_amount.close", "WRONG_TYPE"],
    ["an unknown field", { ...defaultsWithZone(), holidays: [] }, "holidays", "UNKNOWN_FIELD"],
  ])("%s is refused with 400 naming the field, and nothing changes", async (_case, body, field, reason) => {
    const before = await merchantState();
    const answer = await putSettings("admin", body);
    expect(answer.status, JSON.stringify(answer.body)).toBe(400);
    expect(answer.body.error.fields).toHaveProperty([field]);
    expect(answer.body.error.fieldReasons?.[field]).toMatchObject({ reason });
    expect(await merchantState()).toEqual(before);
  });

  test("a missing kind is refused naming it", async () => {
    const body = defaultsWithZone() as unknown as { kinds: Record<string, unknown> };
    delete body.kinds.pin_error;
    const answer = await putSettings("admin", body);
    expect(answer.status).toBe(400);
    expect(answer.body.error.fields).toHaveProperty(["kinds.pin_error"]);
  });
});

describe("the calendar", () => {
  test("the admin adds holidays and a make-up working day, lists them (by year too), and removes one", async () => {
    const added = await addDay("admin", { date: "2027-10-01", type: "holiday", name: " 国庆节 " });
    expect(added.status).toBe(201);
    expect(added.body).toEqual({ date: "2027-10-01", type: "holiday", name: "国庆节" });
    let event = await lastEvent();
    expect(event.type).toBe("calendar.day_added");
    expect(event.actorId).toBe(await adminId());
    expect(event.before).toBeNull();
    expect(JSON.parse(event.after ?? "null")).toEqual(added.body);

    expect((await addDay("admin", { date: "2027-10-09", type: "workday", name: "国庆调休" })).status).toBe(201);
    expect((await addDay("admin", { date: "2028-01-03", type: "holiday", name: "元旦" })).status).toBe(201);

    expect((await listDays("admin")).body.items.map((day) => day.date)).toEqual([
      "2027-10-01",
      "2027-10-09",
      "2028-01-03",
    ]);
    expect((await listDays("admin", "?year=2027")).body.items).toEqual([
      { date: "2027-10-01", type: "holiday", name: "国庆节" },
      { date: "2027-10-09", type: "workday", name: "国庆调休" },
    ]);

    const removed = await removeDay("admin", "2027-10-09");
    expect(removed.status).toBe(204);
    event = await lastEvent();
    expect(event.type).toBe("calendar.day_removed");
    expect(JSON.parse(event.before ?? "null")).toEqual({ date: "2027-10-09", type: "workday", name: "国庆调休" });
    expect(event.after).toBeNull();
    expect((await listDays("admin", "?year=2027")).body.items.map((day) => day.date)).toEqual(["2027-10-01"]);

    // Gone is gone: removing it again is a 404, and nothing is recorded.
    const events = await prisma.auditEvent.count();
    const again = await removeDay("admin", "2027-10-09");
    expect(again.status).toBe(404);
    expect(again.body.error.reason).toBe("CALENDAR_DAY_NOT_FOUND");
    expect(await prisma.auditEvent.count()).toBe(events);
  });

  test("a date already in the calendar is a 409 naming the date, and the first entry stays", async () => {
    expect((await addDay("admin", { date: "2029-05-01", type: "holiday", name: "劳动节" })).status).toBe(201);
    const events = await prisma.auditEvent.count();
    const clash = await addDay("admin", { date: "2029-05-01", type: "workday", name: "Labour Day swap" });
    expect(clash.status).toBe(409);
    expect(clash.body.error.reason).toBe("CALENDAR_DAY_TAKEN");
    expect(clash.body.error.fields).toHaveProperty("date");
    expect(await prisma.auditEvent.count()).toBe(events);
    expect((await listDays("admin", "?year=2029")).body.items).toEqual([
      { date: "2029-05-01", type: "holiday", name: "劳动节" },
    ]);
  });

  test("two admins adding the same date at once: one is added, the other is told 409", async () => {
    const answers = await Promise.all([
      addDay("admin", { date: "2029-10-01", type: "holiday", name: "First" }),
      addDay("admin", { date: "2029-10-01", type: "holiday", name: "Second" }),
    ]);
    expect(answers.map((answer) => answer.status).sort()).toEqual([201, 409]);
    expect(await prisma.calendarDay.count({ where: { date: "2029-10-01" } })).toBe(1);
    expect(
      await prisma.auditEvent.count({ where: { type: "calendar.day_added", after: { contains: "2029-10-01" } } }),
    ).toBe(1);
  });

  test.each<[string, unknown, string]>([
    ["a date that does not exist", { date: "2027-02-29", type: "holiday", name: "x" }, "date"],
    ["a date in another form", { date: "01/10/2027", type: "holiday", name: "x" }, "date"],
    ["a year out of range", { date: "1999-10-01", type: "holiday", name: "x" }, "date"],
    ["an unknown type", { date: "2027-10-02", type: "festival", name: "x" }, "type"],
    ["an empty name", { date: "2027-10-02", type: "holiday", name: "   " }, "name"],
    ["a name too long", { date: "2027-10-02", type: "holiday", name: "x".repeat(81) }, "name"],
    ["a missing date", { type: "holiday", name: "x" }, "date"],
  ])("adding %s is refused with 400 naming the field", async (_case, body, field) => {
    const before = await merchantState();
    const answer = await addDay("admin", body);
    expect(answer.status).toBe(400);
    expect(answer.body.error.fields).toHaveProperty([field]);
    expect(await merchantState()).toEqual(before);
  });

  test("removing a date that is not a date is a 400 naming it; a year that is not a year too", async () => {
    const bad = await removeDay("admin", "2027-13-01");
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields).toHaveProperty("date");
    const year = await listDays("admin", "?year=twenty");
    expect(year.status).toBe(400);
    expect(year.body.error.fields).toHaveProperty("year");
  });

  test("another merchant's calendar is neither listed nor removed", async () => {
    const other = await prisma.merchant.create({ data: { name: `Other ${Math.random()}` } });
    await prisma.calendarDay.create({
      data: { merchantId: other.id, date: "2030-02-01", type: "holiday", name: "Theirs" },
    });
    expect((await listDays("admin", "?year=2030")).body.items).toEqual([]);
    expect((await removeDay("admin", "2030-02-01")).status).toBe(404);
    expect(await prisma.calendarDay.count({ where: { merchantId: other.id } })).toBe(1);
    // The same date is still free for this merchant.
    expect((await addDay("admin", { date: "2030-02-01", type: "holiday", name: "Ours" })).status).toBe(201);
  });
});

describe("a store's cut-off", () => {
  test("the admin sets it through PATCH /api/admin/stores/{id}; audited; renaming still works beside it", async () => {
    const store2 = await storeId("Store 2");
    const set = await patchStore("admin", store2, { cutoffTime: "21:30" });
    expect(set.status).toBe(200);
    expect(set.body).toEqual({ id: store2, name: "Store 2", cutoffTime: "21:30" });
    const event = await lastEvent();
    expect(event.type).toBe("store.cutoff_changed");
    expect(JSON.parse(event.before ?? "null")).toEqual({ storeId: store2, name: "Store 2", cutoffTime: "23:00" });
    expect(JSON.parse(event.after ?? "null")).toEqual({ storeId: store2, name: "Store 2", cutoffTime: "21:30" });

    const both = await patchStore("admin", store2, { name: "Store 2 East", cutoffTime: "22:15" });
    expect(both.status).toBe(200);
    expect(both.body).toEqual({ id: store2, name: "Store 2 East", cutoffTime: "22:15" });
    const renamed = await patchStore("admin", store2, { name: "Store 2" });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ id: store2, name: "Store 2" });
    expect(await prisma.store.findUniqueOrThrow({ where: { id: store2 }, select: { cutoffTime: true } })).toEqual({
      cutoffTime: "22:15",
    });
    expect((await patchStore("admin", store2, { cutoffTime: "23:00" })).status).toBe(200);
  });

  test.each<[string, unknown, string]>([
    ["not HH:MM", { cutoffTime: "9pm" }, "cutoffTime"],
    ["past midnight", { cutoffTime: "24:00" }, "cutoffTime"],
    ["without the leading zero", { cutoffTime: "9:30" }, "cutoffTime"],
    ["a number", { cutoffTime: 2300 }, "cutoffTime"],
    ["an empty change", {}, "body"],
  ])("a cut-off %s is refused with 400 naming the field", async (_case, body, field) => {
    const before = await merchantState();
    const answer = await patchStore("admin", await storeId("Store 1"), body);
    expect(answer.status).toBe(400);
    expect(answer.body.error.fields).toHaveProperty([field]);
    expect(await merchantState()).toEqual(before);
  });

  test("another merchant's store is not found", async () => {
    const other = await prisma.merchant.create({ data: { name: `Other ${Math.random()}` } });
    const store = await prisma.store.create({ data: { merchantId: other.id, name: "Elsewhere" } });
    const answer = await patchStore("admin", store.id, { cutoffTime: "20:00" });
    expect(answer.status).toBe(404);
    expect((await prisma.store.findUniqueOrThrow({ where: { id: store.id } })).cutoffTime).toBe("23:00");
  });
});

describe("the OpenAPI document", () => {
  test("describes every deadline-settings route with its method", async () => {
    const doc = (await (await openApiRoute()).json()) as { paths: Record<string, Record<string, unknown>> };
    expect(Object.keys(doc.paths["/api/admin/deadlines"]).sort()).toEqual(["get", "put"]);
    expect(Object.keys(doc.paths["/api/admin/calendar"]).sort()).toEqual(["get", "post"]);
    expect(Object.keys(doc.paths["/api/admin/calendar/{date}"])).toEqual(["delete"]);
    expect(JSON.stringify(doc.paths["/api/admin/stores/{id}"])).toContain("UpdateStore");
  });
});

describe("garbage", () => {
  const users = fc.constantFrom<DemoUser | null>("admin", "admin", "cashier", "finance", null);
  const rule = fc.oneof(
    fc.constant(null),
    fc.record({ after: fc.constantFrom("cutoff", "hours", "days", "business_days", "weeks") }),
    fc.record({
      after: fc.constantFrom("hours", "days", "business_days"),
      count: fc.oneof(fc.integer(), fc.double(), fc.string({ maxLength: 4 })),
    }),
    fc.jsonValue({ maxDepth: 2 }),
  );
  // Bodies near the real shape (one field broken) as well as anything at all.
  const nearSettings = fc
    .record({
      timeZone: fc.oneof(fc.constantFrom("Asia/Shanghai", "UTC", "Mars/Base", ""), fc.string({ maxLength: 70 })),
      reminderHours: fc.oneof(fc.integer({ min: -10, max: 1000 }), fc.jsonValue({ maxDepth: 1 })),
      escalateEveryHours: fc.oneof(fc.integer({ min: -10, max: 1000 }), fc.jsonValue({ maxDepth: 1 })),
      kind: fc.constantFrom(...INCIDENT_KINDS, "lost_cat"),
      step: fc.constantFrom("halt", "reverify", "notify", "resign", "reconcile", "close", "x"),
      rule,
    })
    .map(({ kind, step, rule: broken, ...top }) => {
      const kinds = defaultDeadlineSettings().kinds as unknown as Record<string, Record<string, unknown>>;
      kinds[kind] = { ...(kinds[kind] ?? {}), [step]: broken };
      return { ...top, kinds };
    })
    // One valid body in many would be accepted: keep only those the server must refuse (an
    // invalid reminder or interval, or a broken rule), so "nothing written" holds.
    .filter(
      (body) =>
        typeof body.reminderHours !== "number" ||
        body.reminderHours < 0 ||
        typeof body.escalateEveryHours !== "number" ||
        body.escalateEveryHours < 1 ||
        body.timeZone === "" ||
        body.timeZone === "Mars/Base",
    );
  const anyBody = fc.oneof(
    fc.jsonValue({ maxDepth: 4 }),
    nearSettings,
    fc.string().map((text) => `{${text}`),
    fc.record(
      {
        date: fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom("2027-02-30", "2027-00-10", "99999-01-01")),
        type: fc.oneof(fc.constantFrom("holiday", "workday"), fc.string({ maxLength: 10 })),
        name: fc.oneof(fc.string({ maxLength: 100 }), fc.jsonValue({ maxDepth: 1 })),
      },
      { requiredKeys: [] },
    ),
  );

  test("PUT /api/admin/deadlines and POST /api/admin/calendar: always a 4xx, never a 5xx; nothing written", async () => {
    const before = await merchantState();
    await fc.assert(
      fc.asyncProperty(users, anyBody, fc.boolean(), async (user, body, toCalendar) => {
        // A valid calendar day by chance would be added: keep only what must be refused.
        fc.pre(
          !toCalendar ||
            typeof body !== "object" ||
            body === null ||
            !/^\d{4}-\d{2}-\d{2}$/.test(String((body as { date?: unknown }).date)) ||
            !["holiday", "workday"].includes(String((body as { type?: unknown }).type)) ||
            typeof (body as { name?: unknown }).name !== "string" ||
            !String((body as { name: string }).name).trim(),
        );
        const answer = toCalendar ? await addDay(user, body) : await putSettings(user, body);
        expect(answer.status, JSON.stringify(answer.body)).toBeGreaterThanOrEqual(400);
        expect(answer.status, JSON.stringify(answer.body)).toBeLessThan(500);
        if (answer.status === 400) expect(Object.keys(answer.body.error.fields ?? {}).length).toBeGreaterThan(0);
        if (user !== "admin") expect([400, 401, 403]).toContain(answer.status);
      }),
      { numRuns: 150 },
    );
    expect(await merchantState()).toEqual(before);
  });

  test("PATCH a store's cut-off and DELETE a calendar date with anything: never a 5xx; nothing written", async () => {
    const before = await merchantState();
    const store1 = await storeId("Store 1");
    await fc.assert(
      fc.asyncProperty(
        users,
        fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom("24:00", "7:00", "23:60", "", "23:00:00")),
        fc.string({ maxLength: 40 }),
        async (user, cutoffTime, date) => {
          fc.pre(!/^([01]\d|2[0-3]):[0-5]\d$/.test(cutoffTime));
          const patched = await patchStore(user, store1, { cutoffTime });
          expect([400, 401, 403]).toContain(patched.status);
          const removed = await removeDay(user, date);
          expect([400, 401, 403, 404]).toContain(removed.status);
        },
      ),
      { numRuns: 100 },
    );
    expect(await merchantState()).toEqual(before);
  });
});
