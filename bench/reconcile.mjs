// npm run bench:reconcile — the reconciliation import at scale (issue 8, "Scale, measured").
// Generates a POS journal and an acquirer statement of --rows lines each, and a bank file, with a
// known share of every category (bench/lib/recon-generator.mjs; GB18030, plus UTF-8 copies);
// migrates a fresh database and seeds one merchant with the files' stores and terminals and a
// finance user; then, in a child process (scripts/bench-reconcile-import.ts, so its peak RSS is the
// import's own), runs the real import path for the journal, the statement and the bank file: the
// upload spool, the ReconImport row, the import job (runImport). It reads the categories back
// (GROUP BY) and checks them against what it generated — PASS/FAIL per category — and prints wall
// time per file and phase, rows per second and peak RSS. In the same run DuckDB (a child of its
// own) reads the two UTF-8 copies and joins them on terminal + rrn: our time as a ratio to its.
//
//   npm run bench:reconcile -- --rows 1000000                 SQLite (a file in a temp folder)
//   npm run bench:reconcile -- --rows 1000000 --db postgresql  a fresh bench_ database, dropped after
//   --seed N (1)   --encoding gb18030|utf8 (the copy imported; gb18030)   --skip-duckdb
//   --floor (also time the job's writer alone inserting as many lines into a fresh database:
//   scripts/bench-reconcile-floor.ts — the least any row-per-line import can take here)
//   --keep (keep the files and the SQLite database; print where)
//   --again (then import the journal once more as exported again — another title line, so other
//   bytes: every line is an earlier line's twin; prints its time, peak RSS and lines left out,
//   and checks the categories again)
//   --withdraw (import the journal alone first and read its categories; at the end withdraw the
//   statement, as finance would a wrong file: prints the withdrawal's time and peak RSS, and checks
//   that the POS lines and their open exceptions are again as the journal alone left them, with
//   no statement line or settlement left and every bank credit unexplained)
//   --files-dir DIR (generate into DIR and keep them there; a later run with the same --rows,
//   --seed and day reuses them instead of generating again)
//
// PostgreSQL: TEST_POSTGRES_URL or BENCH_POSTGRES_URL (a role with CREATEDB), default
// postgresql://slipcase:slipcase@localhost:5432/postgres. Run it under
// `flock /tmp/slipcase-bench.lock` on a shared machine: the load average is printed beside the
// figures. Results (JSON) go to bench/results/reconcile-<time>.json. A benchmark, not a test: it
// exits non-zero only when the import fails or a category count is wrong.
import { fork, spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { createPostgresDatabase, DEFAULT_POSTGRES_URL, redact, sqliteFolder } from "./lib/databases.mjs";
import { onCleanup, runBench, runLogged, tail } from "./lib/processes.mjs";
import { generateReconFiles, shanghaiToday } from "./lib/recon-generator.mjs";

const ROOT = path.resolve(import.meta.dirname, "..");
const PRISMA_BIN = path.join(ROOT, "node_modules", ".bin", "prisma");
const TSX_BIN = path.join(ROOT, "node_modules", ".bin", "tsx");
const MERCHANT_ID = "bench-recon-merchant";
const FINANCE_USER_ID = "bench-recon-finance";
const TARGETS = { sqliteSeconds: 20, duckdbRatio: 5, peakRssMb: 600 };

function parseArguments(argv) {
  const options = { rows: 1_000_000, db: "sqlite", seed: 1, encoding: "gb18030", duckdb: true, keep: false };
  for (let i = 0; i < argv.length; i++) {
    const [name, inline] = argv[i].split(/=(.*)/s, 2);
    const value = () => inline ?? argv[++i];
    if (name === "--rows") options.rows = Number(value());
    else if (name === "--db" || name === "--database") options.db = value();
    else if (name === "--seed") options.seed = Number(value());
    else if (name === "--encoding") options.encoding = value();
    else if (name === "--skip-duckdb") options.duckdb = false;
    else if (name === "--floor") options.floor = true;
    else if (name === "--keep") options.keep = true;
    else if (name === "--again") options.again = true;
    else if (name === "--withdraw") options.withdraw = true;
    else if (name === "--files-dir") options.filesDir = path.resolve(value());
    else if (name === "--help" || name === "-h") {
      console.log(fs.readFileSync(new URL(import.meta.url), "utf8").split("\nimport ")[0]);
      process.exit(0);
    } else throw new Error(`Unknown argument ${argv[i]} (try --help).`);
  }
  if (options.db === "postgres" || options.db === "pg") options.db = "postgresql";
  if (!["sqlite", "postgresql"].includes(options.db)) throw new Error("--db is sqlite or postgresql.");
  if (!Number.isInteger(options.rows) || options.rows < 200) throw new Error("--rows must be an integer ≥ 200.");
  if (!["gb18030", "utf8"].includes(options.encoding)) throw new Error("--encoding is gb18030 or utf8.");
  return options;
}

const loadAverage = () => fs.readFileSync("/proc/loadavg", "utf8").trim().split(" ").slice(0, 3).join(" ");
const seconds = (ms) => (ms / 1000).toFixed(1);
const thousands = (n) => Math.round(n).toLocaleString("en-US");

/** The merchant, its stores and terminals (as the files name them) and a finance user, by SQL. */
async function seedMerchant(databaseUrl, generated) {
  const now = new Date();
  const stores = generated.stores.map((store) => ({ id: `bench-store-${store.code}`, ...store }));
  const rows = {
    Merchant: [["id", "name", "mid", "createdAt", "updatedAt"], [[MERCHANT_ID, "对账基准商户", null, now, now]]],
    Store: [
      ["id", "merchantId", "name", "createdAt", "updatedAt"],
      stores.map((store) => [store.id, MERCHANT_ID, store.name, now, now]),
    ],
    Terminal: [
      ["id", "merchantId", "storeId", "tid", "active", "createdAt", "updatedAt"],
      stores.flatMap((store) =>
        store.tids.map((tid) => [`bench-terminal-${tid}`, MERCHANT_ID, store.id, tid, true, now, now]),
      ),
    ],
    user: [
      ["id", "name", "email", "emailVerified", "createdAt", "updatedAt"],
      [[FINANCE_USER_ID, "Bench Finance", "finance@bench-recon.test", true, now, now]],
    ],
    Membership: [
      ["id", "userId", "merchantId", "role", "active", "createdAt", "updatedAt"],
      [[`bench-membership-finance`, FINANCE_USER_ID, MERCHANT_ID, "FINANCE", true, now, now]],
    ],
  };
  const insertSql = (table, columns, count, placeholder) =>
    `INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(", ")}) VALUES ${Array.from(
      { length: count },
      (_, r) => `(${columns.map((_, c) => placeholder(r * columns.length + c + 1)).join(", ")})`,
    ).join(", ")}`;
  if (databaseUrl.startsWith("file:")) {
    const db = new Database(databaseUrl.slice("file:".length));
    const value = (v) => (v instanceof Date ? v.toISOString().replace("Z", "+00:00") : v === true ? 1 : v);
    db.transaction(() => {
      for (const [table, [columns, values]] of Object.entries(rows)) {
        db.prepare(insertSql(table, columns, values.length, () => "?")).run(values.flat().map(value));
      }
    })();
    db.close();
  } else {
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      await client.query("BEGIN");
      for (const [table, [columns, values]] of Object.entries(rows)) {
        await client.query(
          insertSql(table, columns, values.length, (n) => `$${n}`),
          values.flat(),
        );
      }
      await client.query("COMMIT");
    } finally {
      await client.end();
    }
  }
}

