// Password hashing with argon2id (the @node-rs binding, no home-made crypto).
import "server-only";
import { hash, verify } from "@node-rs/argon2";

// Algorithm 2 = argon2id; OWASP's recommended memory and passes.
const OPTIONS = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

export async function verifyPassword({ hash: stored, password }: { hash: string; password: string }): Promise<boolean> {
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}
