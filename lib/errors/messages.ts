// The catalogue of every message an error can carry: a stable reason (the key clients switch on
// and translators translate, in messages/<locale>/errors.json under `Errors.reasons`) and the
// names and kinds of its parameters. The kind says how a parameter is shown: a step key as the
// step's name in the reader's language, a number with the locale's digit grouping, text as it is.
// Pure; importable by client and server.

/** How a parameter's raw value is turned into text before it goes into the sentence. */
export type ParamKind =
  /** Shown as it is (a name, a TID, an e-mail address, a field name). */
  | "text"
  /** A number, grouped as the locale groups digits. */
  | "number"
  /** A checklist step key ("notify"), shown as the step's name. */
  | "step"
  /** Step keys joined by commas ("notify,reconcile"), shown as a list of step names. */
  | "steps"
  /** A step status ("done"), shown as the status's name. */
  | "stepStatus";

export const ERROR_MESSAGES = {
  // ---- anything unexpected ----
  INTERNAL_ERROR: {},

  // ---- who is calling ----
  SIGN_IN_REQUIRED: {},
  SIGN_IN_FAILED: {},
  SIGN_IN_LOCKED: {},
  CROSS_SITE_REFUSED: {},

  // ---- the address itself (refused by proxy.ts before any route) ----
  PATH_NOT_DECODABLE: {},
  QUERY_HAS_NUL: {},
  MULTIPART_UNREADABLE: {},
  UPLOAD_NOT_MULTIPART: {},
  FILE_TOO_LARGE: { limit: "text" },
  FILE_EMPTY: {},
  FILE_NAME_NOT_TEXT: {},
  WORKBOOK_UNREADABLE: {},

  // ---- the request as a whole ----
  BODY_EMPTY: {},
  BODY_NOT_JSON: {},
  BODY_NOT_OBJECT: {},
  BODY_TOO_LARGE: { limit: "number" },
  BODY_TOO_DEEP: { max: "number" },
  CARD_SECURITY_DATA: {},
  INVALID_INPUT: { field: "text", others: "number" },
  IDEMPOTENCY_KEY_INVALID: { max: "number" },
  IDEMPOTENCY_KEY_HOLDS_CARD: {},
  IDEMPOTENCY_KEY_REUSED: {},

  // ---- one field (from the schemas, through lib/api/validation.ts) ----
  REQUIRED: {},
  UNKNOWN_FIELD: {},
  HEADER_USED_TWICE: {},
  GIVEN_TWICE: {},
  MORE_UNKNOWN_FIELDS: { count: "number" },
  NOT_TEXT: {},
  CARD_SECURITY_FIELD: {},
  WRONG_TYPE: { expected: "text" },
  TOO_SHORT: { min: "number" },
  TOO_LONG: { max: "number" },
  TOO_SMALL: { min: "number" },
  TOO_BIG: { max: "number" },
  TOO_FEW_ITEMS: { min: "number" },
  TOO_MANY_ITEMS: { max: "number" },
  NOT_ONE_OF: { field: "text", options: "text" },
  INVALID_FORMAT: { field: "text" },
  INVALID_EMAIL: {},
  INVALID_DATE_TIME: {},
  INVALID_DATE: {},
  INVALID_VALUE: {},
  AMOUNT_NOT_A_NUMBER: {},
  AMOUNT_NOT_POSITIVE: {},
  AMOUNT_TOO_LARGE: { max: "text" },
  CAUSE_OTHER_NEEDS_NOTE: {},
  LOOKS_LIKE_CARD_NUMBER: { field: "text" },
  STORES_REQUIRED_FOR_ROLE: {},
  OCCURRED_IN_FUTURE: {},
  DUE_IN_PAST: {},
  TIME_ZONE_UNKNOWN: {},

  // ---- roles (403) ----
  ROLE_CANNOT_VIEW: {},
  ROLE_CANNOT_CREATE: {},
  ROLE_CANNOT_CLOSE: {},
  ROLE_CANNOT_REOPEN: {},
  ROLE_CANNOT_SKIP: {},
  ROLE_CANNOT_COMPLETE_STEP: { step: "step" },
  FINANCE_QUEUE_ONLY: {},
  ADMIN_ONLY: {},
  RECONCILIATION_ONLY: {},
  PLAN_ADMIN_ONLY: {},
  DEADLINES_ADMIN_ONLY: {},
  AUDIT_EXPORT_NOT_ALLOWED: {},
  DASHBOARD_NOT_ALLOWED: {},
  ROLE_CANNOT_PREVENT: {},
  ALERTS_NOT_ALLOWED: {},
  ALERT_RULES_ADMIN_ONLY: {},
  WEBHOOK_ADMIN_ONLY: {},
  ROLE_CANNOT_START_DRILL: {},
  ROLE_CANNOT_VIEW_TRAINING: {},
  TERMINAL_NOT_IN_YOUR_STORES: {},

  // ---- not found (404) ----
  INCIDENT_NOT_FOUND: {},
  STORE_NOT_FOUND: {},
  STORES_NOT_FOUND: {},
  TERMINAL_NOT_FOUND: {},
  USER_NOT_FOUND: {},
  UNKNOWN_STORE: {},
  FORMAT_NOT_FOUND: {},
  FORMAT_OTHER_TYPE: { type: "text" },
  IMPORT_NOT_FOUND: {},
  EXCEPTION_NOT_FOUND: {},
  LINE_NOT_FOUND: {},
  NOTIFICATION_NOT_FOUND: {},
  PREVENTION_ACTION_NOT_FOUND: {},
  ALERT_NOT_FOUND: {},
  WEBHOOK_NOT_CONFIGURED: {},
  CALENDAR_DAY_NOT_FOUND: { date: "text" },

  // ---- conflicts (409) ----
  INCIDENT_CHANGED: { current: "number", sent: "number" },
  INCIDENT_CHANGED_CONCURRENTLY: {},
  CURRENT_VERSION: { current: "number" },
  STORE_NAME_TAKEN: { name: "text" },
  TERMINAL_ALREADY_REGISTERED: { terminal: "text" },
  EMAIL_TAKEN: { email: "text" },
  ALREADY_IN_USE: {},
  FORMAT_NAME_TAKEN: { name: "text" },
  DUPLICATE_SUSPECTED: { count: "number" },
  CALENDAR_DAY_TAKEN: { date: "text" },
  ALERT_ALREADY_ACKNOWLEDGED: {},
  ALERT_ALREADY_RESOLVED: {},
  DRILL_ALREADY_OPEN: {},

  // ---- the step rules and other rules (422) ----
  INCIDENT_CLOSED_REOPEN_FIRST: {},
  STEP_NOT_APPLICABLE: { step: "step" },
  PLAN_PERSON_UNKNOWN: { id: "text" },
  STEP_ALREADY_ACTED: { step: "step", status: "stepStatus" },
  STEP_OUT_OF_ORDER: { next: "step", step: "step" },
  SKIP_NEEDS_NOTE: {},
  CONTACT_METHOD_REQUIRED: {},
  IDENTITY_NOT_VERIFIED: {},
  INCIDENT_ALREADY_CLOSED: {},
  STEPS_STILL_PENDING: { steps: "steps" },
  ONLY_CLOSED_CAN_REOPEN: {},
  REOPEN_NEEDS_NOTE: {},
  PREVENTION_NEEDS_CLOSED_INCIDENTS: {},
  PREVENTION_ALREADY_DONE: {},
  TERMINAL_UNKNOWN: { terminal: "text" },
  TERMINAL_ALREADY_IN_STORE: { terminal: "text", store: "text" },
  OWN_ROLE_CHANGE: {},
  OWN_ACCOUNT_DEACTIVATION: {},
  USER_NOT_LOCKED: {},
  FILE_NOT_READABLE: {},
  FILE_REFUSED: { count: "number" },
  EXCEPTION_AMBIGUOUS_PAIR_FIRST: {},
  EXCEPTION_NEEDS_NO_INCIDENT: { category: "text" },
  EXCEPTION_ALREADY_RESOLVED: {},
  EXCEPTION_HAS_NO_TERMINAL: {},
  EXCEPTION_AMOUNT_TOO_LARGE: { amount: "text", max: "text" },
  LINE_WRONG_SOURCE: { expected: "text" },
  LINE_ALREADY_PAIRED: {},
  LINE_NOT_PAIRED: {},
  IMPORT_NOT_WITHDRAWABLE: {},
  IMPORT_RUNNING: { file: "text" },
  IMPORT_LINES_LEFT_OUT_LATER: { file: "text" },
  IMPORT_HAS_INCIDENTS: { incidents: "text" },
  IMPORT_LINES_PAIRED_BY_HAND: { count: "number" },
  IMPORT_WITHDRAWING: { file: "text" },
  IMPORT_MATCHING: { file: "text" },
  LINE_NOT_PAIRABLE: { category: "text" },
  LINE_NOT_UNPAIRABLE: {},
  LINES_OTHER_TERMINAL: {},
  LINES_OTHER_CURRENCY: {},
  LINES_OTHER_DIRECTION: {},
  DATE_RANGE_REVERSED: {},
  PERIOD_TOO_LONG: { max: "number" },
  AUDIT_PDF_TOO_MANY_INCIDENTS: { limit: "number", count: "number" },
  STORE_CHANGE_EMPTY: {},
  DRILL_FOR_ACTIVE_CASHIERS_ONLY: {},
  DRILL_TERMINAL_NOT_IN_CASHIERS_STORE: {},
  DRILL_NO_TERMINAL: {},
  WEBHOOK_URL_INVALID: {},
  WEBHOOK_URL_SCHEME: {},
  WEBHOOK_URL_CREDENTIALS: {},
  WEBHOOK_URL_PRIVATE_ADDRESS: {},
  WEBHOOK_URL_UNRESOLVED: {},
} as const satisfies Record<string, Record<string, ParamKind>>;

