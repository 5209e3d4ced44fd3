// npm run dashboard:rebuild — counts every merchant's dashboard summary of incidents
// (DashboardIncidentDay) again from the incidents, in its zone, now rather than on the first
// dashboard read after a migration or a change of zone (at a million incidents that read would
// wait 20–60 s on SQLite, holding the write lock). Safe while the app runs: each merchant is
// counted under its row lock, as the app's own rebuild is.

import { rebuildIncidentRollup } from "@/lib/dashboard/incident-rollup";
import { databaseProvider, prisma } from "@/lib/db/client";
import { isTimeZone } from "@/lib/deadlines/calendar";
import { DEFAULT_TIME_ZONE } from "@/lib/deadlines/settings";

async function main() {
  const merchants = await prisma.merchant.findMany({ select: { id: true, name: true, timeZone: true } });
  for (const merchant of merchants) {
    const started = Date.now();
    const timeZone = isTimeZone(merchant.timeZone) ? merchant.timeZone : DEFAULT_TIME_ZONE;
    await prisma.$transaction(
      async (tx) => {
        if (databaseProvider === "postgresql") {
          await tx.$queryRaw`SELECT "id" FROM "Merchant" WHERE "id" = ${merchant.id} FOR NO KEY UPDATE`;
        }
        await rebuildIncidentRollup(tx, merchant.id, timeZone);
      },
      { maxWait: 60_000, timeout: 60 * 60_000 },
    );
    console.log(`${merchant.name}: counted in ${timeZone} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  }
  await prisma.$disconnect();
}

main().catch((error) => {
  console.error(`dashboard:rebuild failed: ${error?.message ?? error}`);
  process.exit(1);
});
