// An incident's deadlines as the API answers them: checklist order, then the close.
import { deadlineStatusAt } from "@/lib/deadlines/compute";
import { STEP_KEYS } from "@/lib/incidents/rules";
import type { IncidentDetailDto } from "@/lib/schemas/incident";

const ORDER: readonly string[] = [...STEP_KEYS, "close"];

export function serializeDeadlines(
  rows: readonly { subject: string; dueAt: Date; doneAt: Date | null }[],
  now: Date,
): IncidentDetailDto["deadlines"] {
  return rows
    .filter((row) => ORDER.includes(row.subject))
    .sort((a, b) => ORDER.indexOf(a.subject) - ORDER.indexOf(b.subject))
    .map((row) => ({
      step: row.subject as IncidentDetailDto["deadlines"][number]["step"],
      dueAt: row.dueAt.toISOString(),
      status: deadlineStatusAt(row, now),
    }));
}