/** Generates the files, or reuses those of an earlier run in --files-dir made the same way. */
async function filesFor(options, scratch) {
  const wanted = { rows: options.rows, seed: options.seed, today: shanghaiToday() };
  if (!options.filesDir) return generateReconFiles({ dir: path.join(scratch, "files"), ...wanted });
  const manifest = path.join(options.filesDir, "manifest.json");
  if (fs.existsSync(manifest)) {
    const earlier = JSON.parse(fs.readFileSync(manifest, "utf8"));
    const same = Object.entries(wanted).every(([key, value]) => earlier.options?.[key] === value);
    if (same && Object.values(earlier.generated.files).every((pair) => Object.values(pair).every(fs.existsSync))) {
      console.log(`Reusing the files in ${options.filesDir}`);
      return { ...earlier.generated, reused: true };
    }
  }
  const generated = await generateReconFiles({ dir: options.filesDir, ...wanted });
  fs.writeFileSync(manifest, JSON.stringify({ options: wanted, generated }));
  return generated;
}

/** Runs the write-floor child on a fresh database; resolves with its FLOOR_RESULT. */
function runFloorChild({ databaseUrl, lines, logFile }) {
  runLogged({
    command: PRISMA_BIN,
    args: ["migrate", "deploy"],
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: databaseUrl },
    logFile,
  });
  const log = fs.openSync(logFile, "a");
  try {
    const result = spawnSync(
      TSX_BIN,
      ["--conditions=react-server", "scripts/bench-reconcile-floor.ts", JSON.stringify({ lines })],
      {
        cwd: ROOT,
        env: { ...process.env, DATABASE_URL: databaseUrl, NODE_ENV: "production" },
        stdio: ["ignore", "pipe", log],
      },
    );
    const line = String(result.stdout)
      .split("\n")
      .find((text) => text.startsWith("FLOOR_RESULT "));
    if (result.status !== 0 || !line)
      throw new Error(`the floor child exited (${result.status}):\n${tail(logFile, 40)}`);
    return JSON.parse(line.slice("FLOOR_RESULT ".length));
  } finally {
    fs.closeSync(log);
  }
}

