// The measured half of `npm run bench:deadlines` (bench/deadlines.mjs starts it as child processes,
// one per role, so two sweeps run in two processes as they do on two instances). Modes:
//
//   setup  '{"incidents":5000,"stores":50,"via":"insert"}'  the demo merchant (seedDemo), stores up to `stores`
//          with a terminal, a cashier and a supervisor each, then `incidents` incidents logged by
//          their store's cashier — through createIncident one by one (via "create"), or through its
//          core insertIncident 100 to a transaction (via "insert": the same rows, fewer commits) —
//          all earlier in one business day, so
//          their halt and re-verify deadlines fall on the same cut-off (23:00 in the shop's zone).
//          Prints "BENCH_RESULT {cutoff, created, createMs, due, …}".
//   sweep  '{"now":"<iso>","sweepMs":15000,"name":"a"}'  one instance's deadline job: prints READY,
//          waits for GO on stdin, then runs sweepDeadlines as lib/jobs/worker.ts does (the next
//          sweep DEADLINE_SWEEP_MS after the last one started, at once when it took longer), its
//          clock starting at `now`, until a sweep leaves nothing due. Prints "BENCH_RESULT {sweeps, cpuMs}".
//   verify '{"cutoff":"<iso>"}'  per deadline of the cut-off: the deadline.escalated events and the
//          DEADLINE_ESCALATED notifications written for it, against one event and one per
//          supervisor of its store. Prints "BENCH_RESULT {…}".
//   profile '{"now":"<iso>","count":300}'  one process makes `count` due moves one by one, timed
//          against an empty transaction and the move's reads alone. Prints "BENCH_RESULT {…}".
//   idle   '{"now":"<iso>","runs":30}'  times sweepDeadlines(now) with nothing due, `runs` times
//          after three warm-ups. Prints "BENCH_RESULT {firstMs, runsMs}".
import { createInterface } from "node:readline";
import type { Actor } from "@/lib/auth/actor";
import { prisma, type Tx } from "@/lib/db/client";
import { nextCutoff } from "@/lib/deadlines/calendar";
import { DEFAULT_CUTOFF, readStoredSettings } from "@/lib/deadlines/settings";
import { moveDeadline, sweepDeadlines } from "@/lib/deadlines/sweep";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors/app-error";
import { kindFromDb } from "@/lib/incidents/codec";
import { createIncident } from "@/lib/incidents/create-incident";
import { draftIncident, insertIncident } from "@/lib/incidents/insert-incident";
import type { IncidentKind } from "@/lib/incidents/rules";
import { loadPlanAndStaff } from "@/lib/notifications/notify";
import { createIncidentSchema, parseAmountToMinor } from "@/lib/schemas/incident";
import { seedDemo } from "@/lib/seed/seed-demo";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
/** Kinds whose halt and re-verify are both due at the cut-off (a debit with no credit re-verifies in a working day). */
const CUTOFF_KINDS: IncidentKind[] = [
  "wrong_amount",
  "wrong_card",
  "duplicate_charge",
  "pin_error",
  "unsigned_slip",
  "terminal_fault",
  "suspected_fraud",
];

function report(result: unknown): void {
  console.log(`BENCH_RESULT ${JSON.stringify(result)}`);
}

const cpuMs = (usage: NodeJS.CpuUsage) => Math.round((usage.user + usage.system) / 1000);

/** A store's people as the bench makes them (no password: nobody signs in). */
async function addMember(merchantId: string, storeId: string, role: "CASHIER" | "SUPERVISOR", label: string) {
  return prisma.user.create({
    data: {
      name: `${role === "CASHIER" ? "Cashier" : "Supervisor"} ${label}`,
      email: `${role.toLowerCase()}-${label.toLowerCase().replace(/\s+/g, "-")}@bench-deadlines.test`,
      emailVerified: true,
      membership: { create: { merchantId, role, stores: { create: [{ storeId }] } } },
    },
    select: { id: true, name: true, email: true },
  });
}

/** Incidents written per transaction on the insertIncident path. */
const INSERT_BATCH = 100;

