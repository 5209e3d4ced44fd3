// A webhook URL as the audit record keeps it (pure): its origin, and a SHA-256 of the whole URL so
// an auditor can tell two URLs apart — the path may hold the receiver's own token, so it is not
// written down.
import { createHash } from "node:crypto";

export function webhookAuditTarget(url: string): { origin: string; urlSha256: string } {
  return { origin: new URL(url).origin, urlSha256: createHash("sha256").update(url, "utf8").digest("hex") };
}