/** Runs the import child; resolves with its BENCH_RESULT. */
function runImportChild({ databaseUrl, uploadDir, files, logFile, withdraw }) {
  return new Promise((resolve, reject) => {
    const payload = JSON.stringify({ merchantId: MERCHANT_ID, userId: FINANCE_USER_ID, files, withdraw });
    const log = fs.openSync(logFile, "a");
    // BENCH_CPU_PROF_DIR=DIR writes V8 CPU profiles of the spooling child and of each import job's
    // process there (open them in Chrome's DevTools).
    const profile = process.env.BENCH_CPU_PROF_DIR
      ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_CPU_PROF_DIR}`]
      : [];
    const child = spawn(
      TSX_BIN,
      [...profile, "--conditions=react-server", "scripts/bench-reconcile-import.ts", payload],
      {
        cwd: ROOT,
        env: { ...process.env, DATABASE_URL: databaseUrl, UPLOAD_DIR: uploadDir, NODE_ENV: "production" },
        stdio: ["ignore", "pipe", log],
        detached: true,
      },
    );
    fs.closeSync(log);
    const unregister = onCleanup(async () => {
      try {
        process.kill(-child.pid, "SIGKILL");
      } catch {
        // gone
      }
    });
    let output = "";
    child.stdout.on("data", (chunk) => {
      output += chunk;
      fs.appendFileSync(logFile, chunk);
    });
    child.once("exit", (code, signal) => {
      unregister();
      const line = output.split("\n").find((text) => text.startsWith("BENCH_RESULT "));
      if (code === 0 && line) resolve(JSON.parse(line.slice("BENCH_RESULT ".length)));
      else reject(new Error(`the import child exited (${code ?? signal}):\n${tail(logFile, 40)}`));
    });
  });
}

function runDuckDb(files) {
  return new Promise((resolve, reject) => {
    const child = fork(path.join(import.meta.dirname, "lib", "duckdb-join.mjs"), [], { cwd: ROOT });
    const unregister = onCleanup(async () => child.kill("SIGKILL"));
    let answered = false;
    child.once("message", (message) => {
      answered = true;
      if (message.ok) resolve(message.result);
      else reject(new Error(`DuckDB failed: ${message.error}`));
    });
    child.once("exit", (code) => {
      unregister();
      if (!answered) reject(new Error(`DuckDB child exited (${code}) without a result`));
    });
    child.send(files);
  });
}

/** Category counts as stored, by SQL. */
async function readBack(databaseUrl) {
  const queries = {
    lines: `SELECT "source" AS "a", "category" AS "b", COUNT(*) AS "n" FROM "ReconLine" WHERE "merchantId" = '${MERCHANT_ID}' GROUP BY "source", "category"`,
    rules: `SELECT 'pos' AS "a", "matchRule" AS "b", COUNT(*) AS "n" FROM "ReconLine" WHERE "merchantId" = '${MERCHANT_ID}' AND "source" = 'pos' AND "matchedLineId" IS NOT NULL GROUP BY "matchRule"`,
    settlements: `SELECT 'settlement' AS "a", "category" AS "b", COUNT(*) AS "n" FROM "ReconSettlement" WHERE "merchantId" = '${MERCHANT_ID}' GROUP BY "category"`,
    exceptions: `SELECT "status" AS "a", "category" AS "b", COUNT(*) AS "n" FROM "ReconException" WHERE "merchantId" = '${MERCHANT_ID}' GROUP BY "status", "category"`,
  };
  const out = {};
  if (databaseUrl.startsWith("file:")) {
    const db = new Database(databaseUrl.slice("file:".length), { readonly: true });
    for (const [key, sql] of Object.entries(queries)) out[key] = db.prepare(sql).all();
    db.close();
  } else {
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    for (const [key, sql] of Object.entries(queries)) out[key] = (await client.query(sql)).rows;
    await client.end();
  }
  const nested = (rows) => {
    const map = {};
    for (const row of rows) {
      map[row.a] ??= {};
      map[row.a][row.b ?? "null"] = Number(row.n);
    }
    return map;
  };
  return {
    lines: nested(out.lines),
    rules: nested(out.rules).pos ?? {},
    settlements: nested(out.settlements).settlement ?? {},
    exceptions: nested(out.exceptions),
  };
}

/** An object's entries in key order (for comparing counts by category). */
function sorted(byKey = {}) {
  return Object.fromEntries(Object.entries(byKey).sort(([a], [b]) => a.localeCompare(b)));
}

/** PASS/FAIL rows: every expected category, and any stored category that was not expected. */
function compare(expected, stored) {
  const rows = [];
  const check = (group, want, got) => {
    for (const key of new Set([...Object.keys(want), ...Object.keys(got ?? {})])) {
      const w = want[key] ?? 0;
      const g = got?.[key] ?? 0;
      if (w === 0 && g === 0) continue;
      rows.push({ group, category: key, expected: w, stored: g, pass: w === g });
    }
  };
  check("pos", expected.pos, stored.lines.pos);
  check("statement", expected.statement, stored.lines.statement);
  check("pos rule", expected.posRules, stored.rules);
  check("bank", expected.bank, stored.lines.bank);
  check("settlement", expected.settlements, stored.settlements);
  // Open ones: those an earlier file raised and a later one explained are resolved, not gone.
  const posOnlyGroups = stored.exceptions.open?.pos_only ?? 0;
  rows.push({
    group: "exceptions",
    category: "pos_only open",
    expected: expected.posOnlyGroups,
    stored: posOnlyGroups,
    pass: posOnlyGroups === expected.posOnlyGroups,
  });
  return rows;
}

/** The job's own phases from its report ("parse 66.5 s (CPU 22.7 s), match …"), if it gives them. */
function phaseText(report) {
  const phases = report?.phases;
  if (!phases || typeof phases !== "object") return "";
  return Object.entries(phases)
    .filter(([phase]) => !phase.endsWith("CpuMs"))
    .map(([phase, ms]) => {
      const name = phase.replace(/Ms$/, "");
      const cpu = phases[`${name}CpuMs`];
      return `${name} ${seconds(Number(ms))} s${cpu === undefined ? "" : ` (CPU ${seconds(Number(cpu))} s)`}`;
    })
    .join(", ");
}

async function main() {
  const options = parseArguments(process.argv.slice(2));
  const startedAt = new Date();
  const loadBefore = loadAverage();
  console.log(
    `bench:reconcile — ${thousands(options.rows)} rows, ${options.db}, ${os.cpus().length} CPUs, load average ${loadBefore}`,
  );
  const scratch = options.keep ? fs.mkdtempSync(path.join(os.tmpdir(), "slipcase-recon-")) : sqliteFolder();
  const logFile = path.join(scratch, "bench.log");

  // 1. The files.
  let mark = performance.now();
  const generated = await filesFor(options, scratch);
  const sizeMb = (file) => (fs.statSync(file).size / 1e6).toFixed(0);
  const imported = (pair) => pair[options.encoding];
  console.log(
    `${generated.reused ? "Files" : `Generated in ${seconds(performance.now() - mark)} s`}: POS journal ${thousands(generated.lines.pos)} lines ` +
      `(${sizeMb(imported(generated.files.pos))} MB ${options.encoding}), statement ${thousands(generated.lines.statement)} ` +
      `(${sizeMb(imported(generated.files.statement))} MB), bank ${generated.lines.bankRows} rows; ` +
      `${generated.stores.reduce((n, s) => n + s.tids.length, 0)} terminals in ${generated.stores.length} stores, ` +
      `${generated.days.first} – ${generated.days.last}, today ${generated.today}`,
  );

  // 2. A fresh database, migrated, with the merchant.
  mark = performance.now();
  const databaseUrl =
    options.db === "postgresql"
      ? await createPostgresDatabase(
          process.env.BENCH_POSTGRES_URL || process.env.TEST_POSTGRES_URL || DEFAULT_POSTGRES_URL,
          `bench_recon_${Date.now().toString(36)}`,
        )
      : `file:${path.join(scratch, "recon.db")}`;
  runLogged({
    command: PRISMA_BIN,
    args: ["migrate", "deploy"],
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: databaseUrl },
    logFile,
  });
  await seedMerchant(databaseUrl, generated);
  console.log(`Database ${redact(databaseUrl)} migrated and seeded in ${seconds(performance.now() - mark)} s`);

  // 3. DuckDB on the UTF-8 copies (first: it needs no pipeline, and its figure shows even if the import fails).
  let duckdb = null;
  if (options.duckdb) {
    duckdb = await runDuckDb({ pos: generated.files.pos.utf8, statement: generated.files.statement.utf8 });
    console.log(
      `DuckDB: read POS ${seconds(duckdb.posReadMs)} s + statement ${seconds(duckdb.statementReadMs)} s + join ${seconds(
        duckdb.joinMs,
      )} s = ${seconds(duckdb.totalMs)} s (${thousands(duckdb.pairs)} pairs on terminal + rrn; CPU ${seconds(duckdb.cpuMs)} s, peak RSS ${duckdb.peakRssMb} MB)`,
    );
  }
  // 4. The import, in its own process.
  console.log(`Importing (load average ${loadAverage()}) …`);
  const files = [
    { type: "pos_journal", path: imported(generated.files.pos), name: "POS交易流水.csv" },
    { type: "statement", path: imported(generated.files.statement), name: "收单机构对账单.csv" },
    { type: "bank_credit", path: imported(generated.files.bank), name: "账户明细.csv" },
  ];
  const importChild = (some) =>
    runImportChild({ databaseUrl, uploadDir: path.join(scratch, "uploads"), files: some, logFile });
  // --withdraw: the journal alone first, its categories read (what a withdrawn statement must leave).
  let journalOnly = null;
  let importResult;
  if (options.withdraw) {
    const first = await importChild(files.slice(0, 1));
    journalOnly = await readBack(databaseUrl);
    const rest = await importChild(files.slice(1));
    importResult = {
      files: [...first.files, ...rest.files],
      peakRssMb: Math.max(first.peakRssMb, rest.peakRssMb),
      spoolPeakRssMb: Math.max(first.spoolPeakRssMb, rest.spoolPeakRssMb),
    };
  } else {
    importResult = await importChild(files);
  }
  const loadAfterImport = loadAverage();
  const notRun = { status: "not run", spoolMs: 0, jobMs: 0, cpuMs: 0 };
  const byType = {
    pos_journal: notRun,
    statement: notRun,
    bank_credit: notRun,
    ...Object.fromEntries(importResult.files.map((file) => [file.type, file])),
  };
  for (const file of importResult.files) {
    const total = file.spoolMs + file.jobMs;
    const phases = phaseText(file.report);
    console.log(
      `  ${file.type.padEnd(12)} ${file.status.padEnd(7)} ${thousands(file.rowsRead).padStart(9)} rows  ` +
        `spool ${seconds(file.spoolMs)} s + job ${seconds(file.jobMs)} s = ${seconds(total)} s, CPU ${seconds(file.cpuMs)} s` +
        (file.rowsRead > 0 ? `  (${thousands((file.rowsRead / total) * 1000)} rows/s)` : "") +
        (phases ? `\n${" ".repeat(16)}phases: ${phases}` : ""),
    );
    if (file.thrown) console.log(`    the job threw: ${file.thrown.slice(0, 800)}`);
    else if (file.status !== "done") console.log(`    errors: ${JSON.stringify(file.errors)?.slice(0, 800)}`);
  }
  const mainMs = ["pos_journal", "statement"].reduce((sum, type) => sum + byType[type].spoolMs + byType[type].jobMs, 0);
  const bankMs = byType.bank_credit.spoolMs + byType.bank_credit.jobMs;
  const mainCpuMs = byType.pos_journal.cpuMs + byType.statement.cpuMs;
  const mainRows = generated.lines.pos + generated.lines.statement;

  const loadAfter = loadAverage();

  // 5. The categories.
  const stored = await readBack(databaseUrl);
  const checks = compare(generated.expected, stored);
  console.log("\nCategory counts (expected = generated, stored = read back by GROUP BY):");
  console.log(`  ${"".padEnd(11)} ${"category".padEnd(20)} ${"expected".padStart(9)} ${"stored".padStart(9)}`);
  for (const row of checks) {
    console.log(
      `  ${row.group.padEnd(11)} ${row.category.padEnd(20)} ${thousands(row.expected).padStart(9)} ${thousands(
        row.stored,
      ).padStart(9)}  ${row.pass ? "PASS" : "FAIL"}`,
    );
  }
  const failed = checks.filter((row) => !row.pass);
  for (const [status, byCategory] of Object.entries(stored.exceptions)) {
    const list = Object.entries(byCategory).map(([category, n]) => `${category} ${thousands(n)}`);
    console.log(`  exceptions ${status}: ${list.join(", ")}`);
  }

  // 5b. The journal exported again: other bytes (its title line), the same lines.
  let again = null;
  if (options.again) {
    const original = fs.readFileSync(imported(generated.files.pos));
    const firstBreak = original.indexOf(10);
    const copy = path.join(scratch, "files", "pos-again.csv");
    fs.writeFileSync(
      copy,
      Buffer.concat([Buffer.from("POS journal, exported again\r"), original.subarray(firstBreak)]),
    );
    const result = await runImportChild({
      databaseUrl,
      uploadDir: path.join(scratch, "uploads"),
      files: [{ type: "pos_journal", path: copy, name: "POS交易流水(2).csv" }],
      logFile,
    });
    const file = result.files[0];
    const afterAgain = compare(generated.expected, await readBack(databaseUrl));
    const againFailed = afterAgain.filter((row) => !row.pass).length;
    again = { file, peakRssMb: result.peakRssMb, checksFailed: againFailed };
    console.log(
      `\nThe journal exported again: ${file.status}, ${thousands(file.rowsRead)} rows, ` +
        `${thousands(file.report?.alreadyImported ?? 0)} left out as already imported; ` +
        `spool ${seconds(file.spoolMs)} s + job ${seconds(file.jobMs)} s, peak RSS ${result.peakRssMb} MB ` +
        `(phases: ${phaseText(file.report)}); category counts after it: ${againFailed === 0 ? "all PASS" : `${againFailed} FAIL`}`,
    );
  }

  // 5c. The statement withdrawn, as a wrong file would be.
  let withdrawal = null;
  if (options.withdraw) {
    const statementId = byType.statement.importId;
    const result = await runImportChild({
      databaseUrl,
      uploadDir: path.join(scratch, "uploads"),
      files: [],
      logFile,
      withdraw: statementId,
    });
    const file = result.files[0];
    const after = await readBack(databaseUrl);
    const withoutCredits = (byCategory = {}) =>
      Object.fromEntries(Object.entries(byCategory).filter(([category]) => !category.startsWith("credit_")));
    const bankLines = Object.values(stored.lines.bank ?? {}).reduce((sum, n) => sum + n, 0);
    const withdrawChecks = [
      ["POS lines as after the journal alone", journalOnly.lines.pos, after.lines.pos],
      ["no statement line", {}, after.lines.statement ?? {}],
      ["no settlement", {}, after.settlements],
      ["every bank credit unexplained", { credit_unexplained: bankLines }, after.lines.bank],
      [
        "open exceptions as after the journal alone",
        withoutCredits(journalOnly.exceptions.open),
        withoutCredits(after.exceptions.open),
      ],
    ].map(([name, want, got]) => ({
      name,
      want,
      got,
      pass: JSON.stringify(sorted(want)) === JSON.stringify(sorted(got)),
    }));
    withdrawal = { file, peakRssMb: result.peakRssMb, checks: withdrawChecks };
    console.log(
      `\nThe statement withdrawn: ${file.status}, ${thousands(file.report?.withdrawal?.linesRemoved ?? 0)} lines removed; ` +
        `job ${seconds(file.jobMs)} s, CPU ${seconds(file.cpuMs)} s, peak RSS ${result.peakRssMb} MB`,
    );
    for (const check of withdrawChecks) {
      console.log(
        `  ${check.name}: ${check.pass ? "PASS" : `FAIL (want ${JSON.stringify(check.want)}, got ${JSON.stringify(check.got)})`}`,
      );
    }
  }

  // 6. The figures against the targets.
  const ratio = duckdb ? mainMs / duckdb.totalMs : null;
  const verdict = (ok) => (ok ? "met" : "MISSED");
  console.log(
    `\nFigures (${options.db}, load average before ${loadBefore}, after import ${loadAfterImport}, end ${loadAfter}):`,
  );
  console.log(
    `  POS journal + statement, ${thousands(mainRows)} lines imported and matched: ${seconds(mainMs)} s, ` +
      `${thousands((mainRows / mainMs) * 1000)} rows/s` +
      (options.db === "sqlite" && options.rows === 1_000_000
        ? `  [target < ${TARGETS.sqliteSeconds} s: ${verdict(mainMs < TARGETS.sqliteSeconds * 1000)}]`
        : options.db === "sqlite"
          ? `  [target at 1M: < ${TARGETS.sqliteSeconds} s]`
          : ""),
  );
  console.log(
    `  CPU time of those imports: ${seconds(mainCpuMs)} s` +
      (duckdb
        ? ` (DuckDB ${seconds(duckdb.cpuMs)} s on all its threads: ${(mainCpuMs / duckdb.cpuMs).toFixed(1)}×)`
        : "") +
      " — on a busy machine closer to the work done than wall time",
  );
  console.log(`  bank file: ${seconds(bankMs)} s`);
  if (ratio !== null) {
    console.log(
      `  ÷ DuckDB (${seconds(duckdb.totalMs)} s): ${ratio.toFixed(1)}×  [target ≤ ${TARGETS.duckdbRatio}×: ${verdict(
        ratio <= TARGETS.duckdbRatio,
      )}]`,
    );
  }
  const heapLimits = [...new Set(importResult.files.map((file) => file.job?.heapLimitMb).filter(Boolean))];
  console.log(
    `  peak RSS of the import job's process (V8 heap limit ${heapLimits.join(", ")} MB): ${importResult.peakRssMb} MB  ` +
      `[target < ${TARGETS.peakRssMb} MB: ${verdict(importResult.peakRssMb < TARGETS.peakRssMb)}]; ` +
      `the spooling process: ${importResult.spoolPeakRssMb} MB`,
  );
  console.log(`  category counts: ${failed.length === 0 ? "all PASS" : `${failed.length} FAIL`}`);

  // 7. The write floor: the job's writer alone, the same number of lines, a fresh database.
  let floor = null;
  if (options.floor) {
    const floorUrl =
      options.db === "postgresql"
        ? await createPostgresDatabase(
            process.env.BENCH_POSTGRES_URL || process.env.TEST_POSTGRES_URL || DEFAULT_POSTGRES_URL,
            `bench_floor_${Date.now().toString(36)}`,
          )
        : `file:${path.join(scratch, "floor.db")}`;
    floor = runFloorChild({ databaseUrl: floorUrl, lines: mainRows, logFile });
    console.log(
      `  write floor: the job's writer alone inserting ${thousands(floor.lines)} lines (no parsing, no matching, ` +
        `each line once): ${seconds(floor.ms)} s, CPU ${seconds(floor.cpuMs)} s (load average ${loadAverage()})`,
    );
  }

  const result = {
    startedAt: startedAt.toISOString(),
    rows: options.rows,
    seed: options.seed,
    database: options.db,
    encoding: options.encoding,
    machine: { cpus: os.cpus().length, node: process.version },
    loadAverage: { before: loadBefore, afterImport: loadAfterImport, end: loadAfter },
    lines: generated.lines,
    import: importResult,
    mainMs,
    mainCpuMs,
    bankMs,
    rowsPerSecond: Math.round((mainRows / mainMs) * 1000),
    duckdb,
    ratioToDuckdb: ratio,
    floor,
    again,
    withdrawal,
    checks,
    targets: TARGETS,
  };
  const folder = path.join(ROOT, "bench", "results");
  fs.mkdirSync(folder, { recursive: true });
  const file = path.join(folder, `reconcile-${startedAt.toISOString().replace(/[:.]/g, "-")}.json`);
  fs.writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
  console.log(`Results: ${path.relative(ROOT, file)}${options.keep ? `; files and log kept in ${scratch}` : ""}`);
  const importFailed = Object.values(byType).some((entry) => entry.status !== "done");
  const againFailed = again !== null && (again.file.status !== "done" || again.checksFailed > 0);
  const withdrawalFailed =
    withdrawal !== null && (withdrawal.file.status !== "withdrawn" || withdrawal.checks.some((check) => !check.pass));
  if (failed.length > 0 || importFailed || againFailed || withdrawalFailed) process.exitCode = 1;
}

await runBench("bench:reconcile", main);
