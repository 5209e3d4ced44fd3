// npm start: migrate the database, seed the demo data when it is empty (unless SEED_DEMO=0),
// build, and serve on PORT (default 3000). A second start reuses the data.
import { spawn, spawnSync } from "node:child_process";

const port = process.env.PORT ?? "3000";
const bin = (name) => `node_modules/.bin/${name}`;

function run(command, args, env = process.env) {
  console.log(`\n> ${command} ${args.join(" ")}`);
  const result = spawnSync(command, args, { stdio: "inherit", env });
  if (result.status !== 0) {
    console.error(`\n${command} ${args.join(" ")} failed (exit ${result.status}).`);
    process.exit(result.status ?? 1);
  }
}

run(bin("prisma"), ["migrate", "deploy"]);
if (process.env.SEED_DEMO !== "0") run(bin("tsx"), ["--conditions=react-server", "scripts/seed.ts"]);
if (process.env.SKIP_BUILD !== "1") run(bin("next"), ["build"], { ...process.env, NEXT_TELEMETRY_DISABLED: "1" });

console.log(`\nSlipcase is starting on http://localhost:${port}`);
// Idle keep-alive connections stay open 65 s (Node's default is 5 s), longer than the idle
// timeout of common proxies and load balancers (60 s): a client that reuses an idle connection
// just as the server closes it gets ECONNRESET — seen in the two-instance race test.
const keepAliveTimeout = process.env.KEEP_ALIVE_TIMEOUT_MS || "65000";
const server = spawn(bin("next"), ["start", "-p", port, "--keepAliveTimeout", keepAliveTimeout], {
  stdio: "inherit",
  env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
});
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));
