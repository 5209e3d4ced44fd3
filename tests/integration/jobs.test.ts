// The job queue (lib/jobs) on a real database: one claim per job however many workers ask at once,
// a job whose worker died taken over once its lease runs out, a stale worker unable to finish a
// job it lost, failures retried with backoff and then failed for good, and the outbox rule: a job
// enqueued in a transaction that rolls back does not exist.
import { describe, expect, test } from "vitest";
import { prisma } from "@/lib/db/client";
import { claimJob, finishJob, renewLease } from "@/lib/jobs/claim-job";
import { enqueueJob } from "@/lib/jobs/enqueue-job";
import { JOB_HANDLERS } from "@/lib/jobs/handlers";
import { MAX_ATTEMPTS, runJob } from "@/lib/jobs/run-job";
import { runDueJobs } from "@/lib/jobs/worker";

async function enqueue(kind: string, payload: unknown = {}) {
  return prisma.$transaction((tx) => enqueueJob(tx, { kind, payload }));
}

async function clearQueue() {
  await prisma.job.deleteMany({});
}

describe("claiming", () => {
  test("ten workers asking at once for three jobs: each job is claimed exactly once", async () => {
    await clearQueue();
    const ids = [await enqueue("test.noop"), await enqueue("test.noop"), await enqueue("test.noop")];
    const claims = await Promise.all(Array.from({ length: 10 }, (_, i) => claimJob(`worker-${i}`, 30_000)));
    const claimed = claims.filter((claim) => claim !== null).map((claim) => claim.id);
    expect(claimed.sort()).toEqual([...ids].sort());
    expect(await claimJob("late", 30_000)).toBeNull();
  });

  test("a job whose worker died is taken over once the lease runs out, and the dead worker cannot finish it", async () => {
    await clearQueue();
    const id = await enqueue("test.noop");
    const first = await claimJob("dies", 1_000);
    expect(first?.id).toBe(id);
    expect(await claimJob("other", 30_000)).toBeNull();
    const later = new Date(Date.now() + 2_000);
    const second = await claimJob("other", 30_000, later);
    expect(second).toMatchObject({ id, attempts: 2 });
    // The first worker wakes up: it no longer holds the job.
    expect(await renewLease(id, "dies", 30_000)).toBe(false);
    await finishJob(id, "dies", { status: "done" });
    expect((await prisma.job.findUniqueOrThrow({ where: { id } })).status).toBe("running");
    await finishJob(id, "other", { status: "done" });
    expect((await prisma.job.findUniqueOrThrow({ where: { id } })).status).toBe("done");
  });

  test("a job queued in a transaction that rolls back never exists", async () => {
    await clearQueue();
    await expect(
      prisma.$transaction(async (tx) => {
        await enqueueJob(tx, { kind: "test.noop", payload: {} });
        throw new Error("roll back");
      }),
    ).rejects.toThrow("roll back");
    expect(await prisma.job.count()).toBe(0);
  });
});

describe("running", () => {
  test("a handler gets its payload, and the job ends done", async () => {
    await clearQueue();
    const seen: unknown[] = [];
    JOB_HANDLERS["test.record"] = async (payload, context) => {
      await context.heartbeat();
      seen.push(payload);
    };
    const id = await enqueue("test.record", { importId: "abc" });
    expect(await runDueJobs()).toBe(1);
    expect(seen).toEqual([{ importId: "abc" }]);
    expect((await prisma.job.findUniqueOrThrow({ where: { id } })).status).toBe("done");
  });

  test("a failing handler is retried with backoff, then failed for good with its error", async () => {
    await clearQueue();
    let calls = 0;
    JOB_HANDLERS["test.fails"] = async () => {
      calls++;
      throw new Error(`boom ${calls}`);
    };
    const id = await enqueue("test.fails");
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      const job = await claimJob("w", 30_000, new Date(Date.now() + 10 * 60_000 * attempt));
      expect(job?.id).toBe(id);
      if (job) await runJob(job, "w", 30_000);
      const row = await prisma.job.findUniqueOrThrow({ where: { id } });
      expect(row.lastError).toBe(`boom ${attempt}`);
      expect(row.status).toBe(attempt < MAX_ATTEMPTS ? "queued" : "failed");
      if (attempt < MAX_ATTEMPTS) expect(row.runAt.getTime()).toBeGreaterThan(Date.now());
    }
    expect(calls).toBe(MAX_ATTEMPTS);
  });

  test("an unknown kind fails at once instead of blocking the queue", async () => {
    await clearQueue();
    const id = await enqueue("test.nobody-handles-this");
    expect(await runDueJobs()).toBe(1);
    const row = await prisma.job.findUniqueOrThrow({ where: { id } });
    expect(row.status).toBe("failed");
    expect(row.lastError).toContain("No handler");
  });
});
