// Opens one database for db:copy: SQLite or PostgreSQL behind the same CopyDatabase port.
import "server-only";
import type { CopyDatabase, OpenMode } from "@/tools/db-copy/database-port";
import type { DatabaseLocation } from "@/tools/db-copy/database-url";
import { openPostgres } from "@/tools/db-copy/postgres-database";
import { openSqlite } from "@/tools/db-copy/sqlite-database";

export type { CopyDatabase, OpenMode };

/** Opens (and for PostgreSQL connects to) the database; a missing or unreachable one is a CopyError. */
export function openDatabase(location: DatabaseLocation, mode: OpenMode): Promise<CopyDatabase> {
  return location.provider === "sqlite" ? Promise.resolve(openSqlite(location, mode)) : openPostgres(location);
}
