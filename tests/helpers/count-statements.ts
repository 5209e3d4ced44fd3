// Counts the SQL statements the app sends to the database driver — each one a round trip on
// PostgreSQL, and one pass through Prisma's per-query work on either database. Import it before
// anything that opens the Prisma client: it wraps the drivers' statement entry points
// (better-sqlite3's `prepare`, node-postgres' `Client#query`), which the client captures when it
// connects.
import Database from "better-sqlite3";
import pg from "pg";

const recorded: string[] = [];
let recording = false;

function record(sql: unknown) {
  if (recording) recorded.push(typeof sql === "string" ? sql : String((sql as { text?: string })?.text ?? sql));
}

const sqlitePrototype = Database.prototype as unknown as { prepare: (source: string) => unknown };
const originalPrepare = sqlitePrototype.prepare;
sqlitePrototype.prepare = function prepare(this: unknown, source: string) {
  record(source);
  return originalPrepare.call(this, source);
};

const pgPrototype = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
const originalQuery = pgPrototype.query;
pgPrototype.query = function query(this: unknown, ...args: unknown[]) {
  record(args[0]);
  return originalQuery.apply(this, args);
};

/** Runs `work` and returns the statements sent while it ran (no other work should run meanwhile). */
export async function statementsDuring<T>(work: () => Promise<T>): Promise<{ result: T; statements: string[] }> {
  recorded.length = 0;
  recording = true;
  try {
    const result = await work();
    return { result, statements: [...recorded] };
  } finally {
    recording = false;
  }
}
