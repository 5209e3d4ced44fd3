// The training gaps' rule, pure (lib/drills/training-gaps.ts feeds it from the database): of each
// cashier's TOP_KINDS most logged kinds (at least MIN_LOGGED real incidents each), the ones with no
// closed drill since `practisedSince`; most logged first, then by name, so the order is stable.
import type { IncidentKind } from "@/lib/incidents/rules";

/** A kind logged fewer times than this is not a pattern. */
export const MIN_LOGGED = 2;
/** At most this many kinds per cashier: the ones they log most. */
export const TOP_KINDS = 3;

export interface LoggedKind {
  userId: string;
  name: string;
  kind: IncidentKind;
  /** real (non-drill) incidents of the kind they logged in the window */
  logged: number;
  /** the close of their latest closed drill of the kind, if any */
  lastDrillAt: Date | null;
}

export interface TrainingGap {
  userId: string;
  name: string;
  kind: IncidentKind;
  logged: number;
  lastDrillAt: string | null;
}

export function selectTrainingGaps(rows: readonly LoggedKind[], practisedSince: Date): TrainingGap[] {
  const byCashier = new Map<string, LoggedKind[]>();
  for (const row of rows) {
    if (row.logged < MIN_LOGGED) continue;
    byCashier.set(row.userId, [...(byCashier.get(row.userId) ?? []), row]);
  }
  return [...byCashier.values()]
    .flatMap((kinds) => [...kinds].sort(byMostLogged).slice(0, TOP_KINDS))
    .filter((row) => row.lastDrillAt === null || row.lastDrillAt.getTime() < practisedSince.getTime())
    .sort((a, b) => byMostLogged(a, b) || a.name.localeCompare(b.name) || a.userId.localeCompare(b.userId))
    .map((row) => ({
      userId: row.userId,
      name: row.name,
      kind: row.kind,
      logged: row.logged,
      lastDrillAt: row.lastDrillAt?.toISOString() ?? null,
    }));
}

/** Most logged first; ties by kind, so the order is the same on every run. */
function byMostLogged(a: { logged: number; kind: string }, b: { logged: number; kind: string }): number {
  return b.logged - a.logged || a.kind.localeCompare(b.kind);
}
