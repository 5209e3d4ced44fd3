// Runs once when a server instance starts: every Node.js instance runs the background job worker
// (lib/jobs/worker.ts) unless JOBS_WORKER=0, so imports and later jobs need no separate process.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { env } = await import("@/lib/env");
  if (env.JOBS_WORKER === "0") return;
  const { startJobWorker } = await import("@/lib/jobs/worker");
  startJobWorker();
}
