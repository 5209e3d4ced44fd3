// Issue 9: a terminal's recorded details as a terminal_fault incident shows them. Pure; importable
// by client and server.
import { z } from "zod";
import { SOFTWARE_STATUSES } from "@/lib/admin/terminal-software";

export const incidentTerminalSchema = z
  .object({
    tid: z.string(),
    model: z.string().nullable(),
    softwareVersion: z.string().nullable(),
    softwareUpdatedAt: z.string().nullable().describe("The day its software was last updated, YYYY-MM-DD."),
    supportContact: z.string().nullable(),
    softwareStatus: z
      .enum(SOFTWARE_STATUSES)
      .describe("outdated: last updated more than maxAgeDays ago; unknown: no update day recorded; else current."),
    maxAgeDays: z.number().int().describe("The merchant's threshold, in days."),
  })
  .meta({ id: "IncidentTerminal" });
export type IncidentTerminalDto = z.infer<typeof incidentTerminalSchema>;
