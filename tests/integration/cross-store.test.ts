// Store scoping: an incident outside the caller's stores answers 404 as if it did not exist, for
// reads and for every change; lists leave it out; the store comes from the terminal.
import { beforeAll, describe, expect, test } from "vitest";
import { prisma } from "@/lib/db/client";
import type { IncidentDto } from "@/lib/schemas/incident";
import {
  type ApiError,
  CLOSE_OUTCOME,
  closeAs,
  closedIncident,
  completeAllSteps,
  createAs,
  getAs,
  incidentState,
  listAs,
  logIncident,
  reopenAs,
  stepAs,
} from "@/tests/helpers/incidents";

let store1Open: IncidentDto;
let store1Ready: IncidentDto;
let store1Closed: IncidentDto;
let store2Open: IncidentDto;
let store2Ready: IncidentDto;
let store2Closed: IncidentDto;

beforeAll(async () => {
  store1Open = await logIncident({ terminalId: "T1000001" }, "cashier");
  store1Ready = await completeAllSteps(await logIncident({ kind: "pin_error", terminalId: "T1000002" }));
  store1Closed = await closedIncident({ kind: "pin_error", terminalId: "T1000001" });
  store2Open = await logIncident({ terminalId: "T2000001" }, "cashier2");
  store2Ready = await completeAllSteps(await logIncident({ kind: "pin_error", terminalId: "T2000001" }));
  store2Closed = await closedIncident({ kind: "pin_error", terminalId: "T2000001" });
});

// A role that may never close or reopen is told so first (403, whatever the id: nothing about the
// incident shows); a role that may is told the incident of another store does not exist (404).
const OUTSIDERS = [
  { user: "cashier", store: "Store 2", closes: 403, incidents: () => [store2Open, store2Ready, store2Closed] },
  { user: "supervisor", store: "Store 2", closes: 404, incidents: () => [store2Open, store2Ready, store2Closed] },
  { user: "cashier2", store: "Store 1", closes: 403, incidents: () => [store1Open, store1Ready, store1Closed] },
] as const;

describe.each(OUTSIDERS)("$user and incidents of $store", ({ user, closes, incidents }) => {
  test("reading one answers 404", async () => {
    for (const incident of incidents()) {
      const response = await getAs<ApiError>(user, incident.id);
      expect(response.status).toBe(404);
      expect(response.body.error.code).toBe("NOT_FOUND");
      expect(JSON.stringify(response.body)).not.toContain(incident.reference);
    }
  });

  test("acting on a step answers 404 and changes nothing", async () => {
    const [open] = incidents();
    const before = await incidentState(open.id);
    const response = await stepAs(user, open.id, "halt", { action: "complete", version: open.version });
    expect(response.status).toBe(404);
    expect(await incidentState(open.id)).toEqual(before);
  });

  test("closing is refused (403 for a role that never closes, else 404) and changes nothing", async () => {
    const [, ready] = incidents();
    const before = await incidentState(ready.id);
    const response = await closeAs(user, ready.id, { ...CLOSE_OUTCOME, resolution: "no_loss", version: ready.version });
    expect(response.status).toBe(closes);
    expect(JSON.stringify(response.body)).not.toContain(ready.reference);
    expect(await incidentState(ready.id)).toEqual(before);
  });

  test("reopening is refused (403 for a role that never reopens, else 404) and changes nothing", async () => {
    const [, , closed] = incidents();
    const before = await incidentState(closed.id);
    const response = await reopenAs(user, closed.id, { note: "Try", version: closed.version });
    expect(response.status).toBe(closes);
    expect(JSON.stringify(response.body)).not.toContain(closed.reference);
    expect(await incidentState(closed.id)).toEqual(before);
  });

  test("the list leaves them out", async () => {
    const response = await listAs(user);
    expect(response.status).toBe(200);
    const ids = response.body.items.map((item) => item.id);
    for (const incident of incidents()) expect(ids).not.toContain(incident.id);
    expect(ids.length).toBeGreaterThan(0);
  });

  test("asking the list for that store by id returns nothing", async () => {
    const [open] = incidents();
    const response = await listAs(user, { storeId: open.storeId });
    expect(response.status).toBe(200);
    expect(response.body.items).toEqual([]);
  });
});

describe("roles that see every store", () => {
  test.each(["finance", "admin"] as const)("%s lists and reads incidents of both stores", async (user) => {
    const response = await listAs(user, { limit: "100" });
    expect(response.status).toBe(200);
    const ids = response.body.items.map((item) => item.id);
    for (const incident of [store1Open, store1Closed, store2Open, store2Closed]) {
      expect(ids).toContain(incident.id);
      expect((await getAs(user, incident.id)).status).toBe(200);
    }
  });
});

describe("store-scoped lists", () => {
  test("cashier2 lists only Store 2 and the supervisor only Store 1", async () => {
    const store2 = await listAs("cashier2", { limit: "100" });
    expect(new Set(store2.body.items.map((item) => item.storeName))).toEqual(new Set(["Store 2"]));
    const store1 = await listAs("supervisor", { limit: "100" });
    expect(new Set(store1.body.items.map((item) => item.storeName))).toEqual(new Set(["Store 1"]));
  });
});

describe("where an incident is logged", () => {
  test("the store is taken from the terminal, not from the client", async () => {
    const response = await createAs<ApiError>("cashier2", {
      kind: "wrong_amount",
      terminalId: "T2000001",
      storeId: store1Open.storeId,
    });
    expect(response.status).toBe(400);
    expect(response.body.error.fields).toHaveProperty("storeId");
    const logged = await logIncident({ terminalId: "T2000001" }, "cashier2");
    expect(logged.storeId).toBe(store2Open.storeId);
    expect(logged.storeName).toBe("Store 2");
  });

  test("a cashier cannot log on another store's terminal and nothing is created", async () => {
    const before = await prisma.incident.count();
    const response = await createAs<ApiError>("cashier", { kind: "wrong_amount", terminalId: "T2000001" });
    expect(response.status).toBe(403);
    expect(response.body.error.fields).toHaveProperty("terminalId");
    expect(await prisma.incident.count()).toBe(before);
  });

  test("an unknown terminal is refused and nothing is created", async () => {
    const before = await prisma.incident.count();
    const response = await createAs<ApiError>("admin", { kind: "wrong_amount", terminalId: "T9999999" });
    expect(response.status).toBe(422);
    expect(response.body.error.fields).toHaveProperty("terminalId");
    expect(await prisma.incident.count()).toBe(before);
  });

  test("a terminal id is matched whatever its case", async () => {
    const logged = await logIncident({ terminalId: "t1000002" }, "cashier");
    expect(logged.terminalId).toBe("T1000002");
  });
});
