// The emergency plan (应急预案) as data: per incident kind, who is told when an incident is logged
// and when its notify step is completed, and who is responsible for each step (read by the
// deadline and escalation job). An audience is roles — resolved in the incident's store — and/or
// named people. Pure (no I/O): the zod schema serves the admin's form, the API handler and the
// OpenAPI document; the default plan needs no row; resolving an audience to people is a function
// of the merchant's staff, unit-tested without a database.
import { z } from "zod";
import { INCIDENT_KINDS, type IncidentKind, STEP_KEYS, type StepKey } from "@/lib/incidents/rules";
import { ROLES, type Role, storeScopeOf } from "@/lib/rbac/permissions";

/** Most named people one audience may list (a plan names a few people, not the staff list). */
export const AUDIENCE_MAX_PEOPLE = 20;

const roles = z
  .array(z.enum(ROLES))
  .max(ROLES.length * 2)
  .transform((list) => ROLES.filter((role) => list.includes(role)));
const userIds = z
  .array(z.string().min(1).max(64))
  .max(AUDIENCE_MAX_PEOPLE)
  .transform((list) => [...new Set(list)]);

/** Who: roles in the incident's store (a store-scoped role) or the merchant (finance, admin), and named people. */
export const audienceSchema = z.strictObject({ roles: roles.default([]), userIds: userIds.default([]) });
export type Audience = z.output<typeof audienceSchema>;

/** One kind's plan as the admin sends it (PUT /api/plan/{kind}) and as it is stored. */
export const planSchema = z.strictObject({
  onLogged: audienceSchema,
  onNotify: audienceSchema,
  responsible: z.strictObject(
    Object.fromEntries(STEP_KEYS.map((key) => [key, audienceSchema])) as Record<StepKey, typeof audienceSchema>,
  ),
});
/** The same schema as the OpenAPI document's request body component. */
export const planInputSchema = planSchema.meta({ id: "EmergencyPlanInput" });
export type Plan = z.output<typeof planSchema>;
export type PlanInput = z.input<typeof planSchema>;

export const planKindSchema = z.enum(INCIDENT_KINDS);

const only = (...list: Role[]): Audience => ({ roles: list, userIds: [] });

/**
 * The plan every kind has until the admin changes it: the store's supervisors are told when an
 * incident is logged, finance when notify is completed; each step's responsible role is the one
 * whose work it is (the cashier halts and re-verifies, the supervisor notifies and gets the slip
 * re-signed, finance reconciles).
 */
export function defaultPlan(_kind: IncidentKind): Plan {
  return {
    onLogged: only("SUPERVISOR"),
    onNotify: only("FINANCE"),
    responsible: {
      halt: only("CASHIER"),
      reverify: only("CASHIER"),
      notify: only("SUPERVISOR"),
      resign: only("SUPERVISOR"),
      reconcile: only("FINANCE"),
    },
  };
}

/** A stored plan's text read back; a row this build cannot read counts as the default. */
export function readStoredPlan(kind: IncidentKind, text: string | null | undefined): Plan {
  if (!text) return defaultPlan(kind);
  try {
    const parsed = planSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : defaultPlan(kind);
  } catch {
    return defaultPlan(kind);
  }
}

/** A member of the merchant who might be told: their role and whether they work in the incident's store. */
export interface StaffMember {
  userId: string;
  name: string;
  role: Role;
  active: boolean;
  /** True when the member is assigned to the incident's store. */
  inStore: boolean;
}

/** Whether a member sees incidents of the store: a store-scoped role only in its own stores. */
export function seesStore(member: Pick<StaffMember, "role" | "inStore">): boolean {
  const scope = storeScopeOf(member.role);
  return scope === "all" || (scope === "assigned" && member.inStore);
}

/**
 * The people an audience names for one incident, in user-id order, each once: members of a listed
 * role and named members — only active ones who can see the incident's store (a notification
 * must never tell someone of another store's case, and its link must open for them) — and never
 * the person whose action caused it (they know: the one who logs an incident is not told of it).
 */
export function resolveAudience({
  audience,
  staff,
  actorId,
}: {
  audience: Audience;
  staff: readonly StaffMember[];
  actorId: string | null;
}): StaffMember[] {
  const chosen = new Map<string, StaffMember>();
  for (const member of staff) {
    if (!member.active || member.userId === actorId || !seesStore(member)) continue;
    if (audience.roles.includes(member.role) || audience.userIds.includes(member.userId)) {
      chosen.set(member.userId, member);
    }
  }
  return [...chosen.values()].sort((a, b) => (a.userId < b.userId ? -1 : a.userId > b.userId ? 1 : 0));
}
