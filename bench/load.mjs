// The load generator for `npm run bench:api`, run as a child process (forked by bench/run.mjs) so
// autocannon never shares a process with the server it measures. It receives one scenario over
// IPC, runs a short warm-up and then the measured run against one or more base URLs (connections
// are spread across them), and sends back the figures.
//
// Scenarios: create (signed-in creates, a distinct Idempotency-Key per request), list (filtered
// incident list), steps (each request completes the next step of a different incident, with the
// version that step will find), health (GET /api/health), floor (the plain node:http floor server).
import { randomInt } from "node:crypto";
import autocannon from "autocannon";

const KINDS = [
  "wrong_amount",
  "wrong_card",
  "pin_error",
  "unsigned_slip",
  "debited_not_credited",
  "duplicate_charge",
  "terminal_fault",
  "suspected_fraud",
];
const TERMINALS = ["T1000001", "T1000002"];
/** Non-2xx answers kept for the report, so a failing run says why. */
const MAX_SAMPLES = 5;

/**
 * Where this process's serial numbers start: each load child counts from 1, and creates that
 * repeat an RRN, or a terminal, card and amount minutes apart, are refused as suspected duplicates.
 */
const SERIAL_BASE = randomInt(0, 989_000_000);

/** A realistic create body; the n-th varies kind, terminal and slip numbers (RRN and amount distinct). */
function createBody(n) {
  const serial = SERIAL_BASE + n;
  return JSON.stringify({
    kind: KINDS[n % KINDS.length],
    terminalId: TERMINALS[n % TERMINALS.length],
    amount: ((10_000 + serial) / 100).toFixed(2),
    currency: "CNY",
    cardBin: "622848",
    cardLast4: String(1000 + (n % 9000)),
    rrn: String(400000000000 + serial).slice(-12),
    traceNo: String(100000 + (n % 900000)),
    description: "Customer charged twice at the counter; second slip kept.",
  });
}

function scenarioRequests(config, state) {
  const jsonHeaders = { "content-type": "application/json", cookie: config.cookie ?? "" };
  const keepFailure = (status, body) => {
    if (status >= 300 && state.failures.length < MAX_SAMPLES) state.failures.push({ status, body: body.slice(0, 500) });
  };
  switch (config.scenario) {
    case "health":
      return [{ method: "GET", path: "/api/health" }];
    case "list":
      return [{ method: "GET", path: config.listPath, headers: { cookie: config.cookie } }];
    case "create":
    case "floor":
      return [
        {
          method: "POST",
          path: config.scenario === "floor" ? "/incidents" : "/api/incidents",
          setupRequest(request) {
            const n = ++state.sent;
            return {
              ...request,
              headers: { ...jsonHeaders, "idempotency-key": `${config.keyPrefix}-${n}` },
              body: createBody(n),
            };
          },
          onResponse(status, body, _context, headers) {
            keepFailure(status, body);
            if (status !== 201) return;
            if (headers["idempotent-replayed"]) state.replayed++;
            // Only the app's incidents feed the step scenario; the floor's live in its own database.
            if (config.scenario === "create") {
              const incident = JSON.parse(body);
              const pending = incident.steps.filter((step) => step.status === "pending").map((step) => step.key);
              state.created.push({ id: incident.id, steps: pending });
            }
          },
        },
      ];
    case "steps":
      return [
        {
          method: "POST",
          setupRequest(request) {
            const next = state.nextStep();
            return {
              ...request,
              path: `/api/incidents/${next.id}/steps/${next.key}`,
              headers: jsonHeaders,
              // Re-signing needs how the cardholder was reached and a verified identity.
              body: JSON.stringify(
                next.key === "resign"
                  ? { action: "complete", version: next.version, contactMethod: "phone", identityVerified: true }
                  : { action: "complete", version: next.version },
              ),
            };
          },
          onResponse: keepFailure,
        },
      ];
    default:
      throw new Error(`unknown scenario ${config.scenario}`);
  }
}

/**
 * The step plan over a pool of fresh incidents, each with its pending steps in checklist order.
 * Pass p completes the p-th step of every incident that has one, with version p + 1 (each step
 * bumps the version once). An incident comes round again only after the whole pool, long after
 * its previous step answered, so no request meets a stale version or a step out of order. The
 * warm-up takes the first step of incidents from the front, which the measured run never uses.
 */
