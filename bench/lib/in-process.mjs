// What the in-process benchmarks share (bench:dashboard, bench:alerts): their arguments, the load
// average, a child (scripts/bench-*.ts under tsx) that prints one JSON line per timed part, and the
// results file. The child prints anything else as text, passed through.
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { onCleanup } from "./processes.mjs";

const ROOT = path.resolve(import.meta.dirname, "..", "..");
const TSX_BIN = path.join(ROOT, "node_modules", ".bin", "tsx");

/**
 * --postgres, --database-url URL, --runs N, --warmup N, --only TEXT and the bench's own boolean
 * `flags` ({ "--write": "write" }); --help prints the header comment of `helpOf` (a module URL).
 */
export function parseInProcessArguments(argv, { runs, defaultUrls, flags = {}, helpOf }) {
  const options = { postgres: false, databaseUrl: null, runs, warmup: 3, only: null };
  for (const option of Object.values(flags)) options[option] = false;
  for (let i = 0; i < argv.length; i++) {
    const [name, inline] = argv[i].split(/=(.*)/s, 2);
    const value = () => inline ?? argv[++i];
    if (name === "--postgres") options.postgres = true;
    else if (name === "--database-url") options.databaseUrl = value();
    else if (name === "--runs") options.runs = Number(value());
    else if (name === "--warmup") options.warmup = Number(value());
    else if (name === "--only") options.only = value();
    else if (name in flags) options[flags[name]] = true;
    else if (name === "--help" || name === "-h") {
      console.log(fs.readFileSync(new URL(helpOf), "utf8").split("\nimport ")[0]);
      process.exit(0);
    } else throw new Error(`Unknown argument ${argv[i]} (try --help).`);
  }
  options.databaseUrl ??= options.postgres ? defaultUrls.postgres : defaultUrls.sqlite;
  if (options.postgres !== /^postgres(ql)?:\/\//.test(options.databaseUrl)) {
    throw new Error("--postgres goes with a postgresql:// --database-url, SQLite with a file: one.");
  }
  return options;
}

export const loadAverage = () =>
  os
    .loadavg()
    .map((value) => value.toFixed(2))
    .join(" ");

/** Runs `scripts/<script>` on the database; each JSON line it prints goes to `onResult`. */
export async function runChild(script, options, extraArgs, onResult) {
  const args = ["--conditions=react-server", path.join(ROOT, "scripts", script)];
  args.push("--runs", String(options.runs), "--warmup", String(options.warmup), ...extraArgs);
  if (options.only) args.push("--only", options.only);
  const child = spawn(TSX_BIN, args, {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: options.databaseUrl, LOG_LEVEL: process.env.LOG_LEVEL ?? "warn" },
    stdio: ["ignore", "pipe", "inherit"],
  });
  onCleanup(async () => {
    if (child.exitCode === null) child.kill("SIGTERM");
  });
  const results = [];
  let buffered = "";
  child.stdout.on("data", (chunk) => {
    buffered += chunk;
    const lines = buffered.split("\n");
    buffered = lines.pop() ?? "";
    for (const line of lines) {
      if (!line.startsWith("{")) {
        if (line.trim()) console.log(line);
        continue;
      }
      const result = JSON.parse(line);
      results.push(result);
      onResult(result);
    }
  });
  const code = await new Promise((resolve) => child.on("exit", resolve));
  if (code !== 0) throw new Error(`scripts/${script} exited with ${code}`);
  return results;
}

/** Writes bench/results/<name>-<time>.json and says where. */
export function writeResults(name, payload) {
  const folder = path.join(ROOT, "bench", "results");
  fs.mkdirSync(folder, { recursive: true });
  const file = path.join(folder, `${name}-${new Date().toISOString().replaceAll(":", "-")}.json`);
  fs.writeFileSync(file, JSON.stringify(payload, null, 2));
  console.log(`Results: ${path.relative(ROOT, file)}`);
}
