// Zod schemas for administration (stores, terminals, staff): one source for the /admin forms, the
// server actions and the /api/admin route handlers. Importable by client and server (no I/O here).
import { z } from "zod";
import "@/lib/schemas/zod-config";

import { MAX_SOFTWARE_MAX_AGE_DAYS, MIN_SOFTWARE_MAX_AGE_DAYS, SOFTWARE_STATUSES } from "@/lib/admin/terminal-software";
import { containsPan, maskPans } from "@/lib/card-data/mask-pan";
import { cutoffTimeSchema } from "@/lib/deadlines/settings";
import { ROLES, type Role, storeScopeOf } from "@/lib/rbac/permissions";

export const MIN_PASSWORD_LENGTH = 12;

const id = (what: string) =>
  z
    .string({ error: `${what} is required.` })
    .min(1, `${what} is required.`)
    .max(64);

// Names are stored, copied into audit events and shown on every screen: a card number typed into
// one is masked (PCI DSS req. 3). An identifier cannot be masked without changing what it names,
// so one that looks like a card number is refused instead.

export const storeNameSchema = z
  .string({ error: "Store name is required." })
  .trim()
  .min(1, "Store name is required.")
  .max(80, "Store name must be at most 80 characters.")
  .overwrite(maskPans);

/** 终端编号 as printed on the slip; stored upper-case so "t1000001" and "T1000001" are one terminal. */
export const tidSchema = z
  .string({ error: "TID is required." })
  .trim()
  .regex(/^[A-Za-z0-9]{4,16}$/, "TID must be 4–16 letters or digits.")
  .refine((value) => !containsPan(value), {
    error: "TID must be the terminal's ID, not a card number.",
    params: { reason: "LOOKS_LIKE_CARD_NUMBER" },
  })
  .transform((value) => value.toUpperCase());

export const roleSchema = z.enum(ROLES, { error: `Role must be one of: ${ROLES.join(", ")}.` });

const storeIdsSchema = z.array(id("Store"), { error: "Stores must be a list of store ids." }).max(100);

/** Cashiers and supervisors work in named stores; finance and admins see every store. */
export function roleNeedsStores(role: Role): boolean {
  return storeScopeOf(role) === "assigned";
}

function checkStoresForRole(value: { role: Role; storeIds: string[] }, context: z.RefinementCtx) {
  if (roleNeedsStores(value.role) && value.storeIds.length === 0) {
    context.addIssue({
      code: "custom",
      path: ["storeIds"],
      message: "Choose at least one store for this role.",
      params: { reason: "STORES_REQUIRED_FOR_ROLE" },
    });
  }
}

/** Finance and admins see every store, so any stores sent with those roles are dropped. */
function storesForRole<T extends { role: Role; storeIds: string[] }>(value: T): T {
  return roleNeedsStores(value.role)
    ? { ...value, storeIds: [...new Set(value.storeIds)] }
    : { ...value, storeIds: [] };
}

export const createStoreSchema = z.strictObject({ name: storeNameSchema }).meta({ id: "CreateStore" });
export type CreateStoreInput = z.infer<typeof createStoreSchema>;

export const renameStoreSchema = z.strictObject({ name: storeNameSchema }).meta({ id: "RenameStore" });
export type RenameStoreInput = z.infer<typeof renameStoreSchema>;

/** PATCH /api/admin/stores/{id}: a new name, the daily batch cut-off (issue 9), or both. */
export const updateStoreSchema = z
  .strictObject({ name: storeNameSchema.optional(), cutoffTime: cutoffTimeSchema.optional() })
  .refine((value) => value.name !== undefined || value.cutoffTime !== undefined, {
    error: "Send a new name, a cut-off time, or both.",
    params: { reason: "STORE_CHANGE_EMPTY" },
  })
  .meta({ id: "UpdateStore" });
export type UpdateStoreInput = z.infer<typeof updateStoreSchema>;

export const storeCutoffInputSchema = z.strictObject({ cutoffTime: cutoffTimeSchema });
export type StoreCutoffInput = z.infer<typeof storeCutoffInputSchema>;

export const addTerminalSchema = z.strictObject({ storeId: id("Store"), tid: tidSchema }).meta({ id: "AddTerminal" });
export type AddTerminalInput = z.infer<typeof addTerminalSchema>;

export const moveTerminalSchema = z.strictObject({ storeId: id("Store") }).meta({ id: "MoveTerminal" });
export type MoveTerminalInput = z.infer<typeof moveTerminalSchema>;

// ---- issue 9: a terminal's details and the merchant's software-age threshold ----

/** Optional free text of a terminal: trimmed, card numbers masked, "" or null clears it. */
const terminalText = (what: string, max: number) =>
  z
    .string({ error: `${what} must be text.` })
    .trim()
    .max(max, `${what} must be at most ${max} characters.`)
    .overwrite(maskPans)
    .transform((value) => (value === "" ? null : value))
    .nullable()
    .optional();

