// What an incident opened from a reconciliation line is pre-filled with: the slip's fields from
// the line, the moment from its wall clock in the merchant's zone. Pure.
import type { LocalDateTime } from "@/lib/reconciliation/types";

/** The merchant's zone: the files' wall-clock times are read in it (lib/reconciliation/types.ts). */
export const MERCHANT_TIME_ZONE = "Asia/Shanghai";

const WALL_CLOCK = /^(\d{4})-(\d{2})-(\d{2})(?: (\d{2}):(\d{2})(?::(\d{2}))?)?$/;

/** Minutes the zone is ahead of UTC at the instant `utcMs`. */
function zoneOffsetMinutes(utcMs: number, timeZone: string): number {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    })
      .formatToParts(new Date(utcMs))
      .map((part) => [part.type, part.value]),
  );
  const asUtc = Date.UTC(
    Number(parts.year),
    Number(parts.month) - 1,
    Number(parts.day),
    Number(parts.hour),
    Number(parts.minute),
    Number(parts.second),
  );
  return Math.round((asUtc - Math.floor(utcMs / 1000) * 1000) / 60_000);
}

/**
 * The instant a wall-clock time ("YYYY-MM-DD HH:MM:SS", or a day alone = its midnight) names in
 * `timeZone`; null when the text is no such time.
 */
export function wallClockToInstant(local: LocalDateTime, timeZone = MERCHANT_TIME_ZONE): Date | null {
  const match = WALL_CLOCK.exec(local.trim());
  if (!match) return null;
  const [, year, month, dayOfMonth, hour = "0", minute = "0", second = "0"] = match;
  const naive = Date.UTC(
    Number(year),
    Number(month) - 1,
    Number(dayOfMonth),
    Number(hour),
    Number(minute),
    Number(second),
  );
  const check = new Date(naive);
  if (check.getUTCDate() !== Number(dayOfMonth) || check.getUTCHours() !== Number(hour)) return null;
  // Two passes settle a zone whose offset changes between the guess and the answer (DST).
  const first = naive - zoneOffsetMinutes(naive, timeZone) * 60_000;
  return new Date(naive - zoneOffsetMinutes(first, timeZone) * 60_000);
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
