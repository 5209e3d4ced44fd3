// Fresh databases for each benchmark setup: SQLite files in a temporary folder, or PostgreSQL
// databases (prefix bench_) created on the server named by BENCH_POSTGRES_URL and dropped after.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { onCleanup } from "./processes.mjs";

export const DEFAULT_POSTGRES_URL = "postgresql://slipcase:slipcase@localhost:5432/postgres";

/** A folder for one run's SQLite files, removed at the end. */
export function sqliteFolder() {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), "slipcase-bench-"));
  onCleanup(async () => fs.rmSync(folder, { recursive: true, force: true }));
  return folder;
}

/** Null when the server answers, else the reason it does not. */
export async function postgresProblem(adminUrl) {
  const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query("SELECT 1");
    return null;
  } catch (error) {
    return error?.message || error?.code || String(error);
  } finally {
    await client.end().catch(() => {});
  }
}

async function onAdmin(adminUrl, sql) {
  const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end().catch(() => {});
  }
}

/** Creates an empty database and returns its URL; it is dropped at clean-up. */
export async function createPostgresDatabase(adminUrl, name) {
  if (!/^bench_[a-z0-9_]{1,55}$/.test(name)) throw new Error(`bad database name ${name}`);
  await onAdmin(adminUrl, `CREATE DATABASE "${name}"`);
  onCleanup(() => dropPostgresDatabase(adminUrl, name));
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function dropPostgresDatabase(adminUrl, name) {
  // WITH (FORCE) closes any connection a killed server left open (PostgreSQL 13+). It cannot end
  // the autovacuum worker that a freshly loaded database often has (a superuser's process, so
  // "must be a member of the role whose process is being terminated"): that one ends by itself
  // within seconds, so try again a few times.
  for (let attempt = 1; ; attempt++) {
    try {
      await onAdmin(adminUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      return;
    } catch (error) {
      if (attempt >= 10 || !/member of the role|being accessed by other users/.test(String(error?.message)))
        throw error;
      await new Promise((resolve) => setTimeout(resolve, 3_000));
    }
  }
}

/** The URL with its password hidden, for printing. */
export function redact(url) {
  if (url.startsWith("file:")) return url;
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "***";
    return parsed.toString();
  } catch {
    return url;
  }
}
