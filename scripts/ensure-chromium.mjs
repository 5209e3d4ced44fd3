// Makes sure a Chromium for the end-to-end tests exists. Playwright's own browser download cannot
// reach its host here, so the suite runs Debian's Chromium: installed with apt-get when running
// as root, otherwise this says what to install and fails.
import { spawnSync } from "node:child_process";
import fs from "node:fs";

const chromiumPath = process.env.CHROMIUM_PATH || "/usr/bin/chromium";

function isExecutable(file) {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function run(command, args) {
  console.log(`> ${command} ${args.join(" ")}`);
  const result = spawnSync(command, args, {
    stdio: "inherit",
    env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
  });
  if (result.status !== 0) {
    console.error(`${command} ${args.join(" ")} failed (exit ${result.status ?? result.signal}).`);
    process.exit(result.status || 1);
  }
}

if (isExecutable(chromiumPath)) process.exit(0);

if (process.env.CHROMIUM_PATH) {
  console.error(`CHROMIUM_PATH is set to ${chromiumPath}, but no executable is there.`);
  process.exit(1);
}

if (typeof process.getuid === "function" && process.getuid() === 0) {
  console.log("Chromium is missing: installing it from Debian's packages for the end-to-end tests.");
  run("apt-get", ["update"]);
  run("apt-get", ["install", "-y", "chromium"]);
  if (!isExecutable(chromiumPath)) {
    console.error(`apt-get installed chromium, but ${chromiumPath} is still missing.`);
    process.exit(1);
  }
  process.exit(0);
}

console.error(
  [
    `The end-to-end tests need Chromium at ${chromiumPath}, and it is not installed.`,
    "Install it from Debian's packages, as root:",
    "",
    "    apt-get update && apt-get install -y chromium",
    "",
    "or point CHROMIUM_PATH at an existing Chromium executable, then run the tests again.",
  ].join("\n"),
);
process.exit(1);
