// Sign-in throttle counters in the database, so every instance enforces the same waits: an
// attempt is reserved (counted as a failure) atomically before its password is checked, and the
// reservation is undone when the password was right. The rules themselves are pure, in
// lib/auth/throttle-policy.ts.
import "server-only";
import crypto from "node:crypto";
import { throttledNetwork } from "@/lib/auth/client-address";
import { authSecret } from "@/lib/auth/secret";
import { type CounterKind, decideAttempt, throttleRules } from "@/lib/auth/throttle-policy";
import { prisma, type Tx } from "@/lib/db/client";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors/app-error";

/** A refused attempt: 429 with a Retry-After of `retryAfterSeconds`. */
export class SignInThrottledError extends AppError {
  readonly retryAfterSeconds: number;

  constructor(retryAfterSeconds: number) {
    super("LOCKED", { reason: "SIGN_IN_LOCKED" });
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

/** The counters one attempt reserved; pass it back to `settleSuccessfulSignIn`. */
export interface Reservation {
  keys: Record<CounterKind, string | null>;
}

const rules = () =>
  throttleRules({ maxFailures: env.SIGN_IN_MAX_FAILURES, maxDelaySeconds: env.SIGN_IN_MAX_DELAY_SECONDS });

/**
 * The account part of a key: a keyed hash of the normalised e-mail, the same whether or not the
 * account exists (so a 429 tells nothing about existence), and never the e-mail itself (it may be
 * anything an attacker typed, a card number included).
 */
export function accountHash(email: string): string {
  return crypto
    .createHmac("sha256", authSecret())
    .update(`sign-in-throttle:${email.trim().toLowerCase()}`)
    .digest("hex");
}

function keysFor(email: string, address: string | null): Record<CounterKind, string | null> {
  const account = accountHash(email);
  const network = address ? throttledNetwork(address) : null;
  return {
    pair: `pair:${account}:${network ?? "unknown"}`,
    address: network ? `address:${network}` : null,
    account: `account:${account}`,
  };
}

class LostRace extends Error {}

/** True for errors that mean "another attempt wrote these counters first: read again". */
function isRace(error: unknown): boolean {
  if (error instanceof LostRace) return true;
  const code = (error as { code?: unknown } | null)?.code;
  return code === "P2002" || code === "P2034";
}

/**
 * Reserves an attempt on every counter it touches, or throws SignInThrottledError. Each counter is
 * written with a compare-and-set on the values read, inside one transaction: when two attempts
 * (on any instance) race, one commits and the other reads again, so no more attempts get through
 * than the rules allow, however many arrive at once.
 */
export async function reserveSignInAttempt({
  email,
  address,
  now = new Date(),
}: {
  email: string;
  address: string | null;
  now?: Date;
}): Promise<Reservation> {
  const keys = keysFor(email, address);
  const accountKey = accountHash(email);
  const kinds = (Object.keys(keys) as CounterKind[]).filter((kind) => keys[kind] !== null);

  for (let round = 0; round < 30; round++) {
    try {
      const decision = await prisma.$transaction(async (tx) => {
        const rows = await tx.signInThrottle.findMany({
          where: { key: { in: kinds.map((kind) => keys[kind] as string) } },
        });
        const row = (kind: CounterKind) => rows.find((candidate) => candidate.key === keys[kind]) ?? null;
        const decision = decideAttempt({
          counters: { pair: row("pair"), address: keys.address ? row("address") : undefined, account: row("account") },
          rules: rules(),
          now,
        });
        if (!decision.allowed) return decision;
        for (const kind of kinds) {
          const key = keys[kind] as string;
          const update = decision.updates[kind];
          if (!update) continue;
          const current = row(kind);
          if (!current) {
            await tx.signInThrottle.create({
              data: { key, accountHash: kind === "address" ? null : accountKey, ...update },
            });
            continue;
          }
          const { count } = await tx.signInThrottle.updateMany({
            where: { key, failures: current.failures, lastFailureAt: current.lastFailureAt },
            data: update,
          });
          if (count !== 1) throw new LostRace();
        }
        return decision;
      });
      if (!decision.allowed) throw new SignInThrottledError(decision.retryAfterSeconds);
      return { keys };
    } catch (error) {
      if (!isRace(error)) throw error;
      // Another attempt won this round: step aside briefly, then read the counters again.
      await new Promise((resolve) => setTimeout(resolve, 2 + Math.random() * 10 * (round + 1)));
    }
  }
  // Still losing after many rounds means a flood of attempts on these counters: refuse this one.
  throw new SignInThrottledError(1);
}

/**
 * The password was right: the account's counters start again, and the address counter gives back
 * the failure reserved for this attempt (it is not reset: a stuffing attack that hits one valid
 * password must not wipe its address's record). Counters quiet for a day are swept on the way.
 */
export async function settleSuccessfulSignIn(reservation: Reservation, now = new Date()): Promise<void> {
  const { keys } = reservation;
  await prisma.$transaction([
    prisma.signInThrottle.deleteMany({
      where: { key: { in: [keys.pair, keys.account].filter((key): key is string => key !== null) } },
    }),
    ...(keys.address
      ? [
          prisma.signInThrottle.updateMany({
            where: { key: keys.address, failures: { gt: 0 } },
            data: { failures: { decrement: 1 } },
          }),
        ]
      : []),
    prisma.signInThrottle.deleteMany({
      where: {
        lastFailureAt: { lt: new Date(now.getTime() - 24 * 60 * 60_000) },
        OR: [{ nextAllowedAt: null }, { nextAllowedAt: { lt: now } }],
      },
    }),
  ]);
}

/** For each e-mail whose sign-in is held back right now (from anywhere), until when. */
export async function signInHeldUntil({ emails, now = new Date() }: { emails: string[]; now?: Date }) {
  const hashes = new Map(emails.map((email) => [accountHash(email), email]));
  const held = await prisma.signInThrottle.groupBy({
    by: ["accountHash"],
    where: { accountHash: { in: [...hashes.keys()] }, nextAllowedAt: { gt: now } },
    _max: { nextAllowedAt: true },
  });
  const result = new Map<string, Date>();
  for (const { accountHash: hash, _max } of held) {
    const email = hash ? hashes.get(hash) : undefined;
    if (email && _max.nextAllowedAt) result.set(email, _max.nextAllowedAt);
  }
  return result;
}

/**
 * Clears every counter of one account (an admin's unlock), inside the caller's transaction.
 * Returns what was cleared, for the audit event.
 */
export async function clearAccountThrottle(
  tx: Tx,
  { email, now = new Date() }: { email: string; now?: Date },
): Promise<{ heldUntil: Date | null; failures: number }> {
  const hash = accountHash(email);
  const counters = await tx.signInThrottle.findMany({ where: { accountHash: hash } });
  await tx.signInThrottle.deleteMany({ where: { accountHash: hash } });
  const waits = counters.flatMap((counter) =>
    counter.nextAllowedAt && counter.nextAllowedAt > now ? [counter.nextAllowedAt] : [],
  );
  return {
    heldUntil: waits.length ? new Date(Math.max(...waits.map((wait) => wait.getTime()))) : null,
    failures: Math.max(0, ...counters.map((counter) => counter.failures)),
  };
}
