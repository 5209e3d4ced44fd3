// Administration of stores, terminals and staff through the real /api/admin route handlers, against
// this file's own copy of the seeded database: what an admin can do, that every other role is
// refused and nothing changes, tenant scoping, and the effect on sign-in and incident visibility.
import { describe, expect, test } from "vitest";
import { PATCH as renameStoreRoute } from "@/app/api/admin/stores/[id]/route";
import { POST as createStoreRoute, GET as listStoresRoute } from "@/app/api/admin/stores/route";
import { PUT as terminalSoftwareRoute } from "@/app/api/admin/terminal-software/route";
import { POST as deactivateTerminalRoute } from "@/app/api/admin/terminals/[id]/deactivate/route";
import { POST as moveTerminalRoute } from "@/app/api/admin/terminals/[id]/move/route";
import { POST as reactivateTerminalRoute } from "@/app/api/admin/terminals/[id]/reactivate/route";
import { PATCH as changeTerminalDetailsRoute } from "@/app/api/admin/terminals/[id]/route";
import { POST as addTerminalRoute, GET as listTerminalsRoute } from "@/app/api/admin/terminals/route";
import { POST as deactivateUserRoute } from "@/app/api/admin/users/[id]/deactivate/route";
import { POST as reactivateUserRoute } from "@/app/api/admin/users/[id]/reactivate/route";
import { PATCH as changeUserAccessRoute } from "@/app/api/admin/users/[id]/route";
import { POST as unlockUserRoute } from "@/app/api/admin/users/[id]/unlock/route";
import { POST as createUserRoute, GET as listUsersRoute } from "@/app/api/admin/users/route";
import { POST as signInRoute } from "@/app/api/auth/sign-in/route";
import { POST as createIncidentRoute, GET as listIncidentsRoute } from "@/app/api/incidents/route";
import { createUserInTx } from "@/lib/admin/create-user";
import { verifyChain } from "@/lib/audit/verify-chain";
import { requireActor } from "@/lib/auth/actor";
import { prisma } from "@/lib/db/client";
import { isAppError } from "@/lib/errors/app-error";
import type { AdminStoreDto, AdminTerminalDto, AdminUserDto } from "@/lib/schemas/admin";
import type { IncidentDto } from "@/lib/schemas/incident";
import { type DemoUser, jsonRequest, params, sessionCookie } from "@/tests/helpers/api";

const NEW_PASSWORD = "a-long-initial-password";

interface ApiError {
  error: { code: string; message: string; fields?: Record<string, string> };
}

interface Result<T = unknown> {
  status: number;
  body: T;
}

type Handler = (request: Request, context: { params: Promise<{ id: string }> }) => Promise<Response>;

/** Calls a route handler with an optional session cookie and JSON body. */
async function call<T = unknown>(
  handler: Handler,
  url: string,
  { method = "POST", body, cookie, id }: { method?: string; body?: unknown; cookie?: string; id?: string } = {},
): Promise<Result<T>> {
  const response = await handler(jsonRequest(url, { method, body, cookie }), params({ id: id ?? "" }));
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : null) as T };
}

const admin = () => sessionCookie("admin");

async function signIn(email: string, password: string): Promise<{ status: number; cookie: string }> {
  const response = await signInRoute(
    new Request("http://localhost/api/auth/sign-in", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email, password }),
    }),
    {},
  );
  const cookie = response.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  return { status: response.status, cookie };
}

async function storeIdOf(name: string): Promise<string> {
  const store = await prisma.store.findFirstOrThrow({ where: { name, merchant: { name: "Demo Merchant" } } });
  return store.id;
}

async function userIdOf(email: string): Promise<string> {
  return (await prisma.user.findUniqueOrThrow({ where: { email } })).id;
}

async function demoMerchantId(): Promise<string> {
  return (await prisma.merchant.findFirstOrThrow({ where: { name: "Demo Merchant" } })).id;
}

