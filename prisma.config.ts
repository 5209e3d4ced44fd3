// Prisma CLI configuration. The provider follows DATABASE_URL: a `file:` URL uses the SQLite
// schema and migrations (prisma/), a `postgresql://` URL the PostgreSQL ones (prisma/postgresql/,
// generated from the same source). Both run on the JS engine through a driver adapter, so no
// native engine binary is downloaded (see shared STACK notes).
import fs from "node:fs";
import path from "node:path";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { defineConfig } from "prisma/config";
// The CLI's migrate commands need adapter-pg 7 (6.19's fails to read the `name` column type);
// the app's runtime uses 6.19, matching @prisma/client.
import { PrismaPg } from "prisma-adapter-pg-cli";

// The CLI only checks that these paths exist; the JS engine is what runs.
process.env.PRISMA_QUERY_ENGINE_LIBRARY ??= path.resolve("package.json");
process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= path.resolve("package.json");
process.env.DATABASE_URL ??= "file:./data/slipcase.db";

const url = process.env.DATABASE_URL;
const isPostgres = /^postgres(ql)?:\/\//.test(url);

// The SQLite driver opens the file itself and fails if its folder is missing.
if (url.startsWith("file:")) fs.mkdirSync(path.dirname(path.resolve(url.slice(5))), { recursive: true });

export default defineConfig({
  schema: isPostgres ? path.join("prisma", "postgresql", "schema.prisma") : path.join("prisma", "schema.prisma"),
  experimental: { adapter: true },
  engine: "js",
  async adapter() {
    return isPostgres ? new PrismaPg({ connectionString: url }) : new PrismaBetterSQLite3({ url });
  },
});
