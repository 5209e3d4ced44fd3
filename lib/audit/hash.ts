// The audit hash chain: each event's hash covers the previous hash and the event's content.
import { createHash } from "node:crypto";

export const GENESIS_HASH = "0".repeat(64);

export interface ChainedEventContent {
  merchantId: string;
  seq: number;
  incidentId: string | null;
  actorId: string | null;
  type: string;
  before: string | null;
  after: string | null;
  createdAt: Date;
}

/** JSON with keys sorted at every level, so the same content always hashes the same. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value instanceof Date) return value.toISOString();
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.keys(value as Record<string, unknown>)
        .sort()
        .map((key) => [key, sortKeys((value as Record<string, unknown>)[key])]),
    );
  }
  return value;
}

export function eventHash(prevHash: string, event: ChainedEventContent): string {
  const content = canonicalJson({ ...event, createdAt: event.createdAt.toISOString() });
  return createHash("sha256").update(prevHash).update("\n").update(content).digest("hex");
}