export type ErrorReason = keyof typeof ERROR_MESSAGES;

export const ERROR_REASONS = Object.keys(ERROR_MESSAGES) as [ErrorReason, ...ErrorReason[]];

type ParamsOf<R extends ErrorReason> = { [P in keyof (typeof ERROR_MESSAGES)[R]]: string | number };

/**
 * A message before it is put into words: its reason and the parameters that reason takes (checked
 * by the compiler, so a missing or misspelt parameter does not build).
 */
export type ErrorMessage = {
  [R in ErrorReason]: keyof (typeof ERROR_MESSAGES)[R] extends never
    ? { reason: R; params?: undefined }
    : { reason: R; params: ParamsOf<R> };
}[ErrorReason];

/** Params as they travel in JSON and in action results: a plain record (empty when none). */
export type ErrorParams = Record<string, string | number>;

/** A message in the loose shape it has after travelling (JSON, a server action's result). */
export interface ErrorMessageData {
  reason: string;
  params?: ErrorParams;
}

export function isErrorReason(value: unknown): value is ErrorReason {
  return typeof value === "string" && Object.hasOwn(ERROR_MESSAGES, value);
}

/** The parameter kinds of a reason (empty for an unknown one). */
export function paramKinds(reason: string): Record<string, ParamKind> {
  return isErrorReason(reason) ? ERROR_MESSAGES[reason] : {};
}
