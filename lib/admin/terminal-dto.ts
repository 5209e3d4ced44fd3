// A terminal row as the admin reads it (lib/schemas/admin.ts AdminTerminal): its place, state,
// recorded details and whether its software is flagged against the merchant's threshold.
import "server-only";
import { dayOfStored, softwareStatus, todayIn } from "@/lib/admin/terminal-software";
import { env } from "@/lib/env";
import type { AdminTerminalDto } from "@/lib/schemas/admin";

/** The columns every admin terminal answer reads (the threshold through the merchant). */
export const adminTerminalSelect = {
  id: true,
  tid: true,
  storeId: true,
  active: true,
  model: true,
  softwareVersion: true,
  softwareUpdatedAt: true,
  supportContact: true,
  merchant: { select: { terminalSoftwareMaxAgeDays: true } },
} as const;

export interface AdminTerminalRow {
  id: string;
  tid: string;
  storeId: string;
  active: boolean;
  model: string | null;
  softwareVersion: string | null;
  softwareUpdatedAt: Date | null;
  supportContact: string | null;
  merchant: { terminalSoftwareMaxAgeDays: number };
}

export function toAdminTerminal(
  row: AdminTerminalRow,
  today: string = todayIn(env.MERCHANT_TIME_ZONE),
): AdminTerminalDto {
  const updatedOn = row.softwareUpdatedAt ? dayOfStored(row.softwareUpdatedAt) : null;
  return {
    id: row.id,
    tid: row.tid,
    storeId: row.storeId,
    active: row.active,
    model: row.model,
    softwareVersion: row.softwareVersion,
    softwareUpdatedAt: updatedOn,
    supportContact: row.supportContact,
    softwareStatus: softwareStatus({ updatedOn, maxAgeDays: row.merchant.terminalSoftwareMaxAgeDays, today }),
  };
}
