// Zod schemas for prevention actions (issue 9): one source for the forms, the route handlers and
// the OpenAPI document. Importable by client and server (no I/O here).
import { z } from "zod";
import "@/lib/schemas/zod-config";
import { maskPans } from "@/lib/card-data/mask-pan";

export const PREVENTION_TYPES = [
  "retrain",
  "terminal_update",
  "replace_hardware",
  "signage",
  "procedure_review",
  "other",
] as const;
export type PreventionType = (typeof PREVENTION_TYPES)[number];

export const PREVENTION_STATUSES = ["open", "done"] as const;
export type PreventionStatus = (typeof PREVENTION_STATUSES)[number];

/** How many incidents one action may come from. */
export const MAX_ACTION_INCIDENTS = 50;

/** Stored text (and copied into audit events): card numbers masked. */
const noteText = (max: number) =>
  z
    .string({ error: "A note saying what is to be done is required." })
    .max(max, `At most ${max} characters.`)
    .trim()
    .min(1, "A note saying what is to be done is required.")
    .overwrite(maskPans);

export const createPreventionActionSchema = z
  .strictObject({
    type: z.enum(PREVENTION_TYPES, { error: `type must be one of: ${PREVENTION_TYPES.join(", ")}.` }),
    incidentIds: z
      .array(z.string().min(1).max(64), { error: "incidentIds is required: the closed incidents it comes from." })
      .min(1, "Name at least one closed incident.")
      .max(MAX_ACTION_INCIDENTS, `At most ${MAX_ACTION_INCIDENTS} incidents.`)
      .describe("The closed incidents this action is to prevent from happening again."),
    assigneeId: z
      .string({ error: "assigneeId is required: who is to do it." })
      .min(1)
      .max(64)
      .describe("The user (of the merchant, active) who owns the action."),
    dueAt: z.iso
      .datetime({ offset: true, error: "dueAt must be an ISO 8601 date-time." })
      .describe("When it is to be done by."),
    note: noteText(1000).describe("What is to be done."),
  })
  .meta({ id: "CreatePreventionAction" });
export type CreatePreventionActionInput = z.infer<typeof createPreventionActionSchema>;

export const completePreventionActionSchema = z
  .strictObject({ note: noteText(1000).describe("What was done.") })
  .meta({ id: "CompletePreventionAction" });
export type CompletePreventionActionInput = z.infer<typeof completePreventionActionSchema>;

export const listPreventionActionsQuerySchema = z.strictObject({
  status: z
    .enum(PREVENTION_STATUSES, { error: "status must be open or done." })
    .optional()
    .describe("open or done; both when absent"),
});

export const preventionActionSchema = z
  .object({
    id: z.string(),
    type: z.enum(PREVENTION_TYPES),
    status: z.enum(PREVENTION_STATUSES),
    note: z.string(),
    storeId: z.string().nullable(),
    assignee: z.object({ id: z.string(), name: z.string() }),
    dueAt: z.string(),
    overdue: z.boolean(),
    incidents: z.array(z.object({ id: z.string(), reference: z.string() })),
    createdBy: z.object({ id: z.string(), name: z.string() }),
    createdAt: z.string(),
    completedBy: z.object({ id: z.string(), name: z.string() }).nullable(),
    completedAt: z.string().nullable(),
    completionNote: z.string().nullable(),
  })
  .meta({ id: "PreventionAction" });
export type PreventionActionDto = z.infer<typeof preventionActionSchema>;

export const preventionActionListSchema = z
  .object({ items: z.array(preventionActionSchema), openCount: z.number().int() })
  .meta({ id: "PreventionActionList" });