/** The day the software was last updated, "YYYY-MM-DD"; not after today (a day's slack for time zones). */
const softwareUpdatedAtSchema = z.preprocess(
  (value) => (value === "" ? null : value),
  z.iso
    .date({ error: "The software's last update must be a date (YYYY-MM-DD)." })
    .refine((value) => Date.parse(`${value}T00:00:00Z`) <= Date.now() + 86_400_000, {
      error: "The software's last update cannot be in the future.",
      params: { reason: "OCCURRED_IN_FUTURE" },
    })
    .nullable()
    .optional(),
);

/** What changes: a field left out stays as it is; null or "" clears it. */
export const terminalDetailsSchema = z
  .strictObject({
    model: terminalText("Model", 80),
    softwareVersion: terminalText("Software version", 80),
    softwareUpdatedAt: softwareUpdatedAtSchema,
    supportContact: terminalText("Support contact", 200),
  })
  .meta({ id: "TerminalDetails" });
export type TerminalDetailsInput = z.infer<typeof terminalDetailsSchema>;
export const TERMINAL_DETAIL_FIELDS = ["model", "softwareVersion", "softwareUpdatedAt", "supportContact"] as const;

export const terminalSoftwarePolicySchema = z
  .strictObject({
    maxAgeDays: z.coerce
      .number({ error: "The threshold must be a number of days." })
      .int("The threshold must be a whole number of days.")
      .min(MIN_SOFTWARE_MAX_AGE_DAYS, `The threshold must be at least ${MIN_SOFTWARE_MAX_AGE_DAYS} day.`)
      .max(MAX_SOFTWARE_MAX_AGE_DAYS, `The threshold must be at most ${MAX_SOFTWARE_MAX_AGE_DAYS} days.`),
  })
  .meta({ id: "TerminalSoftwarePolicy" });
export type TerminalSoftwarePolicyInput = z.infer<typeof terminalSoftwarePolicySchema>;

export const createUserSchema = z
  .strictObject({
    email: z
      .string({ error: "Email is required." })
      .trim()
      .toLowerCase()
      .pipe(
        z
          .email({ error: "Enter a valid email address." })
          .max(254)
          .refine((value) => !containsPan(value), {
            error: "An email address must not hold a card number.",
            params: { reason: "LOOKS_LIKE_CARD_NUMBER" },
          }),
      ),
    name: z
      .string({ error: "Name is required." })
      .trim()
      .min(1, "Name is required.")
      .max(100, "Name must be at most 100 characters.")
      .overwrite(maskPans),
    password: z
      .string({ error: "An initial password is required." })
      .min(MIN_PASSWORD_LENGTH, `The initial password must be at least ${MIN_PASSWORD_LENGTH} characters.`)
      .max(128, "The initial password must be at most 128 characters."),
    role: roleSchema,
    storeIds: storeIdsSchema.default([]),
  })
  .superRefine(checkStoresForRole)
  .transform(storesForRole)
  .meta({ id: "CreateUser" });
export type CreateUserInput = z.infer<typeof createUserSchema>;

export const changeUserAccessSchema = z
  .strictObject({ role: roleSchema, storeIds: storeIdsSchema.default([]) })
  .superRefine(checkStoresForRole)
  .transform(storesForRole)
  .meta({ id: "ChangeUserAccess" });
export type ChangeUserAccessInput = z.infer<typeof changeUserAccessSchema>;

// ---- what the admin reads ----

export const adminTerminalSchema = z
  .object({
    id: z.string(),
    tid: z.string(),
    storeId: z.string(),
    active: z.boolean(),
    // Issue 9: what the admin recorded (null when not recorded).
    model: z.string().nullable(),
    softwareVersion: z.string().nullable(),
    softwareUpdatedAt: z.string().nullable().describe("The day the software was last updated, YYYY-MM-DD."),
    supportContact: z.string().nullable(),
    softwareStatus: z
      .enum(SOFTWARE_STATUSES)
      .describe(
        "outdated: last updated more than the merchant's threshold of days ago; unknown: no update day recorded " +
          "(flagged too); current otherwise.",
      ),
  })
  .meta({ id: "AdminTerminal" });
export type AdminTerminalDto = z.infer<typeof adminTerminalSchema>;

export const adminStoreSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    terminals: z.array(adminTerminalSchema),
    staffCount: z.number().int(),
    createdAt: z.string(),
  })
  .meta({ id: "AdminStore" });
export type AdminStoreDto = z.infer<typeof adminStoreSchema>;

export const adminUserSchema = z
  .object({
    id: z.string(),
    email: z.string(),
    name: z.string(),
    role: roleSchema,
    stores: z.array(z.object({ id: z.string(), name: z.string() })),
    active: z.boolean(),
    /** Set while sign-in is locked after repeated failures; null otherwise. */
    lockedUntil: z.string().nullable(),
    createdAt: z.string(),
  })
  .meta({ id: "AdminUser" });
export type AdminUserDto = z.infer<typeof adminUserSchema>;

export const terminalSoftwarePolicyResultSchema = z
  .object({ maxAgeDays: z.number().int() })
  .meta({ id: "TerminalSoftwarePolicyResult" });
export type TerminalSoftwarePolicyDto = z.infer<typeof terminalSoftwarePolicyResultSchema>;
