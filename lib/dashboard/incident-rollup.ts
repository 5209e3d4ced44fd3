// The dashboard's summary of a merchant's incidents (DashboardIncidentDay, issue 10): kept by every
// change that moves a figure — a create (occurred, and reported_month by its reporter), a close
// (cause, closed, close_time and close_time_month) and a reopen (the close taken back) — in the change's own transaction, after the change has taken the
// merchant's row lock (the audit chain's head), so the summary and the incidents commit together
// and a rebuild (which takes the same lock) never interleaves with a change. Drills never count.
// Rebuilt from the incidents when a merchant has none yet (a database migrated from before it) or
// its zone changed since it was counted (DashboardRollupState).
import "server-only";
import { closeTimeStep, wholeSecondsBetween } from "@/lib/dashboard/close-time";
import { type IncidentMeasure, rebuildIncidentDaysSql } from "@/lib/dashboard/incident-sql";
import { monthOf } from "@/lib/dashboard/period";
import { databaseProvider, prisma, type Tx } from "@/lib/db/client";
import { addLocalDays, isTimeZone, localDateOf } from "@/lib/deadlines/calendar";
import { DEFAULT_TIME_ZONE } from "@/lib/deadlines/settings";
import { Prisma } from "@/lib/generated/prisma/client";
import { decodeCauses } from "@/lib/incidents/causes";

export interface IncidentDayDelta {
  measure: IncidentMeasure;
  day: string;
  key: string;
  count: number;
  lostMinor: number;
  recoveredMinor: number;
}

/** What an incident adds when it is logged: its kind on the day it occurred, its reporter's month. */
export function createdDeltas(
  incident: { kind: string; occurredAt: Date; drill: boolean; reportedById: string | null },
  timeZone: string,
): IncidentDayDelta[] {
  if (incident.drill) return [];
  const day = localDateOf(incident.occurredAt, timeZone);
  const deltas: IncidentDayDelta[] = [
    { measure: "occurred", day, key: incident.kind, count: 1, lostMinor: 0, recoveredMinor: 0 },
  ];
  if (incident.reportedById) {
    deltas.push({
      measure: "reported_month",
      day: monthOf(day),
      key: `${incident.reportedById}:${incident.kind}`,
      count: 1,
      lostMinor: 0,
      recoveredMinor: 0,
    });
  }
  return deltas;
}

/** What a closed incident adds (sign 1, at its close) or takes back (sign −1, at its reopen). */
export function closedDeltas(
  incident: {
    kind: string;
    occurredAt: Date;
    createdAt: Date;
    closedAt: Date | null;
    currency: string;
    causes: string | null;
    lostMinor: number | null;
    recoveredMinor: number | null;
    drill: boolean;
  },
  timeZone: string,
  sign: 1 | -1,
): IncidentDayDelta[] {
  if (incident.drill || !incident.closedAt) return [];
  const occurredDay = localDateOf(incident.occurredAt, timeZone);
  const closedDay = localDateOf(incident.closedAt, timeZone);
  const step = closeTimeStep(wholeSecondsBetween(incident.createdAt, incident.closedAt));
  return [
    ...(decodeCauses(incident.causes) ?? []).map((cause) => ({
      measure: "cause" as const,
      day: occurredDay,
      key: cause,
      count: sign,
      lostMinor: 0,
      recoveredMinor: 0,
    })),
    {
      measure: "closed",
      day: closedDay,
      key: incident.currency,
      count: sign,
      lostMinor: sign * (incident.lostMinor ?? 0),
      recoveredMinor: sign * (incident.recoveredMinor ?? 0),
    },
    {
      measure: "close_time",
      day: closedDay,
      key: `${incident.kind}:${step}`,
      count: sign,
      lostMinor: 0,
      recoveredMinor: 0,
    },
    {
      measure: "close_time_month",
      day: monthOf(closedDay),
      key: `${incident.kind}:${step}`,
      count: sign,
      lostMinor: 0,
      recoveredMinor: 0,
    },
  ];
}

/** One INSERT … ON CONFLICT adding the deltas (null when there are none). */
export function addDeltasSql(merchantId: string, deltas: readonly IncidentDayDelta[]): Prisma.Sql | null {
  if (deltas.length === 0) return null;
  const values = deltas.map(
    (d) =>
      Prisma.sql`(${merchantId}, ${d.measure}, ${d.day}, ${d.key}, ${d.count}, ${BigInt(d.lostMinor)}, ${BigInt(d.recoveredMinor)})`,
  );
  return Prisma.sql`INSERT INTO "DashboardIncidentDay"
      ("merchantId", "measure", "day", "key", "count", "lostMinor", "recoveredMinor")
    VALUES ${Prisma.join(values)}
    ON CONFLICT ("merchantId", "measure", "day", "key") DO UPDATE SET
      "count" = "DashboardIncidentDay"."count" + excluded."count",
      "lostMinor" = "DashboardIncidentDay"."lostMinor" + excluded."lostMinor",
      "recoveredMinor" = "DashboardIncidentDay"."recoveredMinor" + excluded."recoveredMinor"`;
}

