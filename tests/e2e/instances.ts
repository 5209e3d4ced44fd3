// Where the end-to-end suite runs: two app instances (A and B) over one database, as behind a
// load balancer. Read by playwright.config.ts (to start them) and by the specs (to reach them).
import path from "node:path";

/** Away from `npm start` (3000) and the dev server (3100); B listens on the next port. */
const PORT_A = Number(process.env.E2E_PORT ?? 3200);

export const INSTANCE_A = { port: PORT_A, url: `http://localhost:${PORT_A}` } as const;
export const INSTANCE_B = { port: PORT_A + 1, url: `http://localhost:${PORT_A + 1}` } as const;

/**
 * The database both instances share: E2E_DATABASE_URL (an empty PostgreSQL database that the
 * caller creates and drops) or, by default, a SQLite file recreated on every run.
 */
export const E2E_DATABASE_URL = process.env.E2E_DATABASE_URL || "file:./data/e2e.db";

/** The repository root, where `npm run …` and the relative SQLite path above resolve. */
export const REPOSITORY_ROOT = path.resolve(__dirname, "..", "..");

/** Failed sign-ins in a row before an account locks; the servers get the same value. */
export const SIGN_IN_MAX_FAILURES = 5;
