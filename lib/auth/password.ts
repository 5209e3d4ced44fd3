// Password hashing with argon2id (the @node-rs binding, no home-made crypto).
import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";
import crypto from "node:crypto";
import { hash, verify } from "@node-rs/argon2";

// Algorithm 2 = argon2id; OWASP's recommended memory and passes.
const OPTIONS = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

const verificationObservers = new Set<() => void>();

/**
 * Calls `observer` after every argon2 verification; returns the function that stops it. Lets a
 * test prove that a sign-in path paid for a password check, without timing it.
 */
export function observePasswordVerifications(observer: () => void): () => void {
  verificationObservers.add(observer);
  return () => verificationObservers.delete(observer);
}

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

/** A hash and password already verified as matching, within one sign-in's async call chain. */
const verifiedPair = new AsyncLocalStorage<{ hash: string; password: string }>();

export async function verifyPassword({ hash: stored, password }: { hash: string; password: string }): Promise<boolean> {
  const verified = verifiedPair.getStore();
  if (verified && verified.hash === stored && verified.password === password) return true;
  try {
    return await verify(stored, password);
  } catch {
    return false;
  } finally {
    for (const observer of verificationObservers) observer();
  }
}

/**
 * Runs `work` (better-auth's sign-in, which checks the password itself) knowing that this hash
 * and password were just verified, so the argon2 work is not done twice.
 */
export function withVerifiedPassword<T>(pair: { hash: string; password: string }, work: () => Promise<T>): Promise<T> {
  return verifiedPair.run(pair, work);
}

let dummyHash: Promise<string> | undefined;

/**
 * Verifies the password against a hash of a random secret made with the same parameters, and
 * returns false: a sign-in for an unknown or inactive account costs exactly what a wrong password
 * costs, so the answer time does not tell who has an account.
 */
export async function verifyAgainstDummyHash(password: string): Promise<false> {
  dummyHash ??= hashPassword(crypto.randomBytes(32).toString("base64url"));
  await verifyPassword({ hash: await dummyHash, password });
  return false;
}