async function lastEvent() {
  return prisma.auditEvent.findFirstOrThrow({
    where: { merchantId: await demoMerchantId() },
    orderBy: { seq: "desc" },
  });
}

async function createStore(name: string): Promise<string> {
  const created = await call<{ id: string }>(createStoreRoute, "/api/admin/stores", {
    cookie: await admin(),
    body: { name },
  });
  expect(created.status).toBe(201);
  return created.body.id;
}

async function addTerminal(storeId: string, tid: string): Promise<AdminTerminalDto> {
  const created = await call<AdminTerminalDto>(addTerminalRoute, "/api/admin/terminals", {
    cookie: await admin(),
    body: { storeId, tid },
  });
  expect(created.status).toBe(201);
  return created.body;
}

async function createUser(body: Record<string, unknown>): Promise<string> {
  const created = await call<{ id: string }>(createUserRoute, "/api/admin/users", {
    cookie: await admin(),
    body: { password: NEW_PASSWORD, ...body },
  });
  expect(created.status).toBe(201);
  return created.body.id;
}

async function logIncident(cookie: string, terminalId: string): Promise<Result<IncidentDto>> {
  return call<IncidentDto>(createIncidentRoute, "/api/incidents", {
    cookie,
    body: { kind: "wrong_amount", terminalId, amount: "10.00" },
  });
}

async function visibleIncidents(cookie: string): Promise<Result<{ items: IncidentDto[] }>> {
  return call<{ items: IncidentDto[] }>(listIncidentsRoute, "/api/incidents?limit=100", {
    method: "GET",
    cookie,
  });
}

/** Everything administration can change, to show that a refused request changed nothing. */
async function adminState() {
  const [stores, terminals, memberships, users, sessions, events] = await Promise.all([
    prisma.store.findMany({ orderBy: { id: "asc" }, select: { id: true, name: true } }),
    prisma.terminal.findMany({ orderBy: { id: "asc" }, select: { id: true, tid: true, storeId: true, active: true } }),
    prisma.membership.findMany({
      orderBy: { id: "asc" },
      select: { userId: true, role: true, active: true, lockedUntil: true, stores: { select: { storeId: true } } },
    }),
    prisma.user.count(),
    prisma.session.count({ where: { user: { email: { not: { endsWith: "@demo.test" } } } } }),
    prisma.auditEvent.count(),
  ]);
  return { stores, terminals, memberships, users, sessions, events };
}

describe("admin manages stores", () => {
  test("admin creates a store, which is listed with no terminals, and the change is audited", async () => {
    const storeId = await createStore("Store 3");
    const listed = await call<{ items: AdminStoreDto[] }>(listStoresRoute, "/api/admin/stores", {
      method: "GET",
      cookie: await admin(),
    });
    expect(listed.status).toBe(200);
    expect(listed.body.items.map((store) => store.name)).toEqual(["Store 1", "Store 2", "Store 3"]);
    expect(listed.body.items.find((store) => store.id === storeId)?.terminals).toEqual([]);
    expect(listed.body.items.find((store) => store.name === "Store 1")?.terminals.map((t) => t.tid)).toEqual([
      "T1000001",
      "T1000002",
    ]);
    const event = await lastEvent();
    expect(event.type).toBe("store.created");
    expect(event.actorId).toBe(await userIdOf("admin@demo.test"));
    expect(JSON.parse(event.after ?? "{}")).toMatchObject({ storeId, name: "Store 3" });
  });

  test("admin renames a store; the event keeps the old and the new name", async () => {
    const storeId = await createStore("Kiosk");
    const renamed = await call<{ name: string }>(renameStoreRoute, `/api/admin/stores/${storeId}`, {
      method: "PATCH",
      cookie: await admin(),
      id: storeId,
      body: { name: "  Airport kiosk " },
    });
    expect(renamed.status).toBe(200);
    expect(renamed.body.name).toBe("Airport kiosk");
    const event = await lastEvent();
    expect(event.type).toBe("store.renamed");
    expect(JSON.parse(event.before ?? "{}")).toMatchObject({ name: "Kiosk" });
    expect(JSON.parse(event.after ?? "{}")).toMatchObject({ name: "Airport kiosk" });
  });

  test("a store name already in use answers 409 naming the field, on create and on rename", async () => {
    const created = await call<ApiError>(createStoreRoute, "/api/admin/stores", {
      cookie: await admin(),
      body: { name: "Store 1" },
    });
    expect(created.status).toBe(409);
    expect(created.body.error.fields).toHaveProperty("name");
    const store2 = await storeIdOf("Store 2");
    const renamed = await call<ApiError>(renameStoreRoute, `/api/admin/stores/${store2}`, {
      method: "PATCH",
      cookie: await admin(),
      id: store2,
      body: { name: "Store 1" },
    });
    expect(renamed.status).toBe(409);
    expect(await prisma.store.count({ where: { name: "Store 1" } })).toBe(1);
  });

  test("an empty store name answers 400 naming the field", async () => {
    const created = await call<ApiError>(createStoreRoute, "/api/admin/stores", {
      cookie: await admin(),
      body: { name: "   " },
    });
    expect(created.status).toBe(400);
    expect(created.body.error.fields).toHaveProperty("name");
  });
});

