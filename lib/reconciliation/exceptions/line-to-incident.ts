// What an incident opened from a reconciliation line is pre-filled with: the slip's fields from
// the line, the moment from its wall clock in the merchant's zone. Pure.
import type { LocalDateTime } from "@/lib/reconciliation/types";
import { zonedTimeToIso } from "@/lib/schemas/incident-form";

const WALL_CLOCK = /^(\d{4}-\d{2}-\d{2})(?: (\d{2}:\d{2}(?::\d{2})?))?$/;

/**
 * The instant a wall-clock time ("YYYY-MM-DD HH:MM:SS", or a day alone = its midnight) names in
 * `timeZone` — the merchant's (MERCHANT_TIME_ZONE), the one the files' times were read in and
 * matched by; null when the text is no such time. The cashier's form converts the same way.
 */
export function wallClockToInstant(local: LocalDateTime, timeZone: string): Date | null {
  const match = WALL_CLOCK.exec(local.trim());
  if (!match) return null;
  const iso = zonedTimeToIso(`${match[1]}T${match[2] ?? "00:00"}`, timeZone);
  return iso ? new Date(iso) : null;
}

/** BIN and last 4 of a masked card such as "622202******0128" (only digits that are printed). */
export function cardParts(masked: string | null): { cardBin: string | null; cardLast4: string | null } {
  if (!masked) return { cardBin: null, cardLast4: null };
  const compact = masked.replace(/[\s-]/g, "");
  const bin = /^(\d{6})/.exec(compact)?.[1] ?? null;
  const last4 = /(\d{4})$/.exec(compact)?.[1] ?? null;
  // A card printed with fewer than 10 digits would share digits between BIN and last 4.
  const digits = compact.replace(/\D/g, "").length;
  return { cardBin: digits >= 10 ? bin : null, cardLast4: last4 };
}

/** The slip fields of the line an incident is opened from (identifiers trimmed to the slip's rules). */
export function slipFieldsOf(line: {
  cardMasked: string | null;
  rrn: string | null;
  authCode: string | null;
  traceNo: string | null;
  batchNo: string | null;
}) {
  const keep = (value: string | null, pattern: RegExp) => (value && pattern.test(value) ? value : null);
  return {
    ...cardParts(line.cardMasked),
    rrn: keep(line.rrn, /^[A-Za-z0-9]{1,32}$/),
    authCode: keep(line.authCode?.toUpperCase() ?? null, /^[A-Z0-9]{1,12}$/),
    traceNo: keep(line.traceNo, /^[A-Za-z0-9]{1,32}$/),
    batchNo: keep(line.batchNo, /^[A-Za-z0-9]{1,32}$/),
  };
}
