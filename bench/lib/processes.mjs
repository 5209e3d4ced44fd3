// Child processes for the benchmark: servers in their own process group (so stopping one stops
// everything it started), a cleanup list run on exit, Ctrl-C or failure, and readiness polling.
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";

const cleanups = [];

/** Registers an async clean-up step; they run last-in first-out. Returns an unregister function. */
export function onCleanup(step) {
  cleanups.push(step);
  return () => {
    const index = cleanups.indexOf(step);
    if (index !== -1) cleanups.splice(index, 1);
  };
}

export async function cleanupAll() {
  while (cleanups.length > 0) {
    const step = cleanups.pop();
    try {
      await step();
    } catch (error) {
      console.error(`clean-up step failed: ${error?.message ?? error}`);
    }
  }
}

/** Runs a command to completion, output appended to logFile; throws with the log's tail on failure. */
export function runLogged({ command, args, env, cwd, logFile }) {
  fs.appendFileSync(logFile, `\n$ ${[command, ...args].join(" ")}\n`);
  const out = fs.openSync(logFile, "a");
  try {
    const result = spawnSync(command, args, { cwd, env, stdio: ["ignore", out, out] });
    if (result.status !== 0) {
      throw new Error(`${args.join(" ")} failed (exit ${result.status ?? result.signal}):\n${tail(logFile)}`);
    }
  } finally {
    fs.closeSync(out);
  }
}

export function tail(file, lines = 30) {
  try {
    return fs.readFileSync(file, "utf8").trimEnd().split("\n").slice(-lines).join("\n");
  } catch {
    return "(no log)";
  }
}

/**
 * Starts a long-running server in its own process group, output to logFile. stop() sends
 * SIGTERM to the whole group, then SIGKILL after 5 s, and waits for the exit.
 */
export function startServer({ name, command, args, env, cwd, logFile }) {
  const out = fs.openSync(logFile, "a");
  const child = spawn(command, args, { cwd, env, detached: true, stdio: ["ignore", out, out] });
  fs.closeSync(out);
  const exited = new Promise((resolve) => child.once("exit", (code, signal) => resolve({ code, signal })));
  let stopped = false;
  const signalGroup = (signal) => {
    try {
      process.kill(-child.pid, signal);
    } catch {
      // already gone
    }
  };
  async function stop() {
    unregister();
    if (stopped) return exited;
    stopped = true;
    if (child.exitCode === null && child.signalCode === null) {
      signalGroup("SIGTERM");
      const killer = setTimeout(() => signalGroup("SIGKILL"), 5000);
      await exited;
      clearTimeout(killer);
    }
    // Anything the server left behind in its group.
    signalGroup("SIGKILL");
    return exited;
  }
  const unregister = onCleanup(stop);
  return { name, child, exited, stop, logFile };
}

/** Polls url until it answers 200; fails if the server exits first or the time runs out. */
export async function waitForHttp(url, server, timeoutMs = 120_000) {
  const deadline = Date.now() + timeoutMs;
  let exited = null;
  void server.exited.then((result) => {
    exited = result;
  });
  let lastProblem = "";
  while (Date.now() < deadline) {
    if (exited) {
      throw new Error(
        `${server.name} exited (${exited.code ?? exited.signal}) before it was ready:\n${tail(server.logFile)}`,
      );
    }
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(5000) });
      if (response.status === 200) return;
      lastProblem = `HTTP ${response.status}: ${(await response.text()).slice(0, 200)}`;
    } catch (error) {
      lastProblem = error?.cause?.code ?? error?.message ?? String(error);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(
    `${server.name} was not ready at ${url} after ${timeoutMs / 1000} s (${lastProblem}):\n${tail(server.logFile)}`,
  );
}

/** Fails early, with a clear message, when a port the benchmark needs is taken. */
export async function assertPortFree(port) {
  const net = await import("node:net");
  await new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", () =>
      reject(new Error(`Port ${port} is in use. Set BENCH_PORT to a free range (the benchmark uses 4 ports from it).`)),
    );
    probe.listen(port, () => probe.close(resolve));
  });
}

/**
 * Runs a benchmark's main to the end: its failure sets a non-zero exit code with one line naming
 * the bench, Ctrl-C or SIGTERM stops it, and the clean-up steps run in every case.
 */
export async function runBench(name, main) {
  let interrupted = false;
  for (const signal of ["SIGINT", "SIGTERM"]) {
    process.on(signal, () => {
      if (interrupted) return;
      interrupted = true;
      void cleanupAll().finally(() => process.exit(130));
    });
  }
  try {
    await main();
  } catch (error) {
    console.error(`\n${name} failed: ${error?.message ?? error}`);
    process.exitCode = 1;
  } finally {
    if (!interrupted) await cleanupAll();
  }
}
