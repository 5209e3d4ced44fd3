import { describe, expect, test } from "vitest";
import { DEFAULT_BATCH_SIZE, parseCopyArgs } from "@/tools/db-copy/parse-args";

const PG = "postgresql://slipcase:secret@db.internal:5432/slipcase";

function parse(...argv: string[]) {
  return parseCopyArgs(argv, "/srv/slipcase");
}

describe("parseCopyArgs", () => {
  test("reads --from and --to, resolving a relative SQLite path against the working directory", () => {
    const command = parse("--from", "file:./data/slipcase.db", "--to", PG);
    expect(command).toEqual({
      help: false,
      from: { provider: "sqlite", url: "file:/srv/slipcase/data/slipcase.db", file: "/srv/slipcase/data/slipcase.db" },
      to: { provider: "postgresql", url: PG, host: "db.internal", port: 5432, database: "slipcase", schema: "public" },
      batchSize: DEFAULT_BATCH_SIZE,
    });
  });

  test("accepts --flag=value and a batch size", () => {
    const command = parse(`--to=${PG}`, "--from=file:a.db", "--batch-size=250");
    expect(command).toMatchObject({ help: false, batchSize: 250, from: { file: "/srv/slipcase/a.db" } });
  });

  test("--help asks for the usage text", () => {
    expect(parse("--help")).toEqual({ help: true });
  });

  test.each([
    [["--to", PG], "--from is required"],
    [["--from", "file:a.db"], "--to is required"],
    [[], "--from and --to are required"],
    [["--from", "--to", PG], "--from needs a value"],
    [["--from", "file:a.db", "--to", PG, "--merchant", "m1"], 'Unknown argument "--merchant"'],
    [["--from", "file:a.db", "--from", "file:b.db", "--to", PG], "--from is given twice"],
    [["--from", "file:a.db", "--to", PG, "--batch-size", "0"], "--batch-size must be a whole number"],
    [["--from", "file:a.db", "--to", PG, "--batch-size", "1.5"], "--batch-size must be a whole number"],
    [["--from", "mysql://localhost/x", "--to", PG], "neither a SQLite URL"],
    [["--from", "file:", "--to", PG], "names no file"],
  ])("refuses %j", (argv, message) => {
    expect(() => parse(...argv)).toThrow(message);
  });

  test("refuses to copy a SQLite file onto itself, however the path is spelled", () => {
    expect(() => parse("--from", "file:./data/slipcase.db", "--to", "file:data/../data/slipcase.db")).toThrow(
      "--from and --to name the same database",
    );
  });

  test("refuses to copy a PostgreSQL database onto itself, whatever the credentials or host spelling", () => {
    expect(() =>
      parse("--from", "postgresql://a:b@localhost/app", "--to", "postgres://other:pw@127.0.0.1:5432/app"),
    ).toThrow("--from and --to name the same database");
  });

  test("allows another database, port or schema on the same server", () => {
    expect(parse("--from", "postgresql://a@localhost/app", "--to", "postgresql://a@localhost/app2")).toMatchObject({
      help: false,
    });
    expect(parse("--from", "postgresql://a@localhost/app", "--to", "postgresql://a@localhost:5433/app")).toMatchObject({
      help: false,
    });
    expect(
      parse("--from", "postgresql://a@localhost/app", "--to", "postgresql://a@localhost/app?schema=copy"),
    ).toMatchObject({ help: false });
  });

  test("never repeats a password in its messages", () => {
    expect(() => parse("--from", "postgresql://a:hunter2@[bad", "--to", PG)).toThrow(/^(?!.*hunter2)/s);
  });
});
