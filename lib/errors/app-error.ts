// The one error type the domain throws. `code` is the HTTP class (lib/api/respond.ts maps it to a
// status); `reason` and `params` say what exactly went wrong, as a key of the message catalogue
// (lib/errors/messages.ts) that the edge puts into the reader's language. Field errors are
// messages too. Pure; importable by client and server.
import type { ErrorMessage, ErrorParams, ErrorReason } from "@/lib/errors/messages";

export const ERROR_CODES = [
  "BAD_REQUEST",
  "UNAUTHENTICATED",
  "FORBIDDEN",
  "NOT_FOUND",
  "CONFLICT",
  "RULE_VIOLATION",
  "LOCKED",
  "PAYLOAD_TOO_LARGE",
  "DUPLICATE_SUSPECTED",
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** Field name → what is wrong with it. */
export type FieldMessages = Record<string, ErrorMessage>;

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly reason: ErrorReason;
  readonly params: ErrorParams;
  readonly fields?: FieldMessages;
  /** Extra members of the error body, e.g. `duplicates` for DUPLICATE_SUSPECTED. */
  readonly details?: Record<string, unknown>;

  constructor(code: ErrorCode, message: ErrorMessage, fields?: FieldMessages, details?: Record<string, unknown>) {
    // The Error's own message is for logs: the reason and its parameters, never translated.
    super(message.params ? `${message.reason} ${JSON.stringify(message.params)}` : message.reason);
    this.name = "AppError";
    this.code = code;
    this.reason = message.reason;
    this.params = message.params ?? {};
    this.fields = fields;
    this.details = details;
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}

export const HTTP_STATUS = {
  BAD_REQUEST: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  RULE_VIOLATION: 422,
  LOCKED: 429,
  PAYLOAD_TOO_LARGE: 413,
  DUPLICATE_SUSPECTED: 409,
} as const satisfies Record<ErrorCode, number>;
