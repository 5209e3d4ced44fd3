// The one codec between the API's lower-case values (the zod enums in rules.ts) and the
// database's UPPER_CASE Prisma enums. Both directions are total maps written out, so the compiler
// refuses a missing or misspelt value either way and no caller needs a cast. Pure, no I/O.
import type {
  ContactMethod as DbContactMethod,
  IncidentKind as DbIncidentKind,
  Resolution as DbResolution,
  StepKey as DbStepKey,
  StepStatus as DbStepStatus,
} from "@/lib/generated/prisma/enums";
import type { ContactMethod, IncidentKind, Resolution, StepKey, StepStatus } from "@/lib/incidents/rules";

const KIND_TO_DB = {
  wrong_amount: "WRONG_AMOUNT",
  wrong_card: "WRONG_CARD",
  pin_error: "PIN_ERROR",
  unsigned_slip: "UNSIGNED_SLIP",
  debited_not_credited: "DEBITED_NOT_CREDITED",
  duplicate_charge: "DUPLICATE_CHARGE",
  terminal_fault: "TERMINAL_FAULT",
  suspected_fraud: "SUSPECTED_FRAUD",
} as const satisfies Record<IncidentKind, DbIncidentKind>;
const KIND_FROM_DB = {
  WRONG_AMOUNT: "wrong_amount",
  WRONG_CARD: "wrong_card",
  PIN_ERROR: "pin_error",
  UNSIGNED_SLIP: "unsigned_slip",
  DEBITED_NOT_CREDITED: "debited_not_credited",
  DUPLICATE_CHARGE: "duplicate_charge",
  TERMINAL_FAULT: "terminal_fault",
  SUSPECTED_FRAUD: "suspected_fraud",
} as const satisfies Record<DbIncidentKind, IncidentKind>;

const STEP_KEY_TO_DB = {
  halt: "HALT",
  reverify: "REVERIFY",
  notify: "NOTIFY",
  resign: "RESIGN",
  reconcile: "RECONCILE",
} as const satisfies Record<StepKey, DbStepKey>;
const STEP_KEY_FROM_DB = {
  HALT: "halt",
  REVERIFY: "reverify",
  NOTIFY: "notify",
  RESIGN: "resign",
  RECONCILE: "reconcile",
} as const satisfies Record<DbStepKey, StepKey>;

const STEP_STATUS_TO_DB = {
  pending: "PENDING",
  done: "DONE",
  skipped: "SKIPPED",
  not_applicable: "NOT_APPLICABLE",
} as const satisfies Record<StepStatus, DbStepStatus>;
const STEP_STATUS_FROM_DB = {
  PENDING: "pending",
  DONE: "done",
  SKIPPED: "skipped",
  NOT_APPLICABLE: "not_applicable",
} as const satisfies Record<DbStepStatus, StepStatus>;

const CONTACT_METHOD_TO_DB = {
  phone: "PHONE",
  sms: "SMS",
  in_person: "IN_PERSON",
} as const satisfies Record<ContactMethod, DbContactMethod>;
const CONTACT_METHOD_FROM_DB = {
  PHONE: "phone",
  SMS: "sms",
  IN_PERSON: "in_person",
} as const satisfies Record<DbContactMethod, ContactMethod>;

const RESOLUTION_TO_DB = {
  voided: "VOIDED",
  refunded: "REFUNDED",
  resigned: "RESIGNED",
  recredited: "RECREDITED",
  no_loss: "NO_LOSS",
  written_off: "WRITTEN_OFF",
  escalated: "ESCALATED",
} as const satisfies Record<Resolution, DbResolution>;
const RESOLUTION_FROM_DB = {
  VOIDED: "voided",
  REFUNDED: "refunded",
  RESIGNED: "resigned",
  RECREDITED: "recredited",
  NO_LOSS: "no_loss",
  WRITTEN_OFF: "written_off",
  ESCALATED: "escalated",
} as const satisfies Record<DbResolution, Resolution>;

export const kindToDb = (kind: IncidentKind): DbIncidentKind => KIND_TO_DB[kind];
export const kindFromDb = (kind: DbIncidentKind): IncidentKind => KIND_FROM_DB[kind];
export const stepKeyToDb = (key: StepKey): DbStepKey => STEP_KEY_TO_DB[key];
export const stepKeyFromDb = (key: DbStepKey): StepKey => STEP_KEY_FROM_DB[key];
export const stepStatusToDb = (status: StepStatus): DbStepStatus => STEP_STATUS_TO_DB[status];
export const stepStatusFromDb = (status: DbStepStatus): StepStatus => STEP_STATUS_FROM_DB[status];
export const contactMethodToDb = (method: ContactMethod): DbContactMethod => CONTACT_METHOD_TO_DB[method];
export const contactMethodFromDb = (method: DbContactMethod): ContactMethod => CONTACT_METHOD_FROM_DB[method];
export const resolutionToDb = (resolution: Resolution): DbResolution => RESOLUTION_TO_DB[resolution];
export const resolutionFromDb = (resolution: DbResolution): Resolution => RESOLUTION_FROM_DB[resolution];
