import { describe, expect, test } from "vitest";
import { describeDatabase, locateDatabase, redactUrl } from "@/tools/db-copy/database-url";

describe("locateDatabase", () => {
  test("drops a SQLite URL's query and makes its path absolute", () => {
    expect(locateDatabase("file:./x.db?connection_limit=1", "/work")).toEqual({
      provider: "sqlite",
      url: "file:/work/x.db",
      file: "/work/x.db",
    });
  });

  test("fills in PostgreSQL's defaults: port 5432, the user's name as database, schema public", () => {
    expect(locateDatabase("postgres://ops@Example.com", "/")).toMatchObject({
      host: "example.com",
      port: 5432,
      database: "ops",
      schema: "public",
    });
  });

  test("reads Prisma's schema parameter", () => {
    expect(locateDatabase("postgresql://u@h:6543/db?schema=tenant_a", "/")).toMatchObject({
      port: 6543,
      database: "db",
      schema: "tenant_a",
    });
  });
});

describe("redactUrl", () => {
  test("hides the password and keeps the rest", () => {
    expect(redactUrl("postgresql://slipcase:s3cr%40t@localhost:5432/app")).toBe(
      "postgresql://slipcase:***@localhost:5432/app",
    );
    expect(redactUrl("postgresql://localhost/app")).toBe("postgresql://localhost/app");
    expect(redactUrl("file:./data/slipcase.db")).toBe("file:./data/slipcase.db");
  });
});

describe("describeDatabase", () => {
  test("names the file or the database, never the credentials", () => {
    expect(describeDatabase(locateDatabase("file:/d/s.db", "/"))).toBe("SQLite file /d/s.db");
    const pg = describeDatabase(locateDatabase("postgresql://u:pw@db:5432/app?schema=s", "/"));
    expect(pg).toBe('PostgreSQL database "app" on db:5432 (schema s)');
  });
});