describe("admin manages terminals", () => {
  test("admin adds a terminal; its TID is stored upper-case and the change is audited", async () => {
    const storeId = await storeIdOf("Store 2");
    const terminal = await addTerminal(storeId, " t2000009 ");
    expect(terminal).toMatchObject({ tid: "T2000009", storeId, active: true });
    const listed = await call<{ items: AdminTerminalDto[] }>(listTerminalsRoute, "/api/admin/terminals", {
      method: "GET",
      cookie: await admin(),
    });
    expect(listed.body.items.map((t) => t.tid)).toContain("T2000009");
    const event = await lastEvent();
    expect(event.type).toBe("terminal.created");
    expect(JSON.parse(event.after ?? "{}")).toMatchObject({ tid: "T2000009", storeId });
  });

  test("a TID already registered answers 409 naming the tid field, whatever its case", async () => {
    const before = await adminState();
    const duplicate = await call<ApiError>(addTerminalRoute, "/api/admin/terminals", {
      cookie: await admin(),
      body: { storeId: await storeIdOf("Store 2"), tid: "t1000001" },
    });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.error.code).toBe("CONFLICT");
    expect(duplicate.body.error.fields).toHaveProperty("tid");
    expect(await adminState()).toEqual(before);
  });

  test.each(["T1", "T-100001", "T12345678901234567"])("the malformed TID %s answers 400", async (tid) => {
    const response = await call<ApiError>(addTerminalRoute, "/api/admin/terminals", {
      cookie: await admin(),
      body: { storeId: await storeIdOf("Store 1"), tid },
    });
    expect(response.status).toBe(400);
    expect(response.body.error.fields).toHaveProperty("tid");
  });

  test("a moved terminal logs new incidents in its new store", async () => {
    const store1 = await storeIdOf("Store 1");
    const store2 = await storeIdOf("Store 2");
    const terminal = await addTerminal(store1, "T1000077");
    const moved = await call<AdminTerminalDto>(moveTerminalRoute, `/api/admin/terminals/${terminal.id}/move`, {
      cookie: await admin(),
      id: terminal.id,
      body: { storeId: store2 },
    });
    expect(moved.status).toBe(200);
    expect(moved.body.storeId).toBe(store2);
    const event = await lastEvent();
    expect(event.type).toBe("terminal.moved");
    expect(JSON.parse(event.before ?? "{}")).toMatchObject({ storeId: store1 });
    expect(JSON.parse(event.after ?? "{}")).toMatchObject({ storeId: store2 });

    expect((await logIncident(await sessionCookie("cashier"), "T1000077")).status).toBe(403);
    const logged = await logIncident(await sessionCookie("cashier2"), "T1000077");
    expect(logged.status).toBe(201);
    expect(logged.body.storeId).toBe(store2);
  });

  test("moving a terminal to the store it is in is a rule violation", async () => {
    const terminal = await prisma.terminal.findFirstOrThrow({ where: { tid: "T1000001" } });
    const response = await call<ApiError>(moveTerminalRoute, `/api/admin/terminals/${terminal.id}/move`, {
      cookie: await admin(),
      id: terminal.id,
      body: { storeId: terminal.storeId },
    });
    expect(response.status).toBe(422);
    expect(response.body.error.fields).toHaveProperty("storeId");
  });

  test("a deactivated terminal takes no incident until it is reactivated", async () => {
    const terminal = await addTerminal(await storeIdOf("Store 1"), "T1000088");
    const url = `/api/admin/terminals/${terminal.id}`;
    const deactivated = await call<AdminTerminalDto>(deactivateTerminalRoute, `${url}/deactivate`, {
      cookie: await admin(),
      id: terminal.id,
    });
    expect(deactivated.status).toBe(200);
    expect(deactivated.body.active).toBe(false);
    expect((await lastEvent()).type).toBe("terminal.deactivated");
    expect((await logIncident(await sessionCookie("cashier"), "T1000088")).status).toBe(422);

    const reactivated = await call<AdminTerminalDto>(reactivateTerminalRoute, `${url}/reactivate`, {
      cookie: await admin(),
      id: terminal.id,
    });
    expect(reactivated.body.active).toBe(true);
    expect((await lastEvent()).type).toBe("terminal.reactivated");
    expect((await logIncident(await sessionCookie("cashier"), "T1000088")).status).toBe(201);
  });
});

