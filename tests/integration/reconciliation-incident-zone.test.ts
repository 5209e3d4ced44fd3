// An incident opened from a reconciliation line happened when the line says, in the merchant's
// zone (MERCHANT_TIME_ZONE) — the zone the files' times were read and matched in. A review found
// it read in Asia/Shanghai whatever the merchant's zone: hours off anywhere else.
import "@/tests/integration/merchant-zone-berlin";
import { beforeAll, expect, test } from "vitest";
import { prisma } from "@/lib/db/client";
import { env } from "@/lib/env";
import { demoMerchant, openIncidentAs, posException } from "@/tests/integration/reconciliation-exceptions-fixtures";

let merchant: Awaited<ReturnType<typeof demoMerchant>>;

beforeAll(async () => {
  merchant = await demoMerchant();
});

test("the incident's time is the line's wall clock in the merchant's zone", async () => {
  expect(env.MERCHANT_TIME_ZONE).toBe("Europe/Berlin");
  const { exception } = await posException(merchant, "pos_only", { txAt: "2026-07-14 11:00:00" });
  const opened = await openIncidentAs("finance", exception.id);
  expect(opened.status).toBe(201);
  const incident = await prisma.incident.findUniqueOrThrow({ where: { id: opened.body.incident.id } });
  // 11:00 in Berlin in July (CEST, UTC+2) is 09:00 UTC; read in Shanghai it would be 03:00 UTC.
  expect(incident.occurredAt.toISOString()).toBe("2026-07-14T09:00:00.000Z");
});
