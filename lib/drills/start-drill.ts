// Drills (模拟演练, issue 10): a practice incident of any kind for one cashier. It walks the same
// checklist with the same rules as a real case, but it is marked as a drill everywhere and never
// counts in dashboards, alerts, exports or deadlines (insertIncident writes no Deadline rows and
// tells no one of the emergency plan; each counting query filters `drill: false`).
//
// Two ways in: a supervisor (for a cashier of one of their stores) or an admin starts one —
// `startDrill`, POST /api/drills — or an alert rule assigns one inside its own transaction —
// `assignDrill`. Either way the cashier it is for is told in their inbox (drill_assigned).
import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { databaseProvider, prisma, type Tx } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { kindToDb } from "@/lib/incidents/codec";
import { draftIncident, insertIncident } from "@/lib/incidents/insert-incident";
import type { IncidentKind } from "@/lib/incidents/rules";
import { sendNotifications } from "@/lib/notifications/notify";
import { notificationTypeToDb } from "@/lib/notifications/types";
import { can, storeScopeOf } from "@/lib/rbac/permissions";
import type { StartDrillInput } from "@/lib/schemas/drill";
import type { IncidentDto } from "@/lib/schemas/incident";

/** A drill carries no money: its currency is the one every form starts with. */
const DRILL_CURRENCY = "CNY";

interface DrillTerminal {
  id: string;
  tid: string;
  storeId: string;
  storeName: string;
}

/** The person a drill may be for: their membership of the merchant, with their stores. */
interface Candidate {
  userId: string;
  name: string;
  role: string;
  active: boolean;
  storeIds: string[];
}

/**
 * Starts a drill for a cashier (POST /api/drills). A supervisor only for a cashier of one of their
 * stores and on a terminal of that store; an admin for any cashier of the merchant.
 */
/** The role check, also made by the route before it reads the body (garbage from a cashier is 403). */
export function assertCanStartDrill(actor: Actor): void {
  if (!can(actor.role, "drill.start")) throw new AppError("FORBIDDEN", { reason: "ROLE_CANNOT_START_DRILL" });
}

export async function startDrill({
  actor,
  input,
  now = new Date(),
}: {
  actor: Actor;
  input: StartDrillInput;
  now?: Date;
}): Promise<IncidentDto> {
  assertCanStartDrill(actor);
  return prisma.$transaction(async (tx) => {
    const candidate = await findCandidate(tx, { merchantId: actor.merchantId, userId: input.cashierId });
    // Stores where this actor may drill this person: for a supervisor, the ones they share.
    const stores = candidate
      ? storeScopeOf(actor.role) === "all"
        ? candidate.storeIds
        : candidate.storeIds.filter((storeId) => actor.storeIds.includes(storeId))
      : [];
    if (!candidate || (storeScopeOf(actor.role) !== "all" && stores.length === 0)) {
      // Someone outside the actor's stores is answered as if they did not exist.
      const unknown = { reason: "USER_NOT_FOUND" } as const;
      throw new AppError("NOT_FOUND", unknown, { cashierId: unknown });
    }
    if (candidate.role !== "CASHIER" || !candidate.active) {
      const notCashier = { reason: "DRILL_FOR_ACTIVE_CASHIERS_ONLY" } as const;
      throw new AppError("RULE_VIOLATION", notCashier, { cashierId: notCashier });
    }
    const terminal = await pickTerminal(tx, { merchantId: actor.merchantId, storeIds: stores, tid: input.terminalId });
    if (await hasOpenDrill(tx, { merchantId: actor.merchantId, userId: candidate.userId, kind: input.kind })) {
      const open = { reason: "DRILL_ALREADY_OPEN" } as const;
      throw new AppError("CONFLICT", open, { kind: open });
    }
    return openDrill(tx, {
      merchantId: actor.merchantId,
      kind: input.kind,
      cashier: { id: candidate.userId, name: candidate.name },
      terminal,
      startedBy: { id: actor.userId, name: actor.name },
      alertId: null,
      now,
    });
  });
}

/**
 * An alert rule assigns a drill to the operator it names, inside the alert's own transaction.
 * Does nothing and returns null when the user is not an active cashier of the merchant, when they
 * already have an open drill of that kind, or when their store has no active terminal.
 */
export async function assignDrill(
  tx: Tx,
  input: { merchantId: string; kind: IncidentKind; cashierId: string; alertId: string; now: Date },
): Promise<{ incidentId: string } | null> {
  const candidate = await findCandidate(tx, { merchantId: input.merchantId, userId: input.cashierId });
  if (candidate?.role !== "CASHIER" || !candidate.active || candidate.storeIds.length === 0) return null;
  if (await hasOpenDrill(tx, { merchantId: input.merchantId, userId: candidate.userId, kind: input.kind })) return null;
  const terminal = await firstActiveTerminal(tx, { merchantId: input.merchantId, storeIds: candidate.storeIds });
  if (!terminal) return null;
  const incident = await openDrill(tx, {
    merchantId: input.merchantId,
    kind: input.kind,
    cashier: { id: candidate.userId, name: candidate.name },
    terminal,
    startedBy: null,
    alertId: input.alertId,
    now: input.now,
  });
  return { incidentId: incident.id };
}