describe("admin manages staff", () => {
  test("the staff list shows every demo user with role, stores and state", async () => {
    const listed = await call<{ items: AdminUserDto[] }>(listUsersRoute, "/api/admin/users", {
      method: "GET",
      cookie: await admin(),
    });
    expect(listed.status).toBe(200);
    const supervisor = listed.body.items.find((user) => user.email === "supervisor@demo.test");
    expect(supervisor).toMatchObject({ role: "SUPERVISOR", active: true, lockedUntil: null });
    expect(supervisor?.stores.map((store) => store.name)).toEqual(["Store 1"]);
    expect(listed.body.items.find((user) => user.email === "finance@demo.test")?.stores).toEqual([]);
  });

  test("a created cashier signs in and sees only their stores' incidents", async () => {
    const store1Incident = await logIncident(await sessionCookie("cashier"), "T1000001");
    const store2Incident = await logIncident(await sessionCookie("cashier2"), "T2000001");
    expect([store1Incident.status, store2Incident.status]).toEqual([201, 201]);

    const store2 = await storeIdOf("Store 2");
    const userId = await createUser({
      email: "New.Cashier@Demo.test",
      name: "Nina New",
      role: "CASHIER",
      storeIds: [store2],
    });
    const event = await lastEvent();
    expect(event.type).toBe("user.created");
    expect(event.actorId).toBe(await userIdOf("admin@demo.test"));
    const account = await prisma.account.findFirstOrThrow({ where: { userId } });
    expect(account.password).toMatch(/^\$argon2id\$/);

    const { status, cookie } = await signIn("new.cashier@demo.test", NEW_PASSWORD);
    expect(status).toBe(200);
    const seen = await visibleIncidents(cookie);
    expect(seen.status).toBe(200);
    const ids = seen.body.items.map((incident) => incident.id);
    expect(ids).toContain(store2Incident.body.id);
    expect(ids).not.toContain(store1Incident.body.id);
    expect(new Set(seen.body.items.map((incident) => incident.storeId))).toEqual(new Set([store2]));
  });

  test("a created finance user gets no stores even when some are sent, and sees every store", async () => {
    await createUser({
      email: "new.finance@demo.test",
      name: "Fred Finance",
      role: "FINANCE",
      storeIds: [await storeIdOf("Store 1")],
    });
    const membership = await prisma.membership.findFirstOrThrow({
      where: { user: { email: "new.finance@demo.test" } },
      include: { stores: true },
    });
    expect(membership.stores).toEqual([]);
  });

  test.each([
    ["a cashier without a store", { role: "CASHIER", storeIds: [] }, "storeIds"],
    ["a supervisor without a store", { role: "SUPERVISOR" }, "storeIds"],
    ["a password under 12 characters", { role: "FINANCE", password: "short-pass1" }, "password"],
    ["a malformed email", { role: "FINANCE", email: "not-an-email" }, "email"],
    ["an unknown role", { role: "OWNER" }, "role"],
  ])("%s answers 400 naming the field", async (_, body, field) => {
    const before = await adminState();
    const response = await call<ApiError>(createUserRoute, "/api/admin/users", {
      cookie: await admin(),
      body: { email: "rejected@demo.test", name: "Rejected", password: NEW_PASSWORD, ...body },
    });
    expect(response.status).toBe(400);
    expect(response.body.error.fields).toHaveProperty(field);
    expect(await adminState()).toEqual(before);
  });

  test("an email already in use answers 409", async () => {
    const response = await call<ApiError>(createUserRoute, "/api/admin/users", {
      cookie: await admin(),
      body: { email: "CASHIER@demo.test", name: "Copy", password: NEW_PASSWORD, role: "FINANCE" },
    });
    expect(response.status).toBe(409);
    expect(response.body.error.fields).toHaveProperty("email");
  });

  test("a changed role and stores take effect on the user's next request", async () => {
    const store1 = await storeIdOf("Store 1");
    const store2 = await storeIdOf("Store 2");
    const userId = await createUser({
      email: "mover@demo.test",
      name: "Mo Mover",
      role: "CASHIER",
      storeIds: [store1],
    });
    const { cookie } = await signIn("mover@demo.test", NEW_PASSWORD);
    expect((await logIncident(cookie, "T2000001")).status).toBe(403);

    const changed = await call(changeUserAccessRoute, `/api/admin/users/${userId}`, {
      method: "PATCH",
      cookie: await admin(),
      id: userId,
      body: { role: "SUPERVISOR", storeIds: [store2] },
    });
    expect(changed.status).toBe(200);
    const event = await lastEvent();
    expect(event.type).toBe("user.role_changed");
    expect(JSON.parse(event.before ?? "{}")).toMatchObject({ role: "CASHIER", storeIds: [store1] });
    expect(JSON.parse(event.after ?? "{}")).toMatchObject({ role: "SUPERVISOR", storeIds: [store2] });

    const actor = await requireActor(new Headers({ cookie }));
    expect(actor).toMatchObject({ role: "SUPERVISOR", storeIds: [store2] });
    expect((await logIncident(cookie, "T2000001")).status).toBe(201);
    expect((await logIncident(cookie, "T1000001")).status).toBe(403);
  });

  test("changing only the stores is audited as a store change", async () => {
    const store1 = await storeIdOf("Store 1");
    const store2 = await storeIdOf("Store 2");
    const userId = await createUser({
      email: "twostores@demo.test",
      name: "Tia Two",
      role: "CASHIER",
      storeIds: [store1],
    });
    const changed = await call(changeUserAccessRoute, `/api/admin/users/${userId}`, {
      method: "PATCH",
      cookie: await admin(),
      id: userId,
      body: { role: "CASHIER", storeIds: [store1, store2] },
    });
    expect(changed.status).toBe(200);
    expect((await lastEvent()).type).toBe("user.stores_changed");
    const links = await prisma.membershipStore.findMany({ where: { membership: { userId } } });
    expect(links.map((link) => link.storeId).sort()).toEqual([store1, store2].sort());
  });

  test("a deactivated user is signed out at once and cannot sign in until reactivated", async () => {
    const userId = await createUser({
      email: "leaver@demo.test",
      name: "Lee Leaver",
      role: "CASHIER",
      storeIds: [await storeIdOf("Store 1")],
    });
    const { cookie } = await signIn("leaver@demo.test", NEW_PASSWORD);
    expect((await requireActor(new Headers({ cookie }))).userId).toBe(userId);

    const deactivated = await call(deactivateUserRoute, `/api/admin/users/${userId}/deactivate`, {
      cookie: await admin(),
      id: userId,
    });
    expect(deactivated.status).toBe(200);
    expect((await lastEvent()).type).toBe("user.deactivated");
    expect(await prisma.session.count({ where: { userId } })).toBe(0);
    const refused = await requireActor(new Headers({ cookie })).catch((error: unknown) => error);
    expect(isAppError(refused) && refused.code).toBe("UNAUTHENTICATED");
    expect((await visibleIncidents(cookie)).status).toBe(401);
    expect((await signIn("leaver@demo.test", NEW_PASSWORD)).status).toBe(401);

    const reactivated = await call(reactivateUserRoute, `/api/admin/users/${userId}/reactivate`, {
      cookie: await admin(),
      id: userId,
    });
    expect(reactivated.status).toBe(200);
    expect((await lastEvent()).type).toBe("user.reactivated");
    expect((await signIn("leaver@demo.test", NEW_PASSWORD)).status).toBe(200);
  });

  test("an admin cannot deactivate themselves or change their own role", async () => {
    const adminId = await userIdOf("admin@demo.test");
    const before = await adminState();
    const deactivated = await call<ApiError>(deactivateUserRoute, `/api/admin/users/${adminId}/deactivate`, {
      cookie: await admin(),
      id: adminId,
    });
    expect(deactivated.status).toBe(422);
    expect(deactivated.body.error.code).toBe("RULE_VIOLATION");
    const demoted = await call<ApiError>(changeUserAccessRoute, `/api/admin/users/${adminId}`, {
      method: "PATCH",
      cookie: await admin(),
      id: adminId,
      body: { role: "FINANCE", storeIds: [] },
    });
    expect(demoted.status).toBe(422);
    expect(demoted.body.error.fields).toHaveProperty("role");
    expect(await adminState()).toEqual(before);
    expect((await requireActor(new Headers({ cookie: await admin() }))).role).toBe("ADMIN");
  });

  test("admin unlocks a user locked out by failed sign-ins", async () => {
    const userId = await createUser({ email: "forgetful@demo.test", name: "Fo Getful", role: "FINANCE" });
    for (let attempt = 0; attempt < 5; attempt++) {
      expect((await signIn("forgetful@demo.test", "wrong-password-123")).status).toBe(401);
    }
    expect((await signIn("forgetful@demo.test", NEW_PASSWORD)).status).toBe(429);
    const listed = await call<{ items: AdminUserDto[] }>(listUsersRoute, "/api/admin/users", {
      method: "GET",
      cookie: await admin(),
    });
    expect(listed.body.items.find((user) => user.id === userId)?.lockedUntil).not.toBeNull();

    const unlocked = await call(unlockUserRoute, `/api/admin/users/${userId}/unlock`, {
      cookie: await admin(),
      id: userId,
    });
    expect(unlocked.status).toBe(200);
    expect((await lastEvent()).type).toBe("user.unlocked");
    expect((await signIn("forgetful@demo.test", NEW_PASSWORD)).status).toBe(200);
  });

  test("unlocking a user who is not locked out is a rule violation", async () => {
    const userId = await userIdOf("finance@demo.test");
    const response = await call<ApiError>(unlockUserRoute, `/api/admin/users/${userId}/unlock`, {
      cookie: await admin(),
      id: userId,
    });
    expect(response.status).toBe(422);
  });
});

