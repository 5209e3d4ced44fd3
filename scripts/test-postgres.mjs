// npm test's PostgreSQL pass: the vitest suite and the end-to-end suite again, on PostgreSQL.
//
//   node scripts/test-postgres.mjs              both suites
//   node scripts/test-postgres.mjs integration  only the vitest suite
//   node scripts/test-postgres.mjs e2e          only the end-to-end suite
//
// The server is TEST_POSTGRES_URL (a role that may create databases). Without it this tries the
// local default postgresql://slipcase:slipcase@localhost:5432/postgres and, as root with Debian's
// postgresql package installed, starts the local cluster and creates that role. When there is
// still no server it says how to enable the pass and exits 0, so `npm test` stays green on a
// machine without PostgreSQL. An explicit TEST_POSTGRES_URL that does not work is an error.
import { spawn, spawnSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import pg from "pg";

const LOCAL_URL = "postgresql://slipcase:slipcase@localhost:5432/postgres";
const HOW_TO_ENABLE =
  "PostgreSQL suites not run: set TEST_POSTGRES_URL=postgresql://USER:PASSWORD@HOST:5432/postgres " +
  "(a role that may create databases), or install Debian's postgresql package " +
  "(apt-get install -y postgresql); run as root, npm test then starts it and creates the role itself.";

const parts = process.argv.slice(2);
const wants = (part) => parts.length === 0 || parts.includes(part);
const bin = (name) => `node_modules/.bin/${name}`;

/** Connects once; answers why not when it cannot, and whether the role may create databases. */
async function probe(url) {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  try {
    await client.connect();
    const { rows } = await client.query(
      "SELECT rolcreatedb OR rolsuper AS can FROM pg_roles WHERE rolname = current_user",
    );
    return rows[0]?.can ? { ok: true } : { ok: false, reason: "its role may not create databases" };
  } catch (error) {
    return { ok: false, reason: error instanceof Error ? error.message : String(error) };
  } finally {
    await client.end().catch(() => {});
  }
}

function commandExists(name) {
  return spawnSync("sh", ["-c", `command -v ${name}`], { stdio: "ignore" }).status === 0;
}

/** Runs SQL as the postgres superuser through psql (local socket, peer authentication). */
function psqlAsPostgres(sql) {
  return spawnSync("su", ["postgres", "-s", "/bin/sh", "-c", "psql -qtA -v ON_ERROR_STOP=1"], {
    input: sql,
    encoding: "utf8",
  });
}

/** As root with Debian's postgresql package: start every local cluster and make sure the slipcase role exists. */
async function startLocalServer() {
  if (process.getuid?.() !== 0 || !commandExists("pg_ctlcluster") || !commandExists("psql")) return false;
  const versions = fs.existsSync("/etc/postgresql") ? fs.readdirSync("/etc/postgresql") : [];
  if (versions.length === 0) return false;
  console.log(`Starting the local PostgreSQL cluster (${versions.join(", ")})…`);
  for (const version of versions) spawnSync("pg_ctlcluster", [version, "main", "start"], { stdio: "ignore" });
  for (let attempt = 0; attempt < 30 && psqlAsPostgres("SELECT 1").status !== 0; attempt++) {
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
  const role = psqlAsPostgres(`
    DO $$ BEGIN
      IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'slipcase') THEN
        CREATE ROLE slipcase LOGIN PASSWORD 'slipcase' CREATEDB;
      END IF;
    END $$;`);
  if (role.status !== 0) console.error(`Could not create the slipcase role: ${role.stderr.trim()}`);
  return role.status === 0;
}

/** The admin URL to test with, or null when PostgreSQL is not available here. */
async function findServer() {
  const explicit = process.env.TEST_POSTGRES_URL;
  if (explicit) {
    const result = await probe(explicit);
    if (result.ok) return explicit;
    console.error(`TEST_POSTGRES_URL is set but unusable: ${result.reason}`);
    process.exit(1);
  }
  if ((await probe(LOCAL_URL)).ok) return LOCAL_URL;
  if ((await startLocalServer()) && (await probe(LOCAL_URL)).ok) return LOCAL_URL;
  return null;
}

function withDatabase(adminUrl, database) {
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

async function admin(adminUrl, sql) {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/**
 * Drops a database and any connection left to it. FORCE may not end another role's backend (an
 * autovacuum worker, 42501) and a plain DROP may meet a closing connection (55006): retry briefly.
 */
async function dropDatabase(adminUrl, database) {
  let force = true;
  for (let attempt = 1; ; attempt++) {
    try {
      await admin(adminUrl, `DROP DATABASE IF EXISTS "${database}"${force ? " WITH (FORCE)" : ""}`);
      return;
    } catch (error) {
      if (!["42501", "55006"].includes(error?.code) || attempt >= 50) throw error;
      if (error.code === "42501") force = false;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}

let interrupted = false;

/** Runs a suite; Ctrl-C or a TERM stops the suite, and this script still cleans up after it. */
function run(title, command, args, env) {
  console.log(`\n> [PostgreSQL] ${title}: ${command} ${args.join(" ")}`);
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: "inherit", env: { ...process.env, ...env } });
    const forward = (signal) => {
      interrupted = true;
      child.kill(signal);
    };
    process.on("SIGINT", forward);
    process.on("SIGTERM", forward);
    child.on("exit", (code) => {
      process.off("SIGINT", forward);
      process.off("SIGTERM", forward);
      resolve(code === 0);
    });
  });
}

async function endToEnd(adminUrl) {
  if (!(await run("Chromium", process.execPath, ["scripts/ensure-chromium.mjs"], {}))) return false;
  // The web servers need an empty database: this pass creates one and drops it afterwards.
  const database = `slipcase_e2e_${crypto.randomBytes(4).toString("hex")}`;
  await admin(adminUrl, `CREATE DATABASE "${database}"`);
  try {
    // Reuse the production build of the SQLite pass when there is one (npm test makes it).
    const hasBuild = fs.existsSync(".next-e2e/BUILD_ID");
    return await run("end-to-end", bin("playwright"), ["test"], {
      E2E_DATABASE_URL: withDatabase(adminUrl, database),
      E2E_SKIP_BUILD: hasBuild ? "1" : "0",
    });
  } finally {
    await dropDatabase(adminUrl, database);
  }
}

const adminUrl = await findServer();
if (!adminUrl) {
  console.log(`\n${HOW_TO_ENABLE}`);
  process.exit(0);
}

/**
 * The failed vitest tests and the first line of each one's error, from the JSON report: printed
 * again at the very end, where a log cut to its tail (a CI summary) still shows them.
 */
function failedTests(reportPath) {
  try {
    const report = JSON.parse(fs.readFileSync(reportPath, "utf8"));
    const firstLine = (text) => String(text ?? "").split("\n")[0];
    return report.testResults.flatMap((file) => {
      const name = file.name.replace(`${process.cwd()}/`, "");
      const tests = file.assertionResults.filter((test) => test.status === "failed");
      // A file can fail outside its tests (a hook, an import): then the file's own message.
      if (tests.length === 0) return file.status === "failed" ? [`  ${name}: ${firstLine(file.message)}`] : [];
      return tests.map((test) => `  ${name} › ${test.fullName}: ${firstLine(test.failureMessages?.[0])}`);
    });
  } catch {
    return [];
  }
}

const failed = [];
const failures = [];
if (wants("integration")) {
  const reportPath = `${fs.mkdtempSync("/tmp/slipcase-vitest-")}/report.json`;
  const ok = await run(
    "unit + integration",
    bin("vitest"),
    ["run", "--reporter=default", "--reporter=json", `--outputFile.json=${reportPath}`],
    { TEST_DATABASE: "postgresql", TEST_POSTGRES_URL: adminUrl },
  );
  if (!ok) {
    failed.push("unit + integration");
    failures.push(...failedTests(reportPath));
  }
  fs.rmSync(reportPath, { force: true });
}
if (wants("e2e") && !interrupted && !(await endToEnd(adminUrl))) failed.push("end-to-end");
if (interrupted) process.exit(130);

const server = new URL(adminUrl);
console.log(
  failed.length === 0
    ? `\nPostgreSQL suites passed (${server.host}).`
    : `\nPostgreSQL suites FAILED: ${failed.join(", ")} (${server.host}).${failures.length > 0 ? `\n${failures.join("\n")}` : ""}`,
);
process.exit(failed.length === 0 ? 0 : 1);
