// What a --from/--to URL names: its provider, where it is, how to show it without its password. Pure.
import path from "node:path";
import { CopyError } from "@/tools/db-copy/errors";

export type DatabaseLocation =
  | { provider: "sqlite"; url: string; file: string }
  | { provider: "postgresql"; url: string; host: string; port: number; database: string; schema: string };

const POSTGRES_URL = /^postgres(ql)?:\/\//i;

/**
 * Parses a database URL. A SQLite `file:` path is made absolute against `cwd`, so the URL handed to
 * the Prisma CLI names the same file whatever directory the CLI runs in.
 */
export function locateDatabase(url: string, cwd: string): DatabaseLocation {
  if (url.startsWith("file:")) {
    const filePath = url.slice("file:".length).split("?")[0];
    if (!filePath) throw new CopyError(`"${url}" names no file`);
    const file = path.resolve(cwd, filePath);
    return { provider: "sqlite", url: `file:${file}`, file };
  }
  if (POSTGRES_URL.test(url)) {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new CopyError(`"${redactUrl(url)}" is not a valid PostgreSQL URL`);
    }
    const user = decodeURIComponent(parsed.username);
    return {
      provider: "postgresql",
      url,
      host: normaliseHost(parsed.hostname || "localhost"),
      port: Number(parsed.port || 5432),
      // libpq's defaults: no database name means the user's name.
      database: decodeURIComponent(parsed.pathname.replace(/^\//, "")) || user,
      schema: parsed.searchParams.get("schema") ?? "public",
    };
  }
  throw new CopyError(
    `"${redactUrl(url)}" is neither a SQLite URL (file:./data/slipcase.db) nor a PostgreSQL URL (postgresql://user:password@host:5432/database)`,
  );
}

function normaliseHost(host: string): string {
  const lower = host.toLowerCase().replace(/^\[|\]$/g, "");
  return lower === "127.0.0.1" || lower === "::1" ? "localhost" : lower;
}

/** True when both name the same database (copying a database onto itself would destroy it). */
export function sameDatabase(a: DatabaseLocation, b: DatabaseLocation): boolean {
  if (a.provider === "sqlite" && b.provider === "sqlite") return a.file === b.file;
  if (a.provider === "postgresql" && b.provider === "postgresql") {
    return a.host === b.host && a.port === b.port && a.database === b.database && a.schema === b.schema;
  }
  return false;
}

/** The URL with its password replaced, safe to print. */
export function redactUrl(url: string): string {
  return url.replace(/^([a-z]+:\/\/[^:@/]*:)[^@/]*@/i, "$1***@");
}

/** How a location is named in messages. */
export function describeDatabase(location: DatabaseLocation): string {
  return location.provider === "sqlite"
    ? `SQLite file ${location.file}`
    : `PostgreSQL database "${location.database}" on ${location.host}:${location.port}${location.schema === "public" ? "" : ` (schema ${location.schema})`}`;
}
