// npm run bench:pages — the weight and Lighthouse mobile performance of the pages a cashier opens
// most: /login, /incidents/new and /incidents, on the production build over a freshly migrated
// and seeded demo database, signed in as the demo cashier (the session cookie is sent with
// Lighthouse's extraHeaders, since Lighthouse resets the browser's storage before each run).
//
// For each page it prints:
//   - the JavaScript the page loads: every <script src> of the server-rendered HTML, fetched and
//     gzipped here (zlib's default level, as `next start` compresses) — independent of timing;
//   - Lighthouse 12 (mobile preset: simulated slow 4G and a 4× slower CPU) against Debian's
//     Chromium, RUNS runs, each in a fresh browser: the median performance score, LCP, TBT, CLS
//     and the JavaScript transferred, and Lighthouse's own CPU benchmark index.
// Then a Markdown table, and bench/results/pages-<timestamp>.json with every run.
//
//   npm run bench:pages                      build into .next-bench, 3 Lighthouse runs per page
//   npm run bench:pages -- --runs 5          more runs
//   npm run bench:pages -- --skip-build      reuse the last .next-bench build (shared with
//                                            bench:api and bench:lists; rebuild after a change)
//   npm run bench:pages -- --sizes-only      only the gzipped JavaScript, no Lighthouse
//   --page /incidents/new                    only that page (repeatable)
//   --verbose                                each run's five scripts with the most main-thread time
//   --port N (3320); CHROMIUM_PATH (default /usr/bin/chromium).
//
// A benchmark, not a test. Timings (TBT above all) depend on how busy the machine is: run it
// under `flock /tmp/slipcase-bench.lock` on a shared machine; the load average and Lighthouse's
// benchmark index are printed beside the figures.
import { spawnSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";
import { buildApp } from "./lib/build.mjs";
import { sqliteFolder } from "./lib/databases.mjs";
import { assertPortFree, onCleanup, runBench, runLogged, startServer, waitForHttp } from "./lib/processes.mjs";

const ROOT = path.resolve(import.meta.dirname, "..");
const DIST_DIR = ".next-bench";
const NEXT_BIN = path.join(ROOT, "node_modules", "next", "dist", "bin", "next");
const PRISMA_BIN = path.join(ROOT, "node_modules", ".bin", "prisma");
const TSX_BIN = path.join(ROOT, "node_modules", ".bin", "tsx");
const CHROMIUM = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
const PASSWORD = process.env.DEMO_PASSWORD || "slipcase-demo-2026";
const USER = "cashier@demo.test";

/** The pages measured; `signedIn` ones get the cashier's session cookie. */
const PAGES = [
  { path: "/login", signedIn: false },
  { path: "/incidents/new", signedIn: true },
  { path: "/incidents", signedIn: true },
];

/** Same as the e2e suite's: without the background-networking flags Chromium floods the closed network. */
const CHROMIUM_FLAGS = [
  "--headless=new",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

function parseArguments(argv) {
  const options = {
    runs: 3,
    port: 3320,
    skipBuild: process.env.BENCH_SKIP_BUILD === "1",
    sizesOnly: false,
    verbose: false,
    pages: [],
  };
  for (let i = 0; i < argv.length; i++) {
    const [name, inline] = argv[i].split(/=(.*)/s, 2);
    const value = () => inline ?? argv[++i];
    if (name === "--runs") options.runs = Number(value());
    else if (name === "--port") options.port = Number(value());
    else if (name === "--skip-build") options.skipBuild = true;
    else if (name === "--sizes-only") options.sizesOnly = true;
    else if (name === "--verbose") options.verbose = true;
    else if (name === "--page") options.pages.push(value());
    else if (name === "--help" || name === "-h") {
      console.log(fs.readFileSync(new URL(import.meta.url), "utf8").split("\nimport ")[0]);
      process.exit(0);
    } else throw new Error(`Unknown argument ${argv[i]} (try --help).`);
  }
  if (!Number.isInteger(options.runs) || options.runs < 1) throw new Error("--runs is a whole number ≥ 1.");
  const unknown = options.pages.filter((page) => !PAGES.some((known) => known.path === page));
  if (unknown.length) throw new Error(`--page is one of ${PAGES.map((page) => page.path).join(", ")}.`);
  return options;
}

const loadAverage = () => os.loadavg().map((n) => Math.round(n * 100) / 100);
const kb = (bytes) => (bytes / 1024).toFixed(1);

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

async function signIn(baseUrl) {
  const response = await fetch(`${baseUrl}/api/auth/sign-in`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: baseUrl },
    body: JSON.stringify({ email: USER, password: PASSWORD }),
  });
  if (response.status !== 200)
    throw new Error(`Sign-in as ${USER} answered ${response.status}: ${await response.text()}`);
  return response.headers
    .getSetCookie()
    .map((line) => line.split(";")[0])
    .join("; ");
}