async function setup({ incidents, stores, via }: { incidents: number; stores: number; via: "create" | "insert" }) {
  const { merchantId } = await seedDemo({ password: env.DEMO_PASSWORD });
  const merchant = await prisma.merchant.findUniqueOrThrow({ where: { id: merchantId }, select: { timeZone: true } });
  for (let n = (await prisma.store.count({ where: { merchantId } })) + 1; n <= stores; n++) {
    await prisma.store.create({
      data: {
        merchantId,
        name: `Store ${n}`,
        terminals: { create: [{ merchantId, tid: `B${String(n).padStart(4, "0")}001` }] },
      },
    });
  }
  // Every store gets a cashier (who logs its cases) and a supervisor (told when a deadline passes).
  const chain = await prisma.store.findMany({
    where: { merchantId },
    orderBy: { createdAt: "asc" },
    select: {
      id: true,
      name: true,
      terminals: { select: { id: true, tid: true }, take: 1, orderBy: { tid: "asc" } },
      memberships: {
        select: { membership: { select: { role: true, user: { select: { id: true, name: true, email: true } } } } },
      },
    },
  });
  const tills: {
    actor: Actor;
    tid: string;
    terminal: { id: string; tid: string; storeId: string; storeName: string };
  }[] = [];
  for (const store of chain) {
    const roles = store.memberships.map((link) => link.membership);
    if (!roles.some((member) => member.role === "SUPERVISOR"))
      await addMember(merchantId, store.id, "SUPERVISOR", store.name);
    const cashier =
      roles.find((member) => member.role === "CASHIER")?.user ??
      (await addMember(merchantId, store.id, "CASHIER", store.name));
    tills.push({
      actor: {
        userId: cashier.id,
        name: cashier.name,
        email: cashier.email,
        merchantId,
        role: "CASHIER",
        storeIds: [store.id],
      },
      tid: store.terminals[0].tid,
      terminal: { id: store.terminals[0].id, tid: store.terminals[0].tid, storeId: store.id, storeName: store.name },
    });
  }

  // One business day: the mishaps happen between the last cut-off and now (or, just after a
  // cut-off, in the hours before it), so they share the next one.
  const now = Date.now();
  const lastCutoff = nextCutoff(new Date(now - 24 * HOUR), DEFAULT_CUTOFF, merchant.timeZone).getTime();
  let from = Math.max(lastCutoff + MINUTE, now - 3 * HOUR);
  let to = now - MINUTE;
  if (to - from < 10 * MINUTE) {
    from = lastCutoff - 3 * HOUR;
    to = lastCutoff - MINUTE;
  }
  const cutoff = nextCutoff(new Date(from), DEFAULT_CUTOFF, merchant.timeZone);

  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  let confirmed = 0;
  const inputOf = (i: number) => ({
    till: tills[i % tills.length],
    input: createIncidentSchema.parse({
      kind: CUTOFF_KINDS[i % CUTOFF_KINDS.length],
      terminalId: tills[i % tills.length].tid,
      occurredAt: new Date(from + Math.floor(((to - from) * i) / incidents)).toISOString(),
      amount: `${100 + (i % 9000)}.${String(i % 100).padStart(2, "0")}`,
      rrn: String(100_000_000_000 + i),
    }),
  });
  if (via === "create") {
    // The cashier's whole create, one transaction each (lookUp, duplicate check, insertIncident).
    for (let i = 0; i < incidents; i++) {
      const { till, input } = inputOf(i);
      try {
        await createIncident({ actor: till.actor, input });
      } catch (error) {
        // Look-alike cases of one till are asked to be confirmed, as a cashier would.
        if (!(error instanceof AppError) || error.code !== "DUPLICATE_SUSPECTED") throw error;
        await createIncident({ actor: till.actor, input: { ...input, confirmDuplicate: true } });
        confirmed++;
      }
    }
  } else {
    // The same rows through the shared core (insertIncident: deadlines, number, audit chain, the
    // plan's "logged" notification), INSERT_BATCH incidents per transaction instead of one.
    for (let first = 0; first < incidents; first += INSERT_BATCH) {
      await prisma.$transaction(
        async (tx) => {
          for (let i = first; i < Math.min(incidents, first + INSERT_BATCH); i++) {
            const { till, input } = inputOf(i);
            const at = new Date();
            const draft = draftIncident({
              merchantId,
              kind: input.kind,
              terminal: till.terminal,
              occurredAt: new Date(input.occurredAt ?? at),
              amountMinor: input.amount === undefined ? null : parseAmountToMinor(input.amount),
              currency: input.currency,
              cardBin: null,
              cardLast4: null,
              rrn: input.rrn ?? null,
              authCode: null,
              traceNo: null,
              batchNo: null,
              description: null,
              reportedBy: { id: till.actor.userId, name: till.actor.name },
              now: at,
            });
            await insertIncident(tx, { draft, actorId: till.actor.userId, now: at });
          }
        },
        { timeout: 600_000 },
      );
    }
  }
  const createMs = Math.round(performance.now() - started);
  const createCpuMs = cpuMs(process.cpuUsage(cpuBefore));

  const passed = new Date(cutoff.getTime() + 1000);
  const atCutoff = await prisma.deadline.groupBy({
    by: ["subject"],
    where: { dueAt: cutoff, incidentId: { not: null } },
    _count: { _all: true },
  });
  report({
    cutoff: cutoff.toISOString(),
    from: new Date(from).toISOString(),
    to: new Date(to).toISOString(),
    stores: chain.length,
    via,
    created: incidents,
    confirmedDuplicates: confirmed,
    createMs,
    createCpuMs,
    deadlines: await prisma.deadline.count(),
    atCutoff: Object.fromEntries(atCutoff.map((row) => [row.subject, row._count._all])),
    dueAfterCutoff: await prisma.deadline.count({ where: { nextActionAt: { lte: passed } } }),
  });
}