/** Writes the drill (incident, steps, incident.created with drill: true) and tells the cashier. */
async function openDrill(
  tx: Tx,
  {
    merchantId,
    kind,
    cashier,
    terminal,
    startedBy,
    alertId,
    now,
  }: {
    merchantId: string;
    kind: IncidentKind;
    cashier: { id: string; name: string };
    terminal: DrillTerminal;
    /** The supervisor or admin who started it; null when an alert rule assigned it. */
    startedBy: { id: string; name: string } | null;
    alertId: string | null;
    now: Date;
  },
): Promise<IncidentDto> {
  const drafted = draftIncident({
    merchantId,
    kind,
    terminal,
    occurredAt: now,
    amountMinor: null,
    currency: DRILL_CURRENCY,
    cardBin: null,
    cardLast4: null,
    rrn: null,
    authCode: null,
    traceNo: null,
    batchNo: null,
    description: null,
    // The cashier plays the one who logs the mishap; who started it is the event's actor.
    reportedBy: cashier,
    drillForId: cashier.id,
    now,
  });
  const draft = { ...drafted, drillFor: cashier };
  const { incident } = await insertIncident(tx, {
    draft,
    actorId: startedBy?.id ?? null,
    now,
    snapshotExtras: { drill: true, drillForId: cashier.id, ...(alertId ? { alertId } : {}) },
  });
  await sendNotifications(tx, {
    type: "drill_assigned",
    merchantId,
    incidentId: incident.id,
    recipients: [{ userId: cashier.id, name: cashier.name }],
    messageKey: startedBy ? "drillAssigned" : "drillAssignedByAlert",
    params: { reference: incident.reference, kind, store: terminal.storeName, by: startedBy?.name ?? "" },
    dedupeKeyOf: (userId) => `${notificationTypeToDb("drill_assigned")}:${incident.id}:${userId}`,
    actorId: startedBy?.id ?? null,
    audit: {},
  });
  return incident;
}

async function findCandidate(
  tx: Tx,
  { merchantId, userId }: { merchantId: string; userId: string },
): Promise<Candidate | null> {
  // The person's membership row is held until the drill is written, so two starts of the same kind
  // at once cannot both find no open drill (SQLite's transactions hold the write lock from BEGIN).
  if (databaseProvider === "postgresql") {
    await tx.$queryRaw`SELECT "id" FROM "Membership" WHERE "userId" = ${userId} AND "merchantId" = ${merchantId} FOR UPDATE`;
  }
  const membership = await tx.membership.findFirst({
    where: { userId, merchantId },
    select: {
      role: true,
      active: true,
      user: { select: { name: true } },
      stores: { select: { storeId: true }, orderBy: { storeId: "asc" } },
    },
  });
  if (!membership) return null;
  return {
    userId,
    name: membership.user.name,
    role: membership.role,
    active: membership.active,
    storeIds: membership.stores.map((store) => store.storeId),
  };
}

/** The terminal named (it must be active and in one of `storeIds`), else the first active one there. */
async function pickTerminal(
  tx: Tx,
  { merchantId, storeIds, tid }: { merchantId: string; storeIds: string[]; tid?: string },
): Promise<DrillTerminal> {
  if (tid) {
    const terminal = await tx.terminal.findFirst({
      where: { merchantId, tid: tid.toUpperCase(), active: true },
      select: { id: true, tid: true, storeId: true, store: { select: { name: true } } },
    });
    if (!terminal) {
      const unknown = { reason: "TERMINAL_UNKNOWN", params: { terminal: tid } } as const;
      throw new AppError("RULE_VIOLATION", unknown, { terminalId: unknown });
    }
    if (!storeIds.includes(terminal.storeId)) {
      const elsewhere = { reason: "DRILL_TERMINAL_NOT_IN_CASHIERS_STORE" } as const;
      throw new AppError("RULE_VIOLATION", elsewhere, { terminalId: elsewhere });
    }
    return { id: terminal.id, tid: terminal.tid, storeId: terminal.storeId, storeName: terminal.store.name };
  }
  const terminal = await firstActiveTerminal(tx, { merchantId, storeIds });
  if (!terminal) {
    const none = { reason: "DRILL_NO_TERMINAL" } as const;
    throw new AppError("RULE_VIOLATION", none, { terminalId: none });
  }
  return terminal;
}

async function firstActiveTerminal(
  tx: Tx,
  { merchantId, storeIds }: { merchantId: string; storeIds: string[] },
): Promise<DrillTerminal | null> {
  if (storeIds.length === 0) return null;
  // The cashier's first store (by id) that has an active terminal, and its first terminal by TID.
  const terminals = await tx.terminal.findMany({
    where: { merchantId, storeId: { in: storeIds }, active: true },
    select: { id: true, tid: true, storeId: true, store: { select: { name: true } } },
    orderBy: [{ storeId: "asc" }, { tid: "asc" }],
    take: 1,
  });
  const [terminal] = terminals;
  return terminal
    ? { id: terminal.id, tid: terminal.tid, storeId: terminal.storeId, storeName: terminal.store.name }
    : null;
}

/** Whether the person has a drill of this kind not yet closed (one at a time per kind). */
async function hasOpenDrill(
  tx: Tx,
  { merchantId, userId, kind }: { merchantId: string; userId: string; kind: IncidentKind },
): Promise<boolean> {
  const open = await tx.incident.findFirst({
    // Walks Incident (drillForId, kind).
    where: { drillForId: userId, kind: kindToDb(kind), merchantId, drill: true, status: { not: "CLOSED" } },
    select: { id: true },
  });
  return open !== null;
}
