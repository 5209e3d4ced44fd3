// The admin replaces the merchant's deadline settings (PUT): the time zone on Merchant.timeZone,
// the rest as JSON in Merchant.deadlineSettings. Incidents already logged keep the deadlines they
// were given; the new rules apply to what is logged next. One `deadlines.changed` event (the
// settings before — null while they were the defaults — and after) in the same transaction;
// saving what is already there changes and records nothing.
import "server-only";
import { appendEvent } from "@/lib/audit/append-event";
import type { Actor } from "@/lib/auth/actor";
import { prisma } from "@/lib/db/client";
import { assertCanManageDeadlines } from "@/lib/deadlines/assert-can-manage-deadlines";
import type { DeadlineSettingsDto, DeadlineSettingsInput } from "@/lib/deadlines/schemas";
import { type DeadlineSettings, readStoredSettings } from "@/lib/deadlines/settings";

export async function saveDeadlineSettings({
  actor,
  input,
}: {
  actor: Actor;
  input: DeadlineSettingsInput;
}): Promise<DeadlineSettingsDto> {
  assertCanManageDeadlines(actor);
  const { timeZone, ...rest } = input;
  const settings: DeadlineSettings = {
    reminderHours: rest.reminderHours,
    escalateEveryHours: rest.escalateEveryHours,
    kinds: rest.kinds,
  };
  const stored = JSON.stringify(settings);
  return prisma.$transaction(async (tx) => {
    // Read through a write, which locks the row (PostgreSQL): two admins saving at once take
    // turns, and each event's `before` is what the other left.
    const merchant = await tx.merchant.update({
      where: { id: actor.merchantId },
      data: { updatedAt: new Date() },
      select: { timeZone: true, deadlineSettings: true },
    });
    const before = merchant.deadlineSettings === null ? null : readStoredSettings(merchant.deadlineSettings);
    if (merchant.timeZone === timeZone && before !== null && JSON.stringify(before) === stored) return input;
    await tx.merchant.update({
      where: { id: actor.merchantId },
      data: { timeZone, deadlineSettings: stored },
    });
    await appendEvent(tx, {
      merchantId: actor.merchantId,
      actorId: actor.userId,
      type: "deadlines.changed",
      before: { timeZone: merchant.timeZone, settings: before },
      after: { timeZone, settings },
    });
    return input;
  });
}