/** The page's HTML, failing on anything but a 200 (a redirect to /login means the cookie did not work). */
async function fetchPage(baseUrl, pagePath, cookie) {
  const response = await fetch(`${baseUrl}${pagePath}`, { headers: cookie ? { cookie } : {}, redirect: "manual" });
  const body = await response.text();
  if (response.status !== 200)
    throw new Error(`${pagePath} answered ${response.status} ${response.headers.get("location") ?? ""}`);
  return body;
}

/** Every script the server-rendered page names, fetched uncompressed and gzipped here. */
async function scriptWeight(baseUrl, pagePath, cookie) {
  const html = await fetchPage(baseUrl, pagePath, cookie);
  // A noModule script (Next's legacy polyfills) is never fetched by a browser that runs modules.
  const sources = [
    ...new Set(
      [...html.matchAll(/<script\b([^>]*)>/g)]
        .filter(([, attributes]) => !/\bnomodule\b/i.test(attributes))
        .map(([, attributes]) => /\bsrc="([^"]+)"/.exec(attributes)?.[1])
        .filter(Boolean),
    ),
  ];
  const inlineBytes = [...html.matchAll(/<script\b(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].reduce(
    (sum, match) => sum + Buffer.byteLength(match[1]),
    0,
  );
  const scripts = [];
  for (const source of sources) {
    const url = new URL(source.replaceAll("&amp;", "&"), baseUrl);
    const response = await fetch(url, { headers: { "accept-encoding": "identity" } });
    if (response.status !== 200) throw new Error(`${url.pathname} answered ${response.status}`);
    const body = Buffer.from(await response.arrayBuffer());
    scripts.push({ path: url.pathname, bytes: body.length, gzipBytes: zlib.gzipSync(body).length });
  }
  scripts.sort((a, b) => b.gzipBytes - a.gzipBytes);
  return {
    scripts,
    bytes: scripts.reduce((sum, script) => sum + script.bytes, 0),
    gzipBytes: scripts.reduce((sum, script) => sum + script.gzipBytes, 0),
    inlineBytes,
  };
}

/** One Lighthouse run (mobile, performance only) in a fresh Chromium. */
async function lighthouseRun(url, cookie) {
  const chrome = await chromeLauncher.launch({ chromePath: CHROMIUM, chromeFlags: CHROMIUM_FLAGS, logLevel: "silent" });
  const unregister = onCleanup(() => chrome.kill());
  try {
    const result = await lighthouse(url, {
      port: chrome.port,
      output: "json",
      logLevel: "error",
      onlyCategories: ["performance"],
      // Lighthouse clears the origin's storage (cookies too) before loading: the header survives.
      extraHeaders: cookie ? { Cookie: cookie } : undefined,
    });
    const { lhr } = result;
    if (lhr.runtimeError) throw new Error(`Lighthouse: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
    if (new URL(lhr.finalDisplayedUrl).pathname !== new URL(url).pathname) {
      throw new Error(`Lighthouse ended on ${lhr.finalDisplayedUrl}, not ${url}`);
    }
    const requests = lhr.audits["network-requests"].details.items;
    const scripts = requests.filter((request) => request.resourceType === "Script");
    return {
      score: Math.round(lhr.categories.performance.score * 100),
      fcpMs: lhr.audits["first-contentful-paint"].numericValue,
      lcpMs: lhr.audits["largest-contentful-paint"].numericValue,
      tbtMs: lhr.audits["total-blocking-time"].numericValue,
      cls: lhr.audits["cumulative-layout-shift"].numericValue,
      speedIndexMs: lhr.audits["speed-index"].numericValue,
      scriptTransferBytes: scripts.reduce((sum, request) => sum + (request.transferSize ?? 0), 0),
      scriptCount: scripts.length,
      benchmarkIndex: lhr.environment.benchmarkIndex,
      // Where the main thread went: the scripts that took longest to evaluate and run.
      bootup: (lhr.audits["bootup-time"].details?.items ?? []).slice(0, 5).map((item) => ({
        url: item.url.replace(/^https?:\/\/[^/]+/, ""),
        scriptingMs: Math.round(item.scripting),
        parseMs: Math.round(item.scriptParseCompile),
      })),
      warnings: lhr.runWarnings,
    };
  } finally {
    unregister();
    chrome.kill();
  }
}

/** Lighthouse now and then fails to record a trace (NO_NAVSTART and the like): one more try. */
async function lighthouseRunWithRetry(url, cookie) {
  try {
    return await lighthouseRun(url, cookie);
  } catch (error) {
    if (!String(error?.message).startsWith("Lighthouse:")) throw error;
    console.log(`    ${error.message.split(".")[0]}; running it again.`);
    return lighthouseRun(url, cookie);
  }
}

async function preparedDatabase(scratch) {
  const databaseUrl = `file:${path.join(scratch, "pages.db")}`;
  const env = { ...process.env, DATABASE_URL: databaseUrl, DEMO_PASSWORD: PASSWORD };
  const logFile = path.join(scratch, "database.log");
  console.log("Migrating and seeding a fresh demo database …");
  runLogged({ command: PRISMA_BIN, args: ["migrate", "deploy"], cwd: ROOT, env, logFile });
  runLogged({ command: TSX_BIN, args: ["--conditions=react-server", "scripts/seed.ts"], cwd: ROOT, env, logFile });
  return databaseUrl;
}

async function main() {
  const options = parseArguments(process.argv.slice(2));
  if (!options.sizesOnly && spawnSync(CHROMIUM, ["--version"]).status !== 0) {
    throw new Error(`No Chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH).`);
  }
  const scratch = sqliteFolder();
  const startedAt = new Date();
  console.log(`bench:pages — ${os.cpus().length} CPUs, load average ${loadAverage().join(" / ")}`);
  await assertPortFree(options.port);
  const databaseUrl = await preparedDatabase(scratch);
  buildApp({
    root: ROOT,
    distDir: DIST_DIR,
    logFile: path.join(scratch, "build.log"),
    databaseUrl: `file:${path.join(scratch, "build.db")}`,
    reuseExisting: options.skipBuild,
  });

  const baseUrl = `http://localhost:${options.port}`;
  const server = startServer({
    name: `app (:${options.port})`,
    command: process.execPath,
    args: [NEXT_BIN, "start", "-p", String(options.port)],
    cwd: ROOT,
    logFile: path.join(scratch, "app.log"),
    env: {
      ...process.env,
      NODE_ENV: "production",
      NEXT_DIST_DIR: DIST_DIR,
      NEXT_TELEMETRY_DISABLED: "1",
      DATABASE_URL: databaseUrl,
      PORT: String(options.port),
      BETTER_AUTH_URL: baseUrl,
      BETTER_AUTH_SECRET: crypto.randomBytes(32).toString("base64url"),
    },
  });
  await waitForHttp(`${baseUrl}/api/health`, server);
  const cookie = await signIn(baseUrl);
  console.log(`App up; signed in as ${USER}.\n`);

  const results = [];
  const pages = options.pages.length ? PAGES.filter((page) => options.pages.includes(page.path)) : PAGES;
  for (const page of pages) {
    const pageCookie = page.signedIn ? cookie : null;
    // Warm-up: the server's first render of a route loads its modules.
    await fetchPage(baseUrl, page.path, pageCookie);
    const weight = await scriptWeight(baseUrl, page.path, pageCookie);
    console.log(
      `${page.path}: ${weight.scripts.length} scripts, ${kb(weight.gzipBytes)} KB gzipped (${kb(weight.bytes)} KB raw), ` +
        `${kb(weight.inlineBytes)} KB inline script in the HTML`,
    );
    for (const script of weight.scripts.slice(0, 6)) {
      console.log(`    ${kb(script.gzipBytes).padStart(6)} KB gz  ${script.path}`);
    }
    const runs = [];
    if (!options.sizesOnly) {
      for (let run = 1; run <= options.runs; run++) {
        const measured = await lighthouseRunWithRetry(`${baseUrl}${page.path}`, pageCookie);
        runs.push(measured);
        console.log(
          `  run ${run}: performance ${measured.score}, LCP ${Math.round(measured.lcpMs)} ms, TBT ${Math.round(measured.tbtMs)} ms, ` +
            `CLS ${measured.cls.toFixed(3)}, JS transferred ${kb(measured.scriptTransferBytes)} KB ` +
            `(${measured.scriptCount} scripts), benchmark index ${Math.round(measured.benchmarkIndex)}, load ${loadAverage()[0]}`,
        );
        for (const warning of measured.warnings) console.log(`    warning: ${warning}`);
        if (options.verbose) {
          for (const item of measured.bootup) {
            console.log(
              `    ${String(item.scriptingMs).padStart(5)} ms scripting, ${item.parseMs} ms parse  ${item.url}`,
            );
          }
        }
      }
    }
    const medianOf = (key) => (runs.length ? median(runs.map((run) => run[key])) : null);
    results.push({
      page: page.path,
      signedIn: page.signedIn,
      scriptGzipBytes: weight.gzipBytes,
      scriptBytes: weight.bytes,
      inlineScriptBytes: weight.inlineBytes,
      scripts: weight.scripts,
      median: {
        score: medianOf("score"),
        lcpMs: medianOf("lcpMs"),
        tbtMs: medianOf("tbtMs"),
        cls: medianOf("cls"),
        fcpMs: medianOf("fcpMs"),
        scriptTransferBytes: medianOf("scriptTransferBytes"),
        benchmarkIndex: medianOf("benchmarkIndex"),
      },
      runs,
    });
  }
  await server.stop();

  // The part every page loads (the framework, the layout's client components) apart from the page's own.
  const onEveryPage = (scriptPath) => results.every((r) => r.scripts.some((script) => script.path === scriptPath));
  for (const r of results) {
    r.sharedGzipBytes = r.scripts.filter((script) => onEveryPage(script.path)).reduce((sum, s) => sum + s.gzipBytes, 0);
  }

  const machine = { cpus: os.cpus().length, node: process.version, loadAverageAtEnd: loadAverage() };
  const report = {
    startedAt: startedAt.toISOString(),
    runsPerPage: options.sizesOnly ? 0 : options.runs,
    machine,
    results,
  };
  const folder = path.join(ROOT, "bench", "results");
  fs.mkdirSync(folder, { recursive: true });
  const file = path.join(folder, `pages-${startedAt.toISOString().replace(/[:.]/g, "-")}.json`);
  fs.writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);

  const cell = (value, format) => (value === null ? "–" : format(value));
  console.log(
    `\n| Page | JS loaded (gzip, KB) | of it shared by all three | Performance | LCP (ms) | TBT (ms) | CLS | JS transferred (KB) |\n` +
      `| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n${results
        .map(
          (r) =>
            `| \`${r.page}\` | ${kb(r.scriptGzipBytes)} | ${kb(r.sharedGzipBytes)} | ${cell(r.median.score, String)} | ${cell(r.median.lcpMs, Math.round)} | ` +
            `${cell(r.median.tbtMs, Math.round)} | ${cell(r.median.cls, (v) => v.toFixed(3))} | ${cell(r.median.scriptTransferBytes, kb)} |`,
        )
        .join("\n")}\n`,
  );
  console.log(
    `${options.sizesOnly ? "Sizes only." : `Medians of ${options.runs} Lighthouse runs per page (mobile preset).`} ` +
      `Load average at the end ${loadAverage().join(" / ")}; ${os.cpus().length} CPUs.`,
  );
  console.log(`Results: ${path.relative(ROOT, file)}`);
}

await runBench("bench:pages", main);
