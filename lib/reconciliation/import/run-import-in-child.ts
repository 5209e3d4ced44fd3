// The "reconciliation.import" job runs the import in a process of its own (import-child.ts), not in
// the server's: a million-line file then cannot take the memory or the event loop of the pages this
// instance serves, and its heap has a limit of its own (IMPORT_HEAP_MB) — V8 grows a heap lazily
// up to its limit, so under the server's default of several GB an import's few hundred MB of live
// data left a resident set near 900 MB (README, "Reconciliation at a million lines").
// The child keeps the job's lease itself, between its own transactions (a renewal from here could
// land beside one of them and wait on SQLite's write lock); it stops when the lease is lost, which
// this answers with LeaseLost, as an import in process did. A child that dies ends the attempt with
// the reason.
import "server-only";
import { spawn } from "node:child_process";
import path from "node:path";
import { maskPans } from "@/lib/card-data/mask-pan";
import { env } from "@/lib/env";
import { type Lease, LeaseLost } from "@/lib/jobs/lease";
import type { ChildAnswer, ChildUsage } from "@/lib/reconciliation/import/import-child";

const CHILD_ENTRY = path.join("lib", "reconciliation", "import", "import-child.ts");
/** The end of the child's stderr kept for the error message (the rest went to the log as it came). */
const STDERR_TAIL_CHARS = 2000;

export interface ImportChildOptions {
  heapMb?: number;
  /** More flags for node (the benchmark's --cpu-prof). */
  execArgv?: readonly string[];
}

/** NODE_OPTIONS without a heap limit of the parent's, which would otherwise compete with ours. */
function childNodeOptions(): string | undefined {
  const options = process.env.NODE_OPTIONS?.split(/\s+/).filter(
    (option) => option && !option.startsWith("--max-old-space-size"),
  );
  return options?.length ? options.join(" ") : undefined;
}

/**
 * Runs the import in a child process and resolves with what it used. `lease` is the claimed job's
 * (null: no job, as in the benchmark and tests, and nothing to renew).
 */
export function runImportInChild(
  importId: string,
  lease: Lease | null,
  { heapMb = env.IMPORT_HEAP_MB, execArgv = [] }: ImportChildOptions = {},
): Promise<ChildUsage> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        ...execArgv,
        `--max-old-space-size=${heapMb}`,
        "--conditions=react-server",
        "--import",
        "tsx",
        CHILD_ENTRY,
        importId,
        ...(lease ? [JSON.stringify(lease)] : []),
      ],
      {
        cwd: process.cwd(),
        env: { ...process.env, NODE_OPTIONS: childNodeOptions() },
        stdio: ["ignore", "inherit", "pipe", "ipc"],
      },
    );
    // The child's log lines are masked already; what else it writes (a crash's stack) is masked
    // here, a whole line at a time, before it reaches this server's stderr.
    let stderr = "";
    let partial = "";
    // V8's last words before the abort (its native stack follows, longer than the tail kept).
    let outOfMemory = false;
    child.stderr?.setEncoding("utf8");
    child.stderr?.on("data", (chunk: string) => {
      const lines = (partial + chunk).split("\n");
      partial = lines.pop() ?? "";
      for (const line of lines) {
        if (/heap out of memory|Reached heap limit/i.test(line)) outOfMemory = true;
        const masked = maskPans(line);
        process.stderr.write(`${masked}\n`);
        stderr = `${stderr}${masked}\n`.slice(-STDERR_TAIL_CHARS);
      }
    });
    let answer: ChildAnswer | null = null;
    child.on("message", (message) => {
      answer = message as ChildAnswer;
    });
    let spawnError: Error | null = null;
    child.on("error", (error) => {
      spawnError ??= error;
    });
    child.once("close", (code, signal) => {
      if (partial) stderr = `${stderr}${maskPans(partial)}`.slice(-STDERR_TAIL_CHARS);
      const answered = answer as ChildAnswer | null;
      if (answered?.ok && code === 0) resolve(answered.usage);
      else if (answered && !answered.ok && answered.leaseLost && lease) reject(new LeaseLost(lease.jobId));
      else if (answered && !answered.ok) reject(new Error(maskPans(answered.message)));
      else if (outOfMemory)
        reject(
          new Error(
            `The import process ran out of memory under its heap limit of ${heapMb} MB (IMPORT_HEAP_MB); raise it for files this large.`,
          ),
        );
      else if (spawnError) reject(spawnError);
      else
        reject(new Error(`The import process ended (${signal ?? `exit ${code}`}) without an answer: ${stderr.trim()}`));
    });
  });
}
