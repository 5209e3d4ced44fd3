// The deadlines an incident is given when it is logged: for each applicable step with a rule, and
// for the whole case, the instant its rule names, and when its responsible people are reminded.
// Pure (no I/O): the settings, the store's cut-off and the calendar are read by the caller.
import { addCalendarDays, type BusinessCalendar, endOfWorkingDays, nextCutoff } from "@/lib/deadlines/calendar";
import type { DeadlineRule, DeadlineSettings, DeadlineStatus, DeadlineSubject } from "@/lib/deadlines/settings";
import { type IncidentKind, isApplicable, STEP_KEYS } from "@/lib/incidents/rules";

export interface DeadlineContext {
  calendar: BusinessCalendar;
  /** The incident's store's daily cut-off, HH:MM local. */
  cutoff: string;
}

/** The instant one rule gives a mishap at `occurredAt`. */
export function dueAtByRule(rule: DeadlineRule, occurredAt: Date, context: DeadlineContext): Date {
  switch (rule.after) {
    case "cutoff":
      return nextCutoff(occurredAt, context.cutoff, context.calendar.timeZone);
    case "hours":
      return new Date(occurredAt.getTime() + rule.count * 3_600_000);
    case "days":
      return addCalendarDays(occurredAt, rule.count, context.calendar.timeZone);
    case "business_days":
      return endOfWorkingDays(occurredAt, rule.count, context.calendar);
    default:
      return rule satisfies never;
  }
}

export interface PlannedDeadline {
  subject: DeadlineSubject;
  dueAt: Date;
  /** When to remind its responsible people; null when reminders are off or it is already too late for one. */
  remindAt: Date | null;
}

/** When to remind before `dueAt`: never when reminders are off, and never before the deadline was given. */
export function remindAtFor(dueAt: Date, reminderHours: number, givenAt: Date): Date | null {
  if (reminderHours <= 0) return null;
  const at = new Date(dueAt.getTime() - reminderHours * 3_600_000);
  return at.getTime() > givenAt.getTime() ? at : null;
}

/** An incident's deadlines, steps in checklist order then the close. */
export function planIncidentDeadlines({
  kind,
  occurredAt,
  settings,
  context,
  now,
}: {
  kind: IncidentKind;
  occurredAt: Date;
  settings: DeadlineSettings;
  context: DeadlineContext;
  now: Date;
}): PlannedDeadline[] {
  const rules = settings.kinds[kind];
  const planned: PlannedDeadline[] = [];
  for (const key of STEP_KEYS) {
    const rule = rules[key];
    if (!rule || !isApplicable(kind, key)) continue;
    const dueAt = dueAtByRule(rule, occurredAt, context);
    planned.push({ subject: key, dueAt, remindAt: remindAtFor(dueAt, settings.reminderHours, now) });
  }
  const closeAt = dueAtByRule(rules.close, occurredAt, context);
  planned.push({ subject: "close", dueAt: closeAt, remindAt: remindAtFor(closeAt, settings.reminderHours, now) });
  return planned;
}

/** What is due next: the soonest deadline whose work is still outstanding (the incident's dueAt). */
export function nextDueAt(deadlines: readonly { dueAt: Date; doneAt: Date | null }[]): Date | null {
  let soonest: Date | null = null;
  for (const deadline of deadlines) {
    if (deadline.doneAt) continue;
    if (!soonest || deadline.dueAt.getTime() < soonest.getTime()) soonest = deadline.dueAt;
  }
  return soonest;
}

/**
 * A deadline's status as shown: met when its work was done in time, missed when done late or not
 * done once passed, else pending. (The job notices a pass within a minute and escalates; what is
 * shown does not wait for it.)
 */
export function deadlineStatusAt(deadline: { dueAt: Date; doneAt: Date | null }, now: Date): DeadlineStatus {
  if (deadline.doneAt) return deadline.doneAt.getTime() <= deadline.dueAt.getTime() ? "met" : "missed";
  return now.getTime() > deadline.dueAt.getTime() ? "missed" : "pending";
}
