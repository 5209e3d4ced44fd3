// Signed checkpoints of an audit chain's head (issue 10). A checkpoint says "the merchant's chain
// had reached seq N with hash H at time T", signed with HMAC-SHA256 under a server key. Someone who
// can delete the newest events (and move the head on the merchant row back) can leave a chain that
// verifies link by link; a checkpoint past its end cannot be re-signed without the key, so
// `npm run audit:verify` and every export catch the truncation. Pure (the key comes in from
// outside; lib/audit/checkpoint-key.ts reads it).
import { createHmac, timingSafeEqual } from "node:crypto";
import { canonicalJson } from "@/lib/audit/hash";

export interface CheckpointContent {
  merchantId: string;
  seq: number;
  hash: string;
  at: Date;
}

/** The exact text that is signed: versioned, keys sorted, the time in ISO 8601 with milliseconds. */
export function checkpointText({ merchantId, seq, hash, at }: CheckpointContent): string {
  return canonicalJson({ v: 1, kind: "slipcase.audit-checkpoint", merchantId, seq, hash, at: at.toISOString() });
}

/** The HMAC-SHA256 of the checkpoint's text under the key, in lower-case hex. */
export function signCheckpoint(key: string | Buffer, content: CheckpointContent): string {
  return createHmac("sha256", key).update(checkpointText(content)).digest("hex");
}

/** True when the signature is the key's over exactly this content (compared in constant time). */
export function checkpointSignatureValid(key: string | Buffer, content: CheckpointContent, signature: string): boolean {
  if (!/^[0-9a-f]{64}$/.test(signature)) return false;
  const expected = Buffer.from(signCheckpoint(key, content), "hex");
  return timingSafeEqual(expected, Buffer.from(signature, "hex"));
}