describe("another merchant's stores, terminals and staff", () => {
  async function otherMerchant() {
    return prisma.$transaction(async (tx) => {
      const merchant = await tx.merchant.create({ data: { name: `Other ${Math.random()}` } });
      const store = await tx.store.create({
        data: {
          merchantId: merchant.id,
          name: "Elsewhere",
          terminals: { create: { merchantId: merchant.id, tid: "T9000001" } },
        },
        include: { terminals: true },
      });
      const user = await createUserInTx(
        tx,
        {
          merchantId: merchant.id,
          email: `other-${merchant.id}@elsewhere.test`,
          name: "Otto Other",
          password: NEW_PASSWORD,
          role: "CASHIER",
          storeIds: [store.id],
        },
        null,
      );
      return { storeId: store.id, terminalId: store.terminals[0].id, userId: user.id };
    });
  }

  test("answer 404 to the admin and are not changed", async () => {
    const other = await otherMerchant();
    const cookie = await admin();
    const before = await adminState();
    const responses = [
      await call(renameStoreRoute, "/x", { method: "PATCH", cookie, id: other.storeId, body: { name: "Mine now" } }),
      await call(addTerminalRoute, "/x", { cookie, body: { storeId: other.storeId, tid: "T9000002" } }),
      await call(moveTerminalRoute, "/x", {
        cookie,
        id: other.terminalId,
        body: { storeId: await storeIdOf("Store 1") },
      }),
      await call(deactivateTerminalRoute, "/x", { cookie, id: other.terminalId }),
      await call(deactivateUserRoute, "/x", { cookie, id: other.userId }),
      await call(changeUserAccessRoute, "/x", {
        method: "PATCH",
        cookie,
        id: other.userId,
        body: { role: "ADMIN", storeIds: [] },
      }),
      await call(unlockUserRoute, "/x", { cookie, id: other.userId }),
      await call(createUserRoute, "/x", {
        cookie,
        body: {
          email: "sneaky@demo.test",
          name: "S",
          password: NEW_PASSWORD,
          role: "CASHIER",
          storeIds: [other.storeId],
        },
      }),
    ];
    expect(responses.map((response) => response.status)).toEqual([404, 404, 404, 404, 404, 404, 404, 404]);
    const terminal = await prisma.terminal.findFirstOrThrow({ where: { id: other.terminalId } });
    const store1 = await storeIdOf("Store 1");
    const ownTerminal = await prisma.terminal.findFirstOrThrow({ where: { tid: "T1000001", storeId: store1 } });
    const moveOwnThere = await call(moveTerminalRoute, "/x", {
      cookie,
      id: ownTerminal.id,
      body: { storeId: other.storeId },
    });
    expect(moveOwnThere.status).toBe(404);
    expect(terminal.active).toBe(true);
    expect(await adminState()).toEqual(before);

    const listed = await call<{ items: AdminStoreDto[] }>(listStoresRoute, "/x", { method: "GET", cookie });
    expect(listed.body.items.map((store) => store.name)).not.toContain("Elsewhere");
  });
});

