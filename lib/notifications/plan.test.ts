import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { INCIDENT_KINDS, STEP_KEYS } from "@/lib/incidents/rules";
import {
  type Audience,
  defaultPlan,
  planSchema,
  readStoredPlan,
  resolveAudience,
  type StaffMember,
} from "@/lib/notifications/plan";
import { ROLES } from "@/lib/rbac/permissions";

const member = (userId: string, role: StaffMember["role"], inStore: boolean, active = true): StaffMember => ({
  userId,
  name: userId,
  role,
  inStore,
  active,
});

// A chain's staff around one incident in "store 1".
const STAFF: StaffMember[] = [
  member("cashier-1", "CASHIER", true),
  member("cashier-2", "CASHIER", false),
  member("supervisor-1", "SUPERVISOR", true),
  member("supervisor-1b", "SUPERVISOR", true),
  member("supervisor-2", "SUPERVISOR", false),
  member("supervisor-gone", "SUPERVISOR", true, false),
  member("finance", "FINANCE", false),
  member("admin", "ADMIN", false),
];

const ids = (members: StaffMember[]) => members.map((m) => m.userId);
const audience = (roles: Audience["roles"], userIds: string[] = []): Audience => ({ roles, userIds });

describe("the default plan", () => {
  test.each(INCIDENT_KINDS)("%s: supervisors told when logged, finance when notify is completed", (kind) => {
    const plan = defaultPlan(kind);
    expect(plan.onLogged).toEqual({ roles: ["SUPERVISOR"], userIds: [] });
    expect(plan.onNotify).toEqual({ roles: ["FINANCE"], userIds: [] });
    expect(plan.responsible).toEqual({
      halt: { roles: ["CASHIER"], userIds: [] },
      reverify: { roles: ["CASHIER"], userIds: [] },
      notify: { roles: ["SUPERVISOR"], userIds: [] },
      resign: { roles: ["SUPERVISOR"], userIds: [] },
      reconcile: { roles: ["FINANCE"], userIds: [] },
    });
    // It is a plan the schema accepts, unchanged.
    expect(planSchema.parse(plan)).toEqual(plan);
  });

  test("a kind without a stored plan, or with an unreadable one, has the default", () => {
    expect(readStoredPlan("wrong_amount", null)).toEqual(defaultPlan("wrong_amount"));
    expect(readStoredPlan("wrong_amount", "{not json")).toEqual(defaultPlan("wrong_amount"));
    expect(readStoredPlan("wrong_amount", JSON.stringify({ onLogged: 1 }))).toEqual(defaultPlan("wrong_amount"));
  });

  test("a stored plan reads back as stored", () => {
    const plan = { ...defaultPlan("unsigned_slip"), onLogged: audience(["ADMIN"], ["u1"]) };
    expect(readStoredPlan("unsigned_slip", JSON.stringify(plan))).toEqual(plan);
  });
});

describe("resolving an audience", () => {
  test("the store's supervisors: active ones of the incident's store only", () => {
    expect(ids(resolveAudience({ audience: audience(["SUPERVISOR"]), staff: STAFF, actorId: null }))).toEqual([
      "supervisor-1",
      "supervisor-1b",
    ]);
  });

  test("finance and admin are told wherever the incident is", () => {
    expect(ids(resolveAudience({ audience: audience(["FINANCE", "ADMIN"]), staff: STAFF, actorId: null }))).toEqual([
      "admin",
      "finance",
    ]);
  });

  test("a named person is told once, even when a role names them too", () => {
    const told = resolveAudience({
      audience: audience(["SUPERVISOR"], ["supervisor-1", "cashier-1"]),
      staff: STAFF,
      actorId: null,
    });
    expect(ids(told)).toEqual(["cashier-1", "supervisor-1", "supervisor-1b"]);
  });

  test("a named person of another store, an inactive one or a stranger is not told", () => {
    const told = resolveAudience({
      audience: audience([], ["cashier-2", "supervisor-2", "supervisor-gone", "nobody"]),
      staff: STAFF,
      actorId: null,
    });
    expect(told).toEqual([]);
  });

  test("the person who acted is never told of their own action", () => {
    const told = resolveAudience({ audience: audience(["SUPERVISOR"]), staff: STAFF, actorId: "supervisor-1" });
    expect(ids(told)).toEqual(["supervisor-1b"]);
  });

  test("property: everyone told sees the store, is active, is named or has a named role, and is not the actor", () => {
    const staffArb = fc.array(
      fc.record({
        userId: fc.constantFrom("a", "b", "c", "d", "e", "f"),
        name: fc.string(),
        role: fc.constantFrom(...ROLES),
        inStore: fc.boolean(),
        active: fc.boolean(),
      }),
      { maxLength: 12 },
    );
    const audienceArb = fc.record({
      roles: fc.subarray([...ROLES]),
      userIds: fc.subarray(["a", "b", "c", "d", "e", "f", "g"]),
    });
    fc.assert(
      fc.property(staffArb, audienceArb, fc.option(fc.constantFrom("a", "b", "z")), (staff, aud, actorId) => {
        const told = resolveAudience({ audience: aud, staff, actorId });
        expect(new Set(ids(told)).size).toBe(told.length);
        for (const person of told) {
          expect(person.active).toBe(true);
          expect(person.userId).not.toBe(actorId);
          expect(aud.roles.includes(person.role) || aud.userIds.includes(person.userId)).toBe(true);
          expect(person.role === "FINANCE" || person.role === "ADMIN" || person.inStore).toBe(true);
        }
        // Nobody who qualifies is left out.
        for (const candidate of staff) {
          const qualifies =
            candidate.active &&
            candidate.userId !== actorId &&
            (candidate.role === "FINANCE" || candidate.role === "ADMIN" || candidate.inStore) &&
            (aud.roles.includes(candidate.role) || aud.userIds.includes(candidate.userId));
          if (qualifies) expect(ids(told)).toContain(candidate.userId);
        }
      }),
    );
  });
});

describe("the plan schema", () => {
  test("refuses unknown keys, unknown roles and too many people", () => {
    const plan = defaultPlan("wrong_amount");
    expect(planSchema.safeParse({ ...plan, extra: 1 }).success).toBe(false);
    expect(planSchema.safeParse({ ...plan, onLogged: { roles: ["OWNER"] } }).success).toBe(false);
    expect(
      planSchema.safeParse({ ...plan, onLogged: { userIds: Array.from({ length: 21 }, (_, i) => `u${i}`) } }).success,
    ).toBe(false);
    const { reconcile: _dropped, ...fourSteps } = plan.responsible;
    expect(planSchema.safeParse({ ...plan, responsible: fourSteps }).success).toBe(false);
  });

  test("orders roles as the table does and drops repeats", () => {
    const parsed = planSchema.parse({
      ...defaultPlan("wrong_amount"),
      onLogged: { roles: ["ADMIN", "CASHIER", "ADMIN"], userIds: ["x", "x", "y"] },
    });
    expect(parsed.onLogged).toEqual({ roles: ["CASHIER", "ADMIN"], userIds: ["x", "y"] });
    expect(Object.keys(parsed.responsible)).toEqual([...STEP_KEYS]);
  });
});
