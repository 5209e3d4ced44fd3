// The merchant's calendar date now, in its zone: what "today" means to the matcher (a POS line is
// overdue once its settle date has passed there). Pure given the instant.
import type { LocalDate } from "@/lib/reconciliation/types";

export function merchantToday(timeZone: string, now: Date = new Date()): LocalDate {
  // en-CA formats dates as YYYY-MM-DD.
  return new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(now);
}