/** The merchant's zone, as the dashboard counts in it. */
export async function merchantTimeZone(tx: Tx, merchantId: string): Promise<string> {
  const merchant = await tx.merchant.findUniqueOrThrow({ where: { id: merchantId }, select: { timeZone: true } });
  return isTimeZone(merchant.timeZone) ? merchant.timeZone : DEFAULT_TIME_ZONE;
}

/** In a close's transaction (after its event, which holds the merchant's lock): the close counted. */
export async function recordClose(
  tx: Tx,
  incident: Parameters<typeof closedDeltas>[0] & { merchantId: string },
): Promise<void> {
  if (incident.drill) return;
  const statement = addDeltasSql(
    incident.merchantId,
    closedDeltas(incident, await merchantTimeZone(tx, incident.merchantId), 1),
  );
  if (statement) await tx.$executeRaw(statement);
}

/** In a reopen's transaction (after its event): the close it undoes taken back. */
export async function recordReopen(
  tx: Tx,
  incident: Parameters<typeof closedDeltas>[0] & { merchantId: string },
): Promise<void> {
  if (incident.drill) return;
  const statement = addDeltasSql(
    incident.merchantId,
    closedDeltas(incident, await merchantTimeZone(tx, incident.merchantId), -1),
  );
  if (statement) await tx.$executeRaw(statement);
}

/**
 * Counts a merchant's summary again from its incidents, in the zone given, inside `tx` (which must
 * hold the merchant's lock): every row deleted, every day from the first incident's to the last
 * close's inserted again, the zone recorded.
 */
export async function rebuildIncidentRollup(tx: Tx, merchantId: string, timeZone: string): Promise<void> {
  await tx.$executeRaw`DELETE FROM "DashboardIncidentDay" WHERE "merchantId" = ${merchantId}`;
  const [range] = await tx.$queryRaw<
    { first: Date | string | null; last: Date | string | null; lastClose: Date | string | null }[]
  >`
    SELECT MIN("occurredAt") AS "first", MAX("occurredAt") AS "last", MAX("closedAt") AS "lastClose"
    FROM "Incident" WHERE "merchantId" = ${merchantId}`;
  if (range?.first) {
    const instant = (value: Date | string) => (value instanceof Date ? value : new Date(value));
    const firstDay = addLocalDays(localDateOf(instant(range.first), timeZone), -1);
    const ends = [range.last, range.lastClose].filter((value): value is Date | string => value !== null).map(instant);
    const lastDay = addLocalDays(localDateOf(new Date(Math.max(...ends.map((d) => d.getTime()))), timeZone), 1);
    for (const statement of rebuildIncidentDaysSql({
      provider: databaseProvider,
      merchantId,
      firstDay,
      lastDay,
      timeZone,
    })) {
      await tx.$executeRawUnsafe(statement);
    }
  }
  const builtAt = new Date();
  await tx.dashboardRollupState.upsert({
    where: { merchantId },
    create: { merchantId, timeZone, builtAt },
    update: { timeZone, builtAt },
  });
}

/** Takes the merchant's row lock for the rest of the transaction (SQLite: BEGIN IMMEDIATE has it). */
async function lockMerchant(tx: Tx, merchantId: string): Promise<void> {
  if (databaseProvider === "postgresql") {
    await tx.$queryRaw`SELECT "id" FROM "Merchant" WHERE "id" = ${merchantId} FOR NO KEY UPDATE`;
  }
}

/**
 * Before the dashboard reads the summary: rebuilds it when it was never counted or counted in
 * another zone than the merchant's now. Racing readers rebuild once (the second finds it done).
 */
export async function ensureIncidentRollup(merchantId: string, timeZone: string): Promise<void> {
  const state = await prisma.dashboardRollupState.findUnique({ where: { merchantId }, select: { timeZone: true } });
  if (state?.timeZone === timeZone) return;
  await prisma.$transaction(
    async (tx) => {
      await lockMerchant(tx, merchantId);
      const again = await tx.dashboardRollupState.findUnique({ where: { merchantId }, select: { timeZone: true } });
      if (again?.timeZone === timeZone) return;
      await rebuildIncidentRollup(tx, merchantId, timeZone);
    },
    { maxWait: 60_000, timeout: 15 * 60_000 },
  );
}
