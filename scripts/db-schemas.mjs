// One source of truth for the data model: prisma/schema.prisma (SQLite, the default). This writes
// prisma/postgresql/schema.prisma from it — same models, PostgreSQL datasource, its own client
// output — so the two cannot drift. `npm run db:schemas` rewrites it; the test suite fails when
// the committed file differs from what this would write (tests/integration/schema-drift.test.ts).
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const SOURCE = path.join(root, "prisma/schema.prisma");
export const POSTGRES_SCHEMA = path.join(root, "prisma/postgresql/schema.prisma");

export function postgresSchemaFrom(source) {
  const replaced = source
    .replace(/provider\s*=\s*"sqlite"/, 'provider = "postgresql"')
    .replace(/output\s*=\s*"\.\.\/lib\/generated\/prisma"/, 'output     = "../../lib/generated/postgresql"');
  if (!replaced.includes('provider = "postgresql"') || !replaced.includes("lib/generated/postgresql")) {
    throw new Error("prisma/schema.prisma no longer has the datasource/generator lines this script rewrites");
  }
  return `// GENERATED from prisma/schema.prisma by scripts/db-schemas.mjs — do not edit by hand.\n${replaced}`;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const wanted = postgresSchemaFrom(fs.readFileSync(SOURCE, "utf8"));
  fs.mkdirSync(path.dirname(POSTGRES_SCHEMA), { recursive: true });
  fs.writeFileSync(POSTGRES_SCHEMA, wanted);
  console.log(`wrote ${path.relative(root, POSTGRES_SCHEMA)}`);
}