async function sweep({ now, sweepMs, name }: { now: string; sweepMs: number; name: string }) {
  const start = new Date(now).getTime();
  // Connected and warmed up before the start, as a running instance is.
  await prisma.deadline.count({ where: { nextActionAt: { lte: new Date(0) } } });
  await sweepDeadlines(new Date(0));
  console.log("READY");
  const lines = createInterface({ input: process.stdin });
  await new Promise<void>((resolve) => lines.once("line", () => resolve()));
  lines.close();
  const goAt = Date.now();
  const cpuBefore = process.cpuUsage();
  const sweeps: { startAt: number; endAt: number; reminded: number; escalated: number; dueAfter: number }[] = [];
  for (;;) {
    const startAt = Date.now();
    const clock = new Date(start + (startAt - goAt));
    const result = await sweepDeadlines(clock);
    const endAt = Date.now();
    const dueAfter = await prisma.deadline.count({ where: { nextActionAt: { lte: clock } } });
    const sweep = { startAt, endAt, ...result, dueAfter };
    sweeps.push(sweep);
    // Each sweep as it ends, so the parent has them even if a later one never returns.
    console.log(`SWEEP ${JSON.stringify(sweep)}`);
    if (dueAfter === 0) break;
    // lib/jobs/worker.ts: the next sweep once DEADLINE_SWEEP_MS has passed since this one started.
    const wait = startAt + sweepMs - Date.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  }
  report({ name, goAt, sweeps, cpuMs: cpuMs(process.cpuUsage(cpuBefore)) });
}

async function verify({ cutoff }: { cutoff: string }) {
  const dueAt = new Date(cutoff);
  const deadlines = await prisma.deadline.findMany({
    where: { dueAt, incidentId: { not: null }, subject: { in: ["halt", "reverify"] } },
    select: { id: true, escalationLevel: true, status: true, incident: { select: { storeId: true } } },
  });
  const supervisors = await prisma.membershipStore.groupBy({
    by: ["storeId"],
    where: { membership: { role: "SUPERVISOR", active: true } },
    _count: { _all: true },
  });
  const supervisorsOf = new Map(supervisors.map((row) => [row.storeId, row._count._all]));
  const events = new Map<string, number>();
  for (const event of await prisma.auditEvent.findMany({
    where: { type: "deadline.escalated" },
    select: { after: true },
  })) {
    const id = (JSON.parse(event.after ?? "{}") as { deadlineId?: string }).deadlineId ?? "";
    events.set(id, (events.get(id) ?? 0) + 1);
  }
  const notifications = new Map<string, number>();
  for (const row of await prisma.notification.findMany({
    where: { type: "DEADLINE_ESCALATED" },
    select: { dedupeKey: true },
  })) {
    const id = row.dedupeKey.split(":")[1] ?? "";
    notifications.set(id, (notifications.get(id) ?? 0) + 1);
  }
  const ids = new Set(deadlines.map((deadline) => deadline.id));
  let missing = 0;
  let duplicated = 0;
  let wrongNotifications = 0;
  let notLevelOne = 0;
  let expectedNotifications = 0;
  for (const deadline of deadlines) {
    const count = events.get(deadline.id) ?? 0;
    if (count === 0) missing++;
    if (count > 1) duplicated++;
    const expected = supervisorsOf.get(deadline.incident?.storeId ?? "") ?? 0;
    expectedNotifications += expected;
    if ((notifications.get(deadline.id) ?? 0) !== expected) wrongNotifications++;
    if (deadline.escalationLevel !== 1 || deadline.status !== "missed") notLevelOne++;
  }
  report({
    deadlines: deadlines.length,
    events: [...events.entries()].filter(([id]) => ids.has(id)).reduce((sum, [, n]) => sum + n, 0),
    notifications: [...notifications.entries()].filter(([id]) => ids.has(id)).reduce((sum, [, n]) => sum + n, 0),
    expectedNotifications,
    missing,
    duplicated,
    wrongNotifications,
    notLevelOne,
    otherEscalations: [...events.keys()].filter((id) => !ids.has(id)).length,
  });
}

