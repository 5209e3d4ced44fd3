// The merchant's deadline settings as the admin reads them: the time zone and the rules (the
// defaults while none were saved, or when the stored text is one this build cannot read).
import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { prisma } from "@/lib/db/client";
import { assertCanManageDeadlines } from "@/lib/deadlines/assert-can-manage-deadlines";
import { isTimeZone } from "@/lib/deadlines/calendar";
import type { DeadlineSettingsDto } from "@/lib/deadlines/schemas";
import { DEFAULT_TIME_ZONE, readStoredSettings } from "@/lib/deadlines/settings";

export async function getDeadlineSettings({ actor }: { actor: Actor }): Promise<DeadlineSettingsDto> {
  assertCanManageDeadlines(actor);
  const merchant = await prisma.merchant.findUniqueOrThrow({
    where: { id: actor.merchantId },
    select: { timeZone: true, deadlineSettings: true },
  });
  return {
    timeZone: isTimeZone(merchant.timeZone) ? merchant.timeZone : DEFAULT_TIME_ZONE,
    ...readStoredSettings(merchant.deadlineSettings),
  };
}
