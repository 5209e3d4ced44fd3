// `next build` of the production app into a folder of its own, for the benchmarks. Next adds the
// build folder's type globs to tsconfig.json and points next-env.d.ts at it; both are put back
// afterwards when that is all that changed, so a benchmark leaves the checkout as it found it.
import fs from "node:fs";
import path from "node:path";
import { runLogged } from "./processes.mjs";

export function buildApp({ root, distDir, logFile, databaseUrl, reuseExisting = false }) {
  if (reuseExisting && fs.existsSync(path.join(root, distDir, "BUILD_ID"))) {
    console.log(`Reusing the build in ${distDir} (--skip-build).`);
    return;
  }
  const nextBin = path.join(root, "node_modules", "next", "dist", "bin", "next");
  const tsconfigPath = path.join(root, "tsconfig.json");
  const nextEnvPath = path.join(root, "next-env.d.ts");
  const tsconfigBefore = fs.readFileSync(tsconfigPath, "utf8");
  const nextEnvBefore = fs.existsSync(nextEnvPath) ? fs.readFileSync(nextEnvPath, "utf8") : null;
  console.log(`Building the production app into ${distDir} (log: ${path.relative(root, logFile)}) …`);
  const started = Date.now();
  try {
    runLogged({
      command: process.execPath,
      args: [nextBin, "build"],
      cwd: root,
      logFile,
      env: {
        ...process.env,
        NODE_ENV: "production",
        NEXT_DIST_DIR: distDir,
        NEXT_TELEMETRY_DISABLED: "1",
        DATABASE_URL: databaseUrl,
      },
    });
  } finally {
    const tsconfigAfter = fs.readFileSync(tsconfigPath, "utf8");
    if (tsconfigAfter !== tsconfigBefore) {
      const withoutBuild = (text) => {
        const parsed = JSON.parse(text);
        parsed.include = (parsed.include ?? []).filter((entry) => !entry.startsWith(`${distDir}/`));
        return JSON.stringify(parsed);
      };
      if (withoutBuild(tsconfigAfter) === withoutBuild(tsconfigBefore)) fs.writeFileSync(tsconfigPath, tsconfigBefore);
      else console.warn("tsconfig.json changed during the build (not only by Next); left as it is.");
    }
    if (nextEnvBefore !== null && fs.readFileSync(nextEnvPath, "utf8") !== nextEnvBefore) {
      fs.writeFileSync(nextEnvPath, nextEnvBefore);
    }
  }
  console.log(`Built in ${Math.round((Date.now() - started) / 1000)} s.`);
}