function stepPlan(pool) {
  let warmupUsed = 0;
  let measured = null;
  let cursor = 0;
  return {
    startMeasuring() {
      measured = [];
      const incidents = pool.slice(warmupUsed);
      const passes = Math.max(0, ...incidents.map((incident) => incident.steps.length));
      for (let pass = 0; pass < passes; pass++) {
        for (const incident of incidents) {
          if (pass < incident.steps.length)
            measured.push({ id: incident.id, key: incident.steps[pass], version: pass + 1 });
        }
      }
    },
    /** Requests the measured run may send before it runs out of fresh steps. */
    capacity() {
      return measured?.length ?? 0;
    },
    nextStep() {
      if (measured === null) {
        const incident = pool[warmupUsed++ % pool.length];
        return { id: incident.id, key: incident.steps[0], version: 1 };
      }
      // autocannon is capped at capacity(); past it, repeat the last step (it would answer 422).
      return measured[Math.min(cursor++, measured.length - 1)];
    },
  };
}

function runAutocannon(options) {
  return new Promise((resolve, reject) => {
    autocannon(options, (error, result) => (error ? reject(error) : resolve(result)));
  });
}

async function run(config) {
  const state = { sent: 0, replayed: 0, created: [], failures: [] };
  let plan = null;
  if (config.scenario === "steps") {
    plan = stepPlan(config.incidents);
    state.nextStep = plan.nextStep;
  }
  const base = { url: config.urls, timeout: 30 };

  // Filling the pool of incidents for the step scenario: a fixed number of creates, not measured.
  if (config.amount) {
    const result = await runAutocannon({
      ...base,
      connections: Math.min(config.connections, config.amount),
      amount: config.amount,
      requests: scenarioRequests(config, state),
    });
    return {
      created: state.created,
      failures: result.non2xx + result.errors,
      failureSamples: state.failures,
      statusCodes: result.statusCodeStats,
      errors: result.errors,
      timeouts: result.timeouts,
    };
  }

  let warmupFailures = 0;
  if (config.warmupSeconds > 0) {
    // The step scenario warms up on a fixed number of incidents that its measured run never uses.
    const warmup = await runAutocannon({
      ...base,
      connections: Math.min(8, config.connections),
      ...(config.warmupRequests ? { amount: config.warmupRequests } : { duration: config.warmupSeconds }),
      requests: scenarioRequests(config, state),
    });
    warmupFailures = warmup.non2xx + warmup.errors;
  }
  const warmupFailureSamples = state.failures;
  state.failures = [];
  plan?.startMeasuring();
  // Below this autocannon's per-connection cap would round to 0, which means "no cap".
  if (plan && plan.capacity() < config.connections * 10) {
    throw new Error(`only ${plan.capacity()} fresh steps for ${config.connections} connections: create more incidents`);
  }
  const createdBeforeRun = state.created.length;

  const result = await runAutocannon({
    ...base,
    connections: config.connections,
    duration: config.durationSeconds,
    requests: scenarioRequests(config, state),
    ...(plan ? { maxOverallRequests: plan.capacity() } : {}),
  });
  return {
    scenario: config.scenario,
    requestsPerSecond: result.requests.average,
    latency: {
      p50: result.latency.p50,
      p90: result.latency.p90,
      p99: result.latency.p99,
      max: result.latency.max,
    },
    totalRequests: result.requests.total,
    durationSeconds: result.duration,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    statusCodes: result.statusCodeStats,
    replayed: state.replayed,
    failureSamples: state.failures,
    warmupFailures,
    warmupFailureSamples,
    created: state.created,
    createdDuringRun: state.created.length - createdBeforeRun,
    stepCapacity: plan ? plan.capacity() : null,
    // This process exits before the parent's CPU snapshot, so it reports its own CPU time.
    cpuSeconds: (process.cpuUsage().user + process.cpuUsage().system) / 1e6,
  };
}

process.once("message", (config) => {
  run(config).then(
    (result) => process.send({ ok: true, result }, () => process.exit(0)),
    (error) => process.send({ ok: false, error: String(error?.stack ?? error) }, () => process.exit(1)),
  );
});
