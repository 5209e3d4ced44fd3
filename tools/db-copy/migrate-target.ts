// Brings the target's schema up to date with the committed migrations of its provider, through the
// Prisma CLI (`prisma migrate deploy` with DATABASE_URL set to the target; prisma.config.ts picks
// the provider's schema and migrations from the URL).
import "server-only";
import { execFile } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { type DatabaseLocation, redactUrl } from "@/tools/db-copy/database-url";
import { CopyError } from "@/tools/db-copy/errors";

const run = promisify(execFile);

/** Runs the migrations and returns the names of those it applied (none when already up to date). */
export async function migrateTarget({
  location,
  projectRoot = process.cwd(),
}: {
  location: DatabaseLocation;
  projectRoot?: string;
}): Promise<string[]> {
  const prisma = path.join(projectRoot, "node_modules", ".bin", "prisma");
  if (!fs.existsSync(prisma)) {
    throw new CopyError(`The Prisma CLI is not at ${prisma}: run db:copy from the project root after npm install.`);
  }
  try {
    const { stdout } = await run(prisma, ["migrate", "deploy"], {
      cwd: projectRoot,
      env: { ...process.env, DATABASE_URL: location.url },
      maxBuffer: 16 * 1024 * 1024,
    });
    return appliedMigrations(stdout);
  } catch (error) {
    const { stdout = "", stderr = "" } = error as { stdout?: string; stderr?: string };
    const output = `${stdout}\n${stderr}`
      .split("\n")
      .filter((line) => line.trim() && !/datasource properties|will NOT be used|driver adapters|^- url$/i.test(line))
      .slice(-12)
      .join("\n  ");
    throw new CopyError(
      `Migrating the target failed (prisma migrate deploy); nothing was copied:\n  ${output.replaceAll(location.url, redactUrl(location.url))}`,
    );
  }
}

/** The migration folders `prisma migrate deploy` lists as applied. Pure. */
export function appliedMigrations(output: string): string[] {
  const applied = output.split(/have been applied:/)[1];
  if (!applied) return [];
  return [...applied.matchAll(/└─ (\d{14}_[^/\s]+)\//g)].map((match) => match[1]);
}
