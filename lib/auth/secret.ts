// The session-signing secret: from BETTER_AUTH_SECRET, or else one generated on first use and
// kept beside the SQLite file, so a fresh clone works without setup. Several instances must
// share BETTER_AUTH_SECRET.
import "server-only";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { env } from "@/lib/env";

export function authSecret(): string {
  if (env.BETTER_AUTH_SECRET) return env.BETTER_AUTH_SECRET;
  const folder = env.DATABASE_URL.startsWith("file:")
    ? path.dirname(path.resolve(env.DATABASE_URL.slice("file:".length)))
    : path.resolve("data");
  const file = path.join(folder, ".auth-secret");
  try {
    return fs.readFileSync(file, "utf8").trim();
  } catch {
    fs.mkdirSync(folder, { recursive: true });
    const secret = crypto.randomBytes(32).toString("base64url");
    try {
      fs.writeFileSync(file, secret, { mode: 0o600, flag: "wx" });
      return secret;
    } catch {
      // Another process wrote it first: use theirs.
      return fs.readFileSync(file, "utf8").trim();
    }
  }
}
