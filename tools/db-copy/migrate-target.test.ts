import { expect, test } from "vitest";
import { appliedMigrations } from "@/tools/db-copy/migrate-target";

test("lists the migrations prisma migrate deploy applied", () => {
  const output = `1 migration found in prisma/migrations


The following migration(s) have been applied:

migrations/
  └─ 20261125000000_init/
    └─ migration.sql
  └─ 20261201000000_rate_limits/
    └─ migration.sql

All migrations have been successfully applied.`;
  expect(appliedMigrations(output)).toEqual(["20261125000000_init", "20261201000000_rate_limits"]);
});

test("lists none when the schema was up to date", () => {
  expect(appliedMigrations("1 migration found in prisma/migrations\n\nNo pending migrations to apply.")).toEqual([]);
});
