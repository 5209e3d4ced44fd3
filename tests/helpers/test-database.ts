// Which database the test run targets, and the PostgreSQL chores around it: creating and dropping
// the run's databases through an admin connection (TEST_POSTGRES_URL, a role that may create
// databases). SQLite is the default; `TEST_DATABASE=postgresql` switches the run.
import pg from "pg";

export type TestDatabase = "sqlite" | "postgresql";

/** Set by global setup for the workers: the seeded base database (a file path or a database name). */
export const BASE_DB_ENV = "SLIPCASE_TEST_BASE_DB";
/** Set by global setup: the prefix of every PostgreSQL database this run creates. */
export const RUN_PREFIX_ENV = "SLIPCASE_TEST_RUN_PREFIX";

export function testDatabase(): TestDatabase {
  const wanted = (process.env.TEST_DATABASE ?? "sqlite").toLowerCase();
  if (wanted === "sqlite") return "sqlite";
  if (wanted === "postgresql" || wanted === "postgres") return "postgresql";
  throw new Error(`TEST_DATABASE must be "sqlite" or "postgresql", got "${process.env.TEST_DATABASE}"`);
}

/** The admin URL, required for a PostgreSQL run. */
export function postgresAdminUrl(): string {
  const url = process.env.TEST_POSTGRES_URL;
  if (!url) {
    throw new Error(
      "TEST_DATABASE=postgresql needs TEST_POSTGRES_URL, e.g. postgresql://slipcase:slipcase@localhost:5432/postgres " +
        "(a role that may create databases)",
    );
  }
  return url;
}

/** The same server and credentials as `adminUrl`, another database. */
export function databaseUrl(adminUrl: string, database: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

/** A database name unique to this process and moment: letters, digits and underscores only. */
export function uniqueDatabaseName(prefix: string): string {
  return `${prefix}_${process.pid}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
}

function quote(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

async function withAdmin<T>(adminUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * Runs `sql`, retrying for a few seconds while PostgreSQL answers 55006 ("database is being
 * accessed by other users"): a connection that was just closed can take a moment to leave.
 */
async function whileInUse(client: pg.Client, sql: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await client.query(sql);
      return;
    } catch (error) {
      if ((error as { code?: string }).code !== "55006" || attempt >= 50) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

/** Creates `name`, empty or as a copy of `template` (which must have no open connections). */
export async function createDatabase(adminUrl: string, name: string, template?: string): Promise<void> {
  const sql = `CREATE DATABASE ${quote(name)}${template ? ` TEMPLATE ${quote(template)}` : ""}`;
  await withAdmin(adminUrl, (client) => whileInUse(client, sql));
}

/**
 * Drops the named databases, closing any connection still open to them. FORCE may not end a
 * backend of another role (an autovacuum worker that just connected, 42501); a plain DROP waits
 * for autovacuum itself, so that case falls back to it.
 */
export async function dropDatabases(adminUrl: string, names: readonly string[]): Promise<void> {
  if (names.length === 0) return;
  await withAdmin(adminUrl, async (client) => {
    for (const name of names) {
      try {
        await whileInUse(client, `DROP DATABASE IF EXISTS ${quote(name)} WITH (FORCE)`);
      } catch (error) {
        if ((error as { code?: string }).code !== "42501") throw error;
        await whileInUse(client, `DROP DATABASE IF EXISTS ${quote(name)}`);
      }
    }
  });
}

/** Every database whose name starts with `prefix`. */
export async function databasesNamed(adminUrl: string, prefix: string): Promise<string[]> {
  return withAdmin(adminUrl, async (client) => {
    const { rows } = await client.query<{ datname: string }>(
      "SELECT datname FROM pg_database WHERE starts_with(datname, $1) ORDER BY datname",
      [prefix],
    );
    return rows.map((row) => row.datname);
  });
}
