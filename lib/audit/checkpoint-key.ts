// The key audit checkpoints are signed with: AUDIT_CHECKPOINT_KEY, or else one derived from the
// session secret (BETTER_AUTH_SECRET, itself required in production with several instances), so a
// deployment that sets nothing new still signs its checkpoints, the same key on every instance.
// Setting AUDIT_CHECKPOINT_KEY on its own is better: rotating the session secret then leaves every
// earlier checkpoint verifiable.
import "server-only";
import { createHmac } from "node:crypto";
import { authSecret } from "@/lib/auth/secret";
import { env } from "@/lib/env";

export function auditCheckpointKey(): string {
  if (env.AUDIT_CHECKPOINT_KEY) return env.AUDIT_CHECKPOINT_KEY;
  // A key of its own, not the session secret itself: a signature never doubles as a session's.
  return createHmac("sha256", authSecret()).update("slipcase/audit-checkpoint-key/v1").digest("hex");
}
