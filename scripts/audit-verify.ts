// npm run audit:verify — walks every merchant's audit hash chain and reports the first broken link.
import { verifyAllChains } from "@/lib/audit/verify-chain";

async function main() {
  const reports = await verifyAllChains();
  let broken = false;
  for (const report of reports) {
    if (report.ok) {
      console.log(`merchant ${report.merchantId}: ${report.events} events, chain intact`);
    } else {
      broken = true;
      console.log(
        `merchant ${report.merchantId}: BROKEN at seq ${report.brokenAt.seq} (event ${report.brokenAt.eventId}): ${report.brokenAt.reason}`,
      );
    }
  }
  if (reports.length === 0) console.log("No merchants: nothing to verify.");
  process.exit(broken ? 1 : 0);
}

void main();
