// The child of npm run bench:alerts (bench/alerts.mjs): on the database in DATABASE_URL, filled by
// npm run seed:scale, times one alert evaluation of the chain's merchant (the alerts.evaluate job,
// lib/alerts/evaluate.ts) part by part — its rules, the context, each fact-loading read
// (lib/alerts/load-facts.ts FACT_PARTS), each rule over the facts, the comparison with the
// merchant's alerts — and whole: after an incident change, and after an import (with the
// per-operator rates). "now" is just after the newest incident, as when its create queued the job.
// One call at a time: after --warmup calls, --runs timed calls per part. Prints one JSON line per
// part on stdout ({ label, p50, p95, … }).
//
// Writes: on SQLite (a copy of the scale database) the whole evaluation runs as the job does and
// raises its alerts in the warm-up (later calls find them open, as on a busy day). With --no-write
// (bench/alerts.mjs passes it on PostgreSQL) nothing is written: the whole evaluation is timed as
// its reads (planAlerts: rules, facts, rules run, the open and resolved alerts compared), and every
// read runs in a transaction that is rolled back.

import { comparePlan, evaluateAlerts, planAlerts } from "@/lib/alerts/evaluate";

import { emptyFacts, FACT_PARTS, loadAlertFacts, loadFactContext } from "@/lib/alerts/load-facts";
import { loadAlertRules } from "@/lib/alerts/read-alert-rules";
import { runRules } from "@/lib/alerts/run-rules";
import { prisma, type Tx } from "@/lib/db/client";
import { benchTimer } from "./bench-timer";

const { time: timed } = benchTimer({ runs: 20 });
const NO_WRITE = process.argv.includes("--no-write");

const time = (label: string, work: () => Promise<unknown>) => timed({ label }, work);

class Rollback extends Error {}

/** Runs the reads in a transaction that is rolled back (nothing it did stays). */
async function readOnly<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
  let result: T | undefined;
  try {
    await prisma.$transaction(
      async (tx) => {
        result = await work(tx);
        throw new Rollback();
      },
      { timeout: 600_000, maxWait: 60_000 },
    );
  } catch (error) {
    if (!(error instanceof Rollback)) throw error;
  }
  return result as T;
}

async function main() {
  const admin = await prisma.user.findUniqueOrThrow({
    where: { email: "admin@scale.test" },
    select: { membership: { select: { merchantId: true } } },
  });
  const merchantId = admin.membership?.merchantId;
  if (!merchantId) throw new Error("admin@scale.test has no membership: run npm run seed:scale first");
  const newest = await prisma.incident.aggregate({ where: { merchantId }, _max: { createdAt: true } });
  const now = new Date((newest._max.createdAt ?? new Date()).getTime() + 1_000);
  const [incidents, lines] = await Promise.all([
    prisma.incident.count({ where: { merchantId } }),
    prisma.reconLine.count({ where: { merchantId } }),
  ]);
  console.log(`merchant ${merchantId}: ${incidents} incidents, ${lines} lines; now = ${now.toISOString()}`);

  const rules = await loadAlertRules(prisma, merchantId);
  await time("rules (stored or default)", () => loadAlertRules(prisma, merchantId));
  const input = { merchantId, rules, now, withLines: true };
  const context = await loadFactContext(prisma, input);
  await time("facts: context (zone, local date)", () => loadFactContext(prisma, input));
  for (const part of FACT_PARTS) {
    await time(`facts: ${part.name}`, () => part.load(prisma, context, emptyFacts(context.today)));
  }
  const facts = await loadAlertFacts(prisma, input);
  for (const rule of rules) {
    await time(`rule: ${rule.type}`, async () => runRules([rule], facts, now));
  }
  const candidates = runRules(rules, facts, now);
  console.log(`${candidates.length} candidate alerts`);
  await time("compare with the open and resolved alerts", () =>
    readOnly((tx) => comparePlan(tx, merchantId, candidates)),
  );

  for (const withLines of [false, true]) {
    const label = withLines ? "after an import (with the per-operator rates)" : "after an incident change";
    if (NO_WRITE) {
      await time(`whole evaluation ${label}, reads only`, () =>
        readOnly((tx) => planAlerts(tx, { merchantId, lines: withLines, now })),
      );
    } else {
      await time(`whole evaluation ${label}`, () => evaluateAlerts({ merchantId, lines: withLines, now }));
    }
  }
  const open = await prisma.alert.count({ where: { merchantId, status: { not: "resolved" } } });
  console.log(`${open} alerts open or acknowledged after the bench`);
  await prisma.$disconnect();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
