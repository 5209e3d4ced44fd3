// Issue 9: the terminal of a terminal_fault incident as its page shows it — the recorded details
// and whether its software is flagged against the merchant's threshold (lib/admin/terminal-software).
import "server-only";
import { dayOfStored, softwareStatus, todayIn } from "@/lib/admin/terminal-software";
import { env } from "@/lib/env";
import type { IncidentTerminalDto } from "@/lib/schemas/terminal-details";

export function incidentTerminalOf(
  terminal: {
    tid: string;
    model: string | null;
    softwareVersion: string | null;
    softwareUpdatedAt: Date | null;
    supportContact: string | null;
    merchant: { terminalSoftwareMaxAgeDays: number };
  },
  today: string = todayIn(env.MERCHANT_TIME_ZONE),
): IncidentTerminalDto {
  const updatedOn = terminal.softwareUpdatedAt ? dayOfStored(terminal.softwareUpdatedAt) : null;
  const maxAgeDays = terminal.merchant.terminalSoftwareMaxAgeDays;
  return {
    tid: terminal.tid,
    model: terminal.model,
    softwareVersion: terminal.softwareVersion,
    softwareUpdatedAt: updatedOn,
    supportContact: terminal.supportContact,
    softwareStatus: softwareStatus({ updatedOn, maxAgeDays, today }),
    maxAgeDays,
  };
}
