import { describe, expect, test } from "vitest";
import type { ColumnInfo } from "@/tools/db-copy/plan-tables";
import {
  formatSqliteDateTime,
  fromSqlite,
  parsePostgresTimestamp,
  parseSqliteDateTime,
  toPostgres,
  toSqlite,
} from "@/tools/db-copy/values";

const column = (kind: ColumnInfo["kind"]): ColumnInfo => ({ name: "c", kind, sqlType: kind });
const instant = new Date("2026-03-01T08:00:00.123Z");

describe("SQLite date and time", () => {
  test.each([
    ["Prisma's ISO text with +00:00", "2026-03-01T08:00:00.123+00:00"],
    ["ISO text with Z", "2026-03-01T08:00:00.123Z"],
    ["another offset", "2026-03-01T16:00:00.123+08:00"],
    ["epoch milliseconds", instant.getTime()],
    ["epoch milliseconds as bigint", BigInt(instant.getTime())],
  ])("reads %s as the same instant", (_what, raw) => {
    expect(parseSqliteDateTime(raw).toISOString()).toBe("2026-03-01T08:00:00.123Z");
  });

  test("reads CURRENT_TIMESTAMP's zone-less text as UTC, not local time", () => {
    expect(parseSqliteDateTime("2026-03-01 08:00:00").toISOString()).toBe("2026-03-01T08:00:00.000Z");
  });

  test("refuses text that is not a date", () => {
    expect(() => parseSqliteDateTime("yesterday")).toThrow();
    expect(() => fromSqlite("Incident", { name: "dueAt", kind: "datetime", sqlType: "DATETIME" }, "soon")).toThrow(
      'Cannot copy "Incident"."dueAt" (DATETIME): a value is not a date and time.',
    );
  });

  test("writes what Prisma's SQLite adapter writes, and reads it back to the millisecond", () => {
    expect(formatSqliteDateTime(instant)).toBe("2026-03-01T08:00:00.123+00:00");
    expect(toSqlite(column("datetime"), instant)).toBe("2026-03-01T08:00:00.123+00:00");
    expect(fromSqlite("t", column("datetime"), toSqlite(column("datetime"), instant))).toEqual(instant);
  });
});

describe("values between SQLite and the neutral form", () => {
  test("booleans are 0 and 1 in SQLite", () => {
    expect(fromSqlite("t", column("boolean"), 1n)).toBe(true);
    expect(fromSqlite("t", column("boolean"), 0n)).toBe(false);
    expect(toSqlite(column("boolean"), true)).toBe(1);
    expect(toSqlite(column("boolean"), false)).toBe(0);
    expect(() => fromSqlite("t", column("boolean"), 2n)).toThrow("neither 0 nor 1");
  });

  test("integers read as safe bigints become numbers; bigint columns stay exact", () => {
    expect(fromSqlite("t", column("integer"), 42n)).toBe(42);
    expect(fromSqlite("t", column("bigint"), 9_007_199_254_740_993n)).toBe(9_007_199_254_740_993n);
    expect(() => fromSqlite("t", column("integer"), 9_007_199_254_740_993n)).toThrow("too large");
  });

  test("nulls stay null and text stays exact", () => {
    for (const kind of ["text", "datetime", "boolean", "integer", "enum"] as const) {
      expect(fromSqlite("t", column(kind), null)).toBeNull();
      expect(toSqlite(column(kind), null)).toBeNull();
    }
    const text = "顾客未签名即离店。 ' \" \\ \n\t ****1111";
    expect(toSqlite(column("text"), fromSqlite("t", column("text"), text))).toBe(text);
  });
});

describe("values for PostgreSQL", () => {
  test("an instant is sent as UTC ISO text, whatever the process's time zone", () => {
    expect(toPostgres(instant)).toBe("2026-03-01T08:00:00.123Z");
  });

  test("a timestamp column is read as UTC wall-clock time", () => {
    expect(parsePostgresTimestamp("2026-03-01 08:00:00.123")).toEqual(instant);
    expect(parsePostgresTimestamp("2026-03-01 08:00:00.12")).toEqual(new Date("2026-03-01T08:00:00.120Z"));
    expect(() => parsePostgresTimestamp("infinity")).toThrow("no instant");
  });

  test("bigints are sent as text and everything else as it is", () => {
    expect(toPostgres(12n)).toBe("12");
    expect(toPostgres(true)).toBe(true);
    expect(toPostgres(7)).toBe(7);
    expect(toPostgres("ADMIN")).toBe("ADMIN");
    expect(toPostgres(null)).toBeNull();
  });
});
