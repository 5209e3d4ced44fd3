// npm run audit:verify — walks every merchant's audit hash chain and reports the first broken link,
// then checks the chain against the merchant's signed checkpoints (issue 10): a forged checkpoint,
// or a chain that ends before its latest checkpoint (the newest events deleted), fails too.
// Exits 1 when any merchant's chain or checkpoints fail.
import { verifyAllChainsAndCheckpoints } from "@/lib/audit/verify-chain";
import type { CheckpointCheck } from "@/lib/audit/verify-chain-with";

function checkpointLine(check: CheckpointCheck): string {
  switch (check.status) {
    case "none":
      return "no signed checkpoint yet (truncation cannot be told)";
    case "ok":
      return `reaches its latest signed checkpoint (seq ${check.seq}, ${check.at})`;
    case "forged":
      return `FORGED checkpoint at seq ${check.seq} (${check.at}): its signature is not this server's key`;
    case "truncated":
      return `TRUNCATED: the chain ends at seq ${check.chainEndsAt}, before the checkpoint signed at seq ${check.seq} (${check.at})`;
    case "mismatch":
      return `REWRITTEN: the event at seq ${check.seq} does not have the hash signed by the checkpoint of ${check.at}`;
    default:
      return check satisfies never;
  }
}

async function main() {
  const reports = await verifyAllChainsAndCheckpoints();
  let failed = false;
  for (const report of reports) {
    if (!report.ok) failed = true;
    const chain = report.brokenAt
      ? `BROKEN at seq ${report.brokenAt.seq} (event ${report.brokenAt.eventId}): ${report.brokenAt.reason}`
      : `${report.events} events, chain intact`;
    console.log(`merchant ${report.merchantId}: ${chain}; ${checkpointLine(report.checkpoint)}`);
  }
  if (reports.length === 0) console.log("No merchants: nothing to verify.");
  process.exit(failed ? 1 : 0);
}

void main();
