// Who may do what: the permission table of the product, as data. Pure, no I/O.

export const ROLES = ["CASHIER", "SUPERVISOR", "FINANCE", "ADMIN"] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = [
  "incident.view",
  "incident.create",
  "step.complete.halt",
  "step.complete.reverify",
  "step.complete.notify",
  "step.complete.resign",
  "step.complete.reconcile",
  "step.skip",
  "incident.close",
  "incident.reopen",
  "admin.manage",
  // Issue 8: reading the reconciliation, importing files (and saving formats), and working its
  // exceptions (opening incidents from them, pairing and unpairing lines by hand).
  "reconciliation.view",
  "reconciliation.import",
  "reconciliation.resolve",
  // Issue 9: reading the emergency plan (everyone knows their part) and changing it (admin).
  "plan.view",
  "plan.edit",
  // Issue 9: prevention actions — making one from closed incidents, and completing any one the
  // role can see (the assignee completes their own whatever the role).
  "prevention.create",
  "prevention.complete",
  // Issue 9: the merchant's deadline settings, business calendar and stores' cut-off times (admin).
  "deadlines.manage",
  // Issue 10: exporting the audit record (every incident's timeline, the chain's verification and
  // its signed checkpoint) for an outside auditor; a supervisor only for their own stores.
  "audit.export",
  // Issue 10: the risk dashboard (a supervisor for their stores, by the store scope).
  "dashboard.view",
  // Issue 10: alerts — reading them, acknowledging and resolving them, and configuring the rules
  // and the webhook they are delivered to (admin).
  "alerts.view",
  "alerts.act",
  "alerts.manage",
  // Issue 10: drills (模拟演练) — starting one for a cashier, and reading training records (a
  // cashier their own, a supervisor their stores' people).
  "drill.start",
  "training.view",
] as const;
export type Permission = (typeof PERMISSIONS)[number];

/** Which stores a role sees and logs incidents for. */
export type StoreScope = "assigned" | "all";

const ROLE_PERMISSIONS = {
  CASHIER: [
    "incident.view",
    "incident.create",
    "step.complete.halt",
    "step.complete.reverify",
    "plan.view",
    "training.view",
  ],
  SUPERVISOR: [
    "incident.view",
    "incident.create",
    "step.complete.halt",
    "step.complete.reverify",
    "step.complete.notify",
    "step.complete.resign",
    "step.skip",
    "incident.close",
    "incident.reopen",
    "plan.view",
    "prevention.create",
    "prevention.complete",
    "audit.export",
    "dashboard.view",
    "alerts.view",
    "alerts.act",
    "drill.start",
    "training.view",
  ],
  FINANCE: [
    "incident.view",
    "incident.create",
    "step.complete.reconcile",
    "reconciliation.view",
    "reconciliation.import",
    "reconciliation.resolve",
    "plan.view",
    "audit.export",
    "dashboard.view",
    "alerts.view",
    "alerts.act",
  ],
  ADMIN: PERMISSIONS,
} as const satisfies Record<Role, readonly Permission[]>;

const ROLE_STORE_SCOPE = {
  CASHIER: "assigned",
  SUPERVISOR: "assigned",
  FINANCE: "all",
  ADMIN: "all",
} as const satisfies Record<Role, StoreScope>;

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}

/** Unknown roles are denied everything. */
export function can(role: string | null | undefined, permission: Permission): boolean {
  if (!isRole(role)) return false;
  return (ROLE_PERMISSIONS[role] as readonly Permission[]).includes(permission);
}

/** Unknown roles see no store. */
export function storeScopeOf(role: string | null | undefined): StoreScope | "none" {
  return isRole(role) ? ROLE_STORE_SCOPE[role] : "none";
}

export function rolesWith(permission: Permission): Role[] {
  return ROLES.filter((role) => can(role, permission));
}
