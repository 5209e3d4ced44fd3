// Prisma CLI configuration: the JS engine over the better-sqlite3 driver adapter, so no native
// engine binary is downloaded (see shared STACK notes).
import fs from "node:fs";
import path from "node:path";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { defineConfig } from "prisma/config";

// The CLI only checks that these paths exist; the JS engine is what runs.
process.env.PRISMA_QUERY_ENGINE_LIBRARY ??= path.resolve("package.json");
process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= path.resolve("package.json");
process.env.DATABASE_URL ??= "file:./data/slipcase.db";

// The driver opens the file itself and fails if its folder is missing.
const sqliteFile = process.env.DATABASE_URL.startsWith("file:") ? process.env.DATABASE_URL.slice(5) : null;
if (sqliteFile) fs.mkdirSync(path.dirname(path.resolve(sqliteFile)), { recursive: true });

export default defineConfig({
  schema: path.join("prisma", "schema.prisma"),
  experimental: { adapter: true },
  engine: "js",
  async adapter() {
    return new PrismaBetterSQLite3({ url: process.env.DATABASE_URL ?? "file:./data/slipcase.db" });
  },
});
