import { describe, expect, test } from "vitest";
import { can, isRole, PERMISSIONS, type Permission, ROLES, rolesWith, storeScopeOf } from "@/lib/rbac/permissions";

// Issue 2's permission table, cell by cell, written out independently of the implementation.
const TABLE: Record<Permission, { CASHIER: boolean; SUPERVISOR: boolean; FINANCE: boolean; ADMIN: boolean }> = {
  "incident.view": { CASHIER: true, SUPERVISOR: true, FINANCE: true, ADMIN: true },
  "incident.create": { CASHIER: true, SUPERVISOR: true, FINANCE: true, ADMIN: true },
  "step.complete.halt": { CASHIER: true, SUPERVISOR: true, FINANCE: false, ADMIN: true },
  "step.complete.reverify": { CASHIER: true, SUPERVISOR: true, FINANCE: false, ADMIN: true },
  "step.complete.notify": { CASHIER: false, SUPERVISOR: true, FINANCE: false, ADMIN: true },
  "step.complete.resign": { CASHIER: false, SUPERVISOR: true, FINANCE: false, ADMIN: true },
  "step.complete.reconcile": { CASHIER: false, SUPERVISOR: false, FINANCE: true, ADMIN: true },
  "step.skip": { CASHIER: false, SUPERVISOR: true, FINANCE: false, ADMIN: true },
  "incident.close": { CASHIER: false, SUPERVISOR: true, FINANCE: false, ADMIN: true },
  "incident.reopen": { CASHIER: false, SUPERVISOR: true, FINANCE: false, ADMIN: true },
  "admin.manage": { CASHIER: false, SUPERVISOR: false, FINANCE: false, ADMIN: true },
  // Issue 8: only finance and admin reach the reconciliation.
  "reconciliation.view": { CASHIER: false, SUPERVISOR: false, FINANCE: true, ADMIN: true },
  "reconciliation.import": { CASHIER: false, SUPERVISOR: false, FINANCE: true, ADMIN: true },
  "reconciliation.resolve": { CASHIER: false, SUPERVISOR: false, FINANCE: true, ADMIN: true },
  // Issue 9: everyone reads the emergency plan (their part in it); only admin changes it.
  "plan.view": { CASHIER: true, SUPERVISOR: true, FINANCE: true, ADMIN: true },
  "plan.edit": { CASHIER: false, SUPERVISOR: false, FINANCE: false, ADMIN: true },
  "prevention.create": { CASHIER: false, SUPERVISOR: true, FINANCE: false, ADMIN: true },
  "prevention.complete": { CASHIER: false, SUPERVISOR: true, FINANCE: false, ADMIN: true },
  // Issue 9: only the admin sets the deadlines, the holidays and the stores' cut-off times.
  "deadlines.manage": { CASHIER: false, SUPERVISOR: false, FINANCE: false, ADMIN: true },
  // Issue 10: the audit record is exported by admin and finance (all stores) and by a supervisor
  // (their stores, by the store scope) — the people an outside auditor deals with; never a cashier.
  "audit.export": { CASHIER: false, SUPERVISOR: true, FINANCE: true, ADMIN: true },
  // Issue 10: owners' and managers' view of where mishaps come from; a cashier does not see it.
  "dashboard.view": { CASHIER: false, SUPERVISOR: true, FINANCE: true, ADMIN: true },
  // Issue 10: supervisors and finance see and work alerts; only admin sets rules and the webhook.
  "alerts.view": { CASHIER: false, SUPERVISOR: true, FINANCE: true, ADMIN: true },
  "alerts.act": { CASHIER: false, SUPERVISOR: true, FINANCE: true, ADMIN: true },
  "alerts.manage": { CASHIER: false, SUPERVISOR: false, FINANCE: false, ADMIN: true },
  // Issue 10: a supervisor (or admin) drills a cashier; a cashier reads their own training record.
  "drill.start": { CASHIER: false, SUPERVISOR: true, FINANCE: false, ADMIN: true },
  "training.view": { CASHIER: true, SUPERVISOR: true, FINANCE: false, ADMIN: true },
};

describe("the permission table", () => {
  test("has exactly the four roles and the permissions of issues 2 and 8", () => {
    expect([...ROLES]).toEqual(["CASHIER", "SUPERVISOR", "FINANCE", "ADMIN"]);
    expect([...PERMISSIONS].sort()).toEqual(Object.keys(TABLE).sort());
  });

  for (const permission of PERMISSIONS) {
    for (const role of ROLES) {
      const allowed = TABLE[permission][role];
      test(`${role} ${allowed ? "may" : "may not"} ${permission}`, () => {
        expect(can(role, permission)).toBe(allowed);
      });
    }
  }

  test("rolesWith lists the allowed roles in table order", () => {
    for (const permission of PERMISSIONS) {
      expect(rolesWith(permission)).toEqual(ROLES.filter((role) => TABLE[permission][role]));
    }
  });
});

describe("store scope", () => {
  test("cashiers and supervisors see their own stores; finance and admin see all", () => {
    expect(storeScopeOf("CASHIER")).toBe("assigned");
    expect(storeScopeOf("SUPERVISOR")).toBe("assigned");
    expect(storeScopeOf("FINANCE")).toBe("all");
    expect(storeScopeOf("ADMIN")).toBe("all");
  });
});

describe("unknown roles", () => {
  const UNKNOWN = ["OWNER", "admin", "Admin", "", " ADMIN", "ADMIN ", "__proto__", "toString", null, undefined];

  test.each(UNKNOWN)("%j is denied every permission and sees no store", (role) => {
    for (const permission of PERMISSIONS) expect(can(role, permission)).toBe(false);
    expect(storeScopeOf(role)).toBe("none");
    expect(isRole(role)).toBe(false);
  });

  test("a permission not in the table is denied even to admin", () => {
    expect(can("ADMIN", "incident.delete" as Permission)).toBe(false);
  });
});
