// Zod schemas for drills (模拟演练, issue 10): starting one for a cashier and reading training
// records. One source for the form, the route handlers and the OpenAPI document. No I/O here.
import { z } from "zod";
import "@/lib/schemas/zod-config";
import { containsPan } from "@/lib/card-data/mask-pan";
import { INCIDENT_KINDS } from "@/lib/incidents/rules";

export const startDrillSchema = z
  .strictObject({
    kind: z.enum(INCIDENT_KINDS, { error: `kind must be one of: ${INCIDENT_KINDS.join(", ")}.` }),
    cashierId: z
      .string({ error: "cashierId is required: the cashier the drill is for." })
      .trim()
      .min(1, "cashierId is required: the cashier the drill is for.")
      .max(64)
      .describe("The user id of an active cashier of the merchant (a supervisor: of one of their stores)."),
    terminalId: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9]{4,16}$/, "Terminal must be a TID (4–16 letters or digits).")
      .refine((value) => !containsPan(value), {
        error: "Terminal must be a TID, not a card number.",
        params: { reason: "LOOKS_LIKE_CARD_NUMBER" },
      })
      .optional()
      .describe("The TID to practise on, in the cashier's store; default: the store's first active terminal."),
  })
  .meta({ id: "StartDrill" });
export type StartDrillInput = z.infer<typeof startDrillSchema>;

/** The most people one page of training records holds. */
export const TRAINING_PAGE_SIZE = 50;

export const trainingQuerySchema = z.strictObject({
  userId: z
    .string()
    .trim()
    .min(1)
    .max(64)
    .optional()
    .describe("One person's record; default: everyone you may see (a cashier: themselves)."),
  cursor: z
    .string()
    .trim()
    .min(1)
    .max(64)
    .optional()
    .describe("The nextCursor of the page before: the people after it, by name."),
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(TRAINING_PAGE_SIZE)
    .optional()
    .describe(`At most this many people (${TRAINING_PAGE_SIZE} when absent).`),
});
export type TrainingQuery = z.infer<typeof trainingQuerySchema>;

const count = z.number().int().nonnegative();

export const trainingKindSchema = z.object({
  kind: z.enum(INCIDENT_KINDS),
  /** drills of this kind started for the person */
  started: count,
  /** of which closed (walked to the end) */
  completed: count,
  /** closedAt of their latest closed drill of this kind; null when never completed */
  lastPractisedAt: z.string().nullable(),
});

export const trainingPersonSchema = z.object({
  userId: z.string(),
  name: z.string(),
  active: z.boolean(),
  /** One row per incident kind, in the kinds' order. */
  kinds: z.array(trainingKindSchema),
});
export type TrainingPerson = z.infer<typeof trainingPersonSchema>;

export const trainingRecordSchema = z
  .object({
    people: z.array(trainingPersonSchema),
    nextCursor: z.string().nullable().describe("the cursor of the next people by name; null on the last page"),
  })
  .meta({ id: "TrainingRecord" });
export type TrainingRecord = z.infer<typeof trainingRecordSchema>;
