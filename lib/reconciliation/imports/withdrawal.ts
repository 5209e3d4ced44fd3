// What an import's report keeps of its withdrawal: who asked and when (withdraw-import.ts), and once
// the job has published it (run-withdrawal.ts) when, with the lines it removed per category. Pure.
import { z } from "zod";

export const withdrawalSchema = z.object({
  requestedBy: z.string().min(1),
  requestedAt: z.string(),
  publishedAt: z.string().optional(),
  linesRemoved: z.number().int().nonnegative().optional(),
  counts: z.record(z.string(), z.number()).optional(),
  /** Wall and CPU milliseconds of its matching and its publish (PhaseTimer). */
  phases: z.record(z.string(), z.number()).optional(),
});

export type Withdrawal = z.infer<typeof withdrawalSchema>;

/** The withdrawal in an import's report, or null when it has none. */
export function withdrawalOf(report: Record<string, unknown> | null): Withdrawal | null {
  const parsed = withdrawalSchema.safeParse(report?.withdrawal);
  return parsed.success ? parsed.data : null;
}

/** When an import's lines became visible: its publish (its end, for a report without the time). */
export function publishedAtOf(row: { report: string | null; finishedAt: Date | null; createdAt: Date }): Date {
  const report = JSON.parse(row.report ?? "{}") as { publishedAt?: unknown };
  if (typeof report.publishedAt === "string") return new Date(report.publishedAt);
  return row.finishedAt ?? row.createdAt;
}

/**
 * The days on which an import left out lines as twins of earlier ones (earlier-lines.ts): none when
 * it left none out, null when it did and its report predates the list (any day, then).
 */
export function leftOutDaysOf(report: Record<string, unknown>): string[] | null {
  if (!(Number(report.alreadyImported ?? 0) > 0)) return [];
  const days = z.array(z.string()).safeParse(report.alreadyImportedDays);
  return days.success ? days.data : null;
}
