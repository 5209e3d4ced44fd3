// Why a mishap happened, as the seed's remedy names it (反馈与改进: trace each mishap to its cause
// so that something is changed): human causes, technical ones and the counter's surroundings, and
// "other" with a note saying what. A closed incident records one or more; the dashboards and the
// prevention loop count by them. Pure; importable by client and server.

export const CAUSE_GROUPS = {
  human: ["distraction", "unfamiliar_procedure", "inexperience", "time_pressure", "insufficient_training"],
  technical: ["terminal_fault", "outdated_software", "printer_fault", "network_drop"],
  external: ["environment"],
  other: ["other"],
} as const;

export type CauseGroup = keyof typeof CAUSE_GROUPS;
export type Cause = (typeof CAUSE_GROUPS)[CauseGroup][number];

/** Every cause, group by group: the order a form lists them in. */
export const CAUSES = Object.values(CAUSE_GROUPS).flat() as readonly Cause[] as [Cause, ...Cause[]];

export const CAUSE_GROUP_NAMES = Object.keys(CAUSE_GROUPS) as CauseGroup[];

/**
 * Causes in taxonomy order, each once: the same set always reads (and is stored, as a JSON array)
 * the same, whatever order a person ticked them in.
 */
export function orderCauses(causes: readonly Cause[]): Cause[] {
  const chosen = new Set(causes);
  return CAUSES.filter((cause) => chosen.has(cause));
}

/** The stored text back to causes; unknown entries (a cause retired later) are dropped. */
export function decodeCauses(stored: string | null): Cause[] | null {
  if (stored === null) return null;
  const known = new Set<string>(CAUSES);
  const parsed: unknown = JSON.parse(stored);
  return Array.isArray(parsed) ? (parsed.filter((cause) => known.has(cause)) as Cause[]) : [];
}
