// When a failed delivery is tried again (pure). The schedule, in units of the base (30 s by
// default, WEBHOOK_RETRY_BASE_MS): 30 s, 2 min, 10 min, 1 h, 6 h, 6 h, 6 h — then, after the
// eighth failed attempt, the delivery is failed for good (about 19½ hours after the first).

/** Attempts made before a delivery is given up. */
export const WEBHOOK_MAX_ATTEMPTS = 8;

// Multiples of the base after the 1st, 2nd, … failed attempt.
const SCHEDULE = [1, 4, 20, 120, 720, 720, 720] as const;

/**
 * What follows the `attempts`-th failed attempt (1 = the first): the wait before the next one, or
 * null when that was the last.
 */
export function retryDelayMs(attempts: number, baseMs: number): number | null {
  if (!Number.isInteger(attempts) || attempts < 1 || attempts >= WEBHOOK_MAX_ATTEMPTS) return null;
  return SCHEDULE[attempts - 1] * baseMs;
}