/**
 * Where a move's time goes, one process, no race: `count` moves due at `now` made one after
 * another as the sweep makes them (a transaction each around moveDeadline), against an empty
 * transaction and a transaction with only the move's reads (the deadline with its incident, the
 * merchant's settings, the plan and staff) — the rest is the claim and the writes.
 */
async function profile({ now, count }: { now: string; count: number }) {
  const at = new Date(now);
  const due = await prisma.deadline.findMany({
    where: { nextActionAt: { lte: at } },
    orderBy: [{ nextActionAt: "asc" }, { id: "asc" }],
    take: count,
    select: { id: true },
  });
  const timed = async (work: (id: string) => Promise<unknown>) => {
    const cpuBefore = process.cpuUsage();
    const started = performance.now();
    for (const { id } of due) await work(id);
    const round = (n: number) => Math.round((n / due.length) * 100) / 100;
    return { wallMs: round(performance.now() - started), cpuMs: round(cpuMs(process.cpuUsage(cpuBefore))) };
  };
  const emptyTransaction = await timed(() => prisma.$transaction(async () => {}));
  const readDeadline = (tx: Tx, id: string) =>
    tx.deadline.findUniqueOrThrow({
      where: { id },
      include: {
        incident: {
          select: {
            id: true,
            number: true,
            kind: true,
            storeId: true,
            status: true,
            store: { select: { name: true } },
          },
        },
        preventionAction: { select: { id: true, storeId: true, type: true, status: true, assigneeId: true } },
      },
    });
  const readMerchant = async (tx: Tx, merchantId: string) =>
    readStoredSettings(
      (
        await tx.merchant.findUniqueOrThrow({
          where: { id: merchantId },
          select: { deadlineSettings: true, timeZone: true },
        })
      ).deadlineSettings,
    );
  const readPlan = (tx: Tx, row: Awaited<ReturnType<typeof readDeadline>>) =>
    row.incident
      ? loadPlanAndStaff(tx, {
          merchantId: row.merchantId,
          kind: kindFromDb(row.incident.kind),
          storeId: row.incident.storeId,
        })
      : null;
  const allReads = (id: string) =>
    prisma.$transaction(async (tx) => {
      const row = await readDeadline(tx, id);
      await readMerchant(tx, row.merchantId);
      await readPlan(tx, row);
    });
  await timed(allReads); // warm-up: the first queries of a kind compile and JIT
  const rows = new Map<string, Awaited<ReturnType<typeof readDeadline>>>();
  const deadlineRead = await timed((id) =>
    prisma.$transaction(async (tx) => {
      rows.set(id, await readDeadline(tx, id));
    }),
  );
  const merchantRead = await timed((id) =>
    prisma.$transaction((tx) => readMerchant(tx, rows.get(id)?.merchantId ?? "")),
  );
  const planRead = await timed((id) =>
    prisma.$transaction(async (tx) => {
      const row = rows.get(id);
      if (row) await readPlan(tx, row);
    }),
  );
  const reads = await timed(allReads);
  let moved = 0;
  const move = await timed(async (id) => {
    if (await prisma.$transaction((tx) => moveDeadline(tx, id, at))) moved++;
  });
  report({ moves: due.length, moved, emptyTransaction, deadlineRead, merchantRead, planRead, reads, move });
}

async function idle({ now, runs }: { now: string; runs: number }) {
  const at = new Date(now);
  const timed = async () => {
    const started = performance.now();
    const result = await sweepDeadlines(at);
    if (result.escalated + result.reminded > 0) throw new Error(`the idle sweep moved ${JSON.stringify(result)}`);
    return Math.round((performance.now() - started) * 100) / 100;
  };
  const firstMs = await timed();
  for (let i = 0; i < 3; i++) await timed();
  const runsMs: number[] = [];
  for (let i = 0; i < runs; i++) runsMs.push(await timed());
  report({ firstMs, runsMs, deadlines: await prisma.deadline.count() });
}

async function main() {
  const [mode, json] = process.argv.slice(2);
  const input = JSON.parse(json ?? "{}");
  if (mode === "setup") await setup(input);
  else if (mode === "sweep") await sweep(input);
  else if (mode === "verify") await verify(input);
  else if (mode === "idle") await idle(input);
  else if (mode === "profile") await profile(input);
  else throw new Error(`Unknown mode ${mode}: setup, sweep, verify, profile or idle.`);
  await prisma.$disconnect();
}

main().catch(async (error) => {
  console.error(error);
  await prisma.$disconnect().catch(() => {});
  process.exit(1);
});