describe("only an admin may administer", () => {
  /** Each administration request, built fresh against the current demo data. */
  async function everyOperation(cookie: string): Promise<Result[]> {
    const store1 = await storeIdOf("Store 1");
    const store2 = await storeIdOf("Store 2");
    const terminal = await prisma.terminal.findFirstOrThrow({ where: { tid: "T1000002" } });
    const cashierId = await userIdOf("cashier@demo.test");
    return [
      await call(listStoresRoute, "/x", { method: "GET", cookie }),
      await call(createStoreRoute, "/x", { cookie, body: { name: "Refused store" } }),
      await call(renameStoreRoute, "/x", { method: "PATCH", cookie, id: store1, body: { name: "Refused name" } }),
      await call(listTerminalsRoute, "/x", { method: "GET", cookie }),
      await call(addTerminalRoute, "/x", { cookie, body: { storeId: store1, tid: "T1000999" } }),
      await call(moveTerminalRoute, "/x", { cookie, id: terminal.id, body: { storeId: store2 } }),
      await call(deactivateTerminalRoute, "/x", { cookie, id: terminal.id }),
      await call(reactivateTerminalRoute, "/x", { cookie, id: terminal.id }),
      await call(listUsersRoute, "/x", { method: "GET", cookie }),
      await call(createUserRoute, "/x", {
        cookie,
        body: { email: "refused@demo.test", name: "Refused", password: NEW_PASSWORD, role: "ADMIN" },
      }),
      await call(changeUserAccessRoute, "/x", {
        method: "PATCH",
        cookie,
        id: cashierId,
        body: { role: "ADMIN", storeIds: [] },
      }),
      await call(deactivateUserRoute, "/x", { cookie, id: cashierId }),
      await call(reactivateUserRoute, "/x", { cookie, id: cashierId }),
      await call(unlockUserRoute, "/x", { cookie, id: cashierId }),
    ];
  }

  test.each(["supervisor", "cashier", "finance"] satisfies DemoUser[])(
    "%s is refused every operation with 403 and nothing changes",
    async (user) => {
      const before = await adminState();
      const responses = await everyOperation(await sessionCookie(user));
      expect(responses).toHaveLength(14);
      for (const response of responses) {
        expect(response.status).toBe(403);
        expect((response.body as ApiError).error.code).toBe("FORBIDDEN");
      }
      expect(await adminState()).toEqual(before);
    },
  );

  test.each(["supervisor", "cashier", "finance"] satisfies DemoUser[])(
    "%s sending a body the schema would reject is still told 403, not 400",
    async (user) => {
      const cookie = await sessionCookie(user);
      const garbage = { name: 7, tid: [], storeId: null, role: "ROOT", days: "x", extra: true };
      const terminal = await prisma.terminal.findFirstOrThrow({ where: { tid: "T1000002" } });
      const cashierId = await userIdOf("cashier@demo.test");
      const store1 = await storeIdOf("Store 1");
      const responses = [
        await call(createStoreRoute, "/x", { cookie, body: garbage }),
        await call(renameStoreRoute, "/x", { method: "PATCH", cookie, id: store1, body: garbage }),
        await call(addTerminalRoute, "/x", { cookie, body: garbage }),
        await call(changeTerminalDetailsRoute, "/x", { method: "PATCH", cookie, id: terminal.id, body: garbage }),
        await call(moveTerminalRoute, "/x", { cookie, id: terminal.id, body: garbage }),
        await call(createUserRoute, "/x", { cookie, body: garbage }),
        await call(changeUserAccessRoute, "/x", { method: "PATCH", cookie, id: cashierId, body: garbage }),
        await call(terminalSoftwareRoute, "/x", { method: "PUT", cookie, body: garbage }),
      ];
      expect(responses.map((response) => response.status)).toEqual(Array(8).fill(403));
    },
  );

  test("without a session every operation answers 401", async () => {
    const responses = await everyOperation("");
    expect(responses.map((response) => response.status)).toEqual(Array(14).fill(401));
  });
});

describe("the audit trail", () => {
  test("every admin change above is in the merchant's chain, which still verifies", async () => {
    const merchantId = await demoMerchantId();
    const report = await verifyChain({ merchantId });
    expect(report.ok).toBe(true);
    const types = new Set(
      (await prisma.auditEvent.findMany({ where: { merchantId }, select: { type: true } })).map((event) => event.type),
    );
    for (const type of [
      "store.created",
      "store.renamed",
      "terminal.created",
      "terminal.moved",
      "terminal.deactivated",
      "terminal.reactivated",
      "user.created",
      "user.role_changed",
      "user.stores_changed",
      "user.deactivated",
      "user.reactivated",
      "user.unlocked",
    ]) {
      expect(types).toContain(type);
    }
  });
});
