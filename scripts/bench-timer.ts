// The in-process benchmarks' timer (scripts/bench-dashboard.ts, scripts/bench-alerts.ts): --runs N,
// --warmup N and --only TEXT from the command line (bench/lib/in-process.mjs passes them); each
// timed part printed as one JSON line of p50/p95/max in ms, which the bench's parent reads.

const argument = (name: string, fallback: number) => {
  const index = process.argv.indexOf(name);
  return index === -1 ? fallback : Number(process.argv[index + 1]);
};

export function benchTimer({ runs: defaultRuns }: { runs: number }) {
  const runs = argument("--runs", defaultRuns);
  const warmup = argument("--warmup", 3);
  const only = process.argv.includes("--only") ? process.argv[process.argv.indexOf("--only") + 1] : null;
  const percentile = (sorted: number[], p: number) =>
    sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
  const round = (ms: number) => Math.round(ms * 10) / 10;

  /** Times `work` (after the warm-up) unless --only leaves its label out; `fields` go in its line. */
  async function time(fields: { label: string } & Record<string, string>, work: () => Promise<unknown>) {
    if (only && !fields.label.includes(only)) return;
    for (let i = 0; i < warmup; i++) await work();
    const samples: number[] = [];
    for (let i = 0; i < runs; i++) {
      const started = process.hrtime.bigint();
      await work();
      samples.push(Number(process.hrtime.bigint() - started) / 1e6);
    }
    samples.sort((a, b) => a - b);
    console.log(
      JSON.stringify({
        ...fields,
        runs,
        p50: round(percentile(samples, 50)),
        p95: round(percentile(samples, 95)),
        max: round(samples[samples.length - 1]),
      }),
    );
  }
  return { time, runs, warmup, only };
}
