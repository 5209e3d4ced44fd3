// The command line of `npm run db:copy`. Pure: argv in, options (or a CopyError) out.
import { type DatabaseLocation, locateDatabase, sameDatabase } from "@/tools/db-copy/database-url";
import { CopyError } from "@/tools/db-copy/errors";

export const USAGE = `Usage: npm run db:copy -- --from <database URL> --to <database URL> [--batch-size <rows>]

Copies every table of a Slipcase database into an empty one, in one transaction:
  --from        the source, read in one consistent snapshot and never written
                (file:./data/slipcase.db or postgresql://user:password@host:5432/database)
  --to          the target; it is migrated first, and refused if any table already holds a row.
                A PostgreSQL target database must exist (createdb).
  --batch-size  rows per INSERT batch (default 1000)
A PostgreSQL password can come from PGPASSWORD instead of the URL, keeping it out of the process list.
Afterwards it compares row counts per table and verifies every merchant's audit hash chain on the
target; if anything differs the target is emptied again and the exit code is 1.
Stop the app's writes to the source while copying: rows written after the snapshot are not copied.`;

export const DEFAULT_BATCH_SIZE = 1000;

export type CopyCommand =
  | { help: true }
  | { help: false; from: DatabaseLocation; to: DatabaseLocation; batchSize: number };

const VALUE_FLAGS = ["--from", "--to", "--batch-size"] as const;
type ValueFlag = (typeof VALUE_FLAGS)[number];

function isValueFlag(name: string): name is ValueFlag {
  return (VALUE_FLAGS as readonly string[]).includes(name);
}

export function parseCopyArgs(argv: readonly string[], cwd: string): CopyCommand {
  const values: Partial<Record<ValueFlag, string>> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--help" || arg === "-h") return { help: true };
    const [name, inline] = arg.startsWith("--") && arg.includes("=") ? splitOnce(arg, "=") : [arg, undefined];
    if (!isValueFlag(name)) throw new CopyError(`Unknown argument "${arg}".\n\n${USAGE}`);
    if (values[name] !== undefined) throw new CopyError(`${name} is given twice.`);
    const value = inline ?? argv[++i];
    if (value === undefined || value === "" || (inline === undefined && value.startsWith("--"))) {
      throw new CopyError(`${name} needs a value.\n\n${USAGE}`);
    }
    values[name] = value;
  }
  if (!values["--from"] || !values["--to"]) {
    const missing = (["--from", "--to"] as const).filter((flag) => !values[flag]).join(" and ");
    throw new CopyError(`${missing} ${missing.includes(" and ") ? "are" : "is"} required.\n\n${USAGE}`);
  }
  const from = locateDatabase(values["--from"], cwd);
  const to = locateDatabase(values["--to"], cwd);
  if (sameDatabase(from, to)) throw new CopyError("--from and --to name the same database: nothing to copy.");
  return { help: false, from, to, batchSize: parseBatchSize(values["--batch-size"]) };
}

function splitOnce(text: string, separator: string): [string, string] {
  const at = text.indexOf(separator);
  return [text.slice(0, at), text.slice(at + separator.length)];
}

function parseBatchSize(value: string | undefined): number {
  if (value === undefined) return DEFAULT_BATCH_SIZE;
  const size = Number(value);
  if (!Number.isInteger(size) || size < 1 || size > 50_000) {
    throw new CopyError(`--batch-size must be a whole number from 1 to 50000, not "${value}".`);
  }
  return size;
}
