// npm run db:copy -- --from file:./data/slipcase.db --to postgresql://… — copies a whole Slipcase
// database into an empty one and verifies it (the rest of tools/db-copy). Exit code 0 copied and verified,
// 1 refused or failed (the target is left empty), 2 bad arguments.
import { copyDatabase } from "@/tools/db-copy/copy-database";
import { isCopyError } from "@/tools/db-copy/errors";
import { formatReport } from "@/tools/db-copy/format-report";
import { type CopyCommand, parseCopyArgs, USAGE } from "@/tools/db-copy/parse-args";

async function main(): Promise<number> {
  let command: CopyCommand;
  try {
    command = parseCopyArgs(process.argv.slice(2), process.cwd());
  } catch (error) {
    if (!isCopyError(error)) throw error;
    console.error(`db:copy: ${error.message}`);
    return 2;
  }
  if (command.help) {
    console.log(USAGE);
    return 0;
  }
  const report = await copyDatabase({ ...command, onProgress: (line) => console.log(line) });
  console.log(`\n${formatReport(report)}`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    // Expected failures are explained in their message; anything else is a bug worth its stack.
    console.error(isCopyError(error) ? `db:copy: ${error.message}` : error);
    process.exit(1);
  },
);
