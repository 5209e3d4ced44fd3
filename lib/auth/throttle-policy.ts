// How failed sign-ins slow down further attempts. Pure rules over counters, with no I/O and no
// clock of their own, so they are unit-tested without a database; lib/auth/throttle.ts keeps the
// counters in the database and applies them. Why these rules: README, "Sign-in protection".

/** The three counters an attempt touches. */
export type CounterKind = "pair" | "address" | "account";

export interface ThrottleRule {
  /** Failures allowed before any wait. */
  free: number;
  /** The wait after the first failure beyond `free`; each further failure doubles it… */
  firstDelaySeconds: number;
  /** …up to this. */
  maxDelaySeconds: number;
  /** One failure is forgotten for every this many seconds without a new one. */
  leakSeconds: number;
}

export interface Counter {
  failures: number;
  nextAllowedAt: Date | null;
  lastFailureAt: Date;
}

/** What an attempt does to one counter when it is let through. */
export interface CounterUpdate {
  failures: number;
  nextAllowedAt: Date | null;
  lastFailureAt: Date;
}

export type Decision =
  | { allowed: true; updates: Record<CounterKind, CounterUpdate | null> }
  | { allowed: false; retryAfterSeconds: number };

const FIRST_DELAY_SECONDS = 5;

/**
 * The rules, from the two settings. One account from one address (`pair`) is the guessing
 * attacker: a few free tries, then waits growing to the cap. One address across accounts
 * (`address`) is the password sprayer; its allowance is larger because a shop's tills may share
 * one address. One account from every address (`account`) is the distributed guesser; its wait is
 * short and it does not apply to an address that has not been failing on that account, so
 * nobody can keep the real user out by failing on their account from elsewhere.
 */
export function throttleRules({
  maxFailures,
  maxDelaySeconds,
}: {
  maxFailures: number;
  maxDelaySeconds: number;
}): Record<CounterKind, ThrottleRule> {
  return {
    pair: { free: maxFailures, firstDelaySeconds: FIRST_DELAY_SECONDS, maxDelaySeconds, leakSeconds: 15 * 60 },
    address: { free: maxFailures * 4, firstDelaySeconds: FIRST_DELAY_SECONDS, maxDelaySeconds, leakSeconds: 3 * 60 },
    account: {
      free: maxFailures * 2,
      firstDelaySeconds: FIRST_DELAY_SECONDS,
      maxDelaySeconds: Math.min(30, maxDelaySeconds),
      leakSeconds: 60,
    },
  };
}

/** The wait after `failures` failures: none within the allowance, then doubling to the cap. */
export function delaySeconds(failures: number, rule: ThrottleRule): number {
  if (failures < rule.free) return 0;
  const doublings = Math.min(failures - rule.free, 30);
  return Math.min(rule.firstDelaySeconds * 2 ** doublings, rule.maxDelaySeconds);
}

/** The failures still remembered at `now`, after leaking one per `leakSeconds` of quiet. */
export function currentFailures(counter: Counter | null, rule: ThrottleRule, now: Date): number {
  if (!counter) return 0;
  const quietSeconds = Math.max(0, now.getTime() - counter.lastFailureAt.getTime()) / 1000;
  return Math.max(0, counter.failures - Math.floor(quietSeconds / rule.leakSeconds));
}

/**
 * Lets an attempt through or refuses it. An attempt let through is counted as a failure at once
 * (the caller stores the updates before checking the password and undoes them on success), so
 * attempts arriving together cannot all slip under the allowance. `address` is null when the
 * source address is unknown: then there is no address counter, and the pair counter stands for
 * the account from anywhere.
 */
export function decideAttempt({
  counters,
  rules,
  now,
}: {
  counters: { pair: Counter | null; address: Counter | null | undefined; account: Counter | null };
  rules: Record<CounterKind, ThrottleRule>;
  now: Date;
}): Decision {
  const kinds: CounterKind[] = counters.address === undefined ? ["pair", "account"] : ["pair", "address", "account"];
  const waitOf = (counter: Counter | null | undefined) =>
    counter?.nextAllowedAt && counter.nextAllowedAt > now
      ? Math.ceil((counter.nextAllowedAt.getTime() - now.getTime()) / 1000)
      : 0;

  // An address that has not been failing on this account is not held back by the failures others
  // caused on it.
  const pairIsClean = currentFailures(counters.pair, rules.pair, now) === 0 && waitOf(counters.pair) === 0;
  const binding = kinds.filter((kind) => !(kind === "account" && pairIsClean));
  const retryAfterSeconds = Math.max(0, ...binding.map((kind) => waitOf(counters[kind])));
  if (retryAfterSeconds > 0) return { allowed: false, retryAfterSeconds };

  const updates: Record<CounterKind, CounterUpdate | null> = { pair: null, address: null, account: null };
  for (const kind of kinds) {
    const failures = currentFailures(counters[kind] ?? null, rules[kind], now) + 1;
    const delay = delaySeconds(failures, rules[kind]);
    updates[kind] = {
      failures,
      nextAllowedAt: delay > 0 ? new Date(now.getTime() + delay * 1000) : null,
      lastFailureAt: now,
    };
  }
  return { allowed: true, updates };
}
