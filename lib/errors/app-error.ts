// The one error type the domain throws; lib/api/respond.ts maps each code to an HTTP status.

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

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly fields?: Record<string, string>;
  /** Extra members of the error body, e.g. `duplicates` for DUPLICATE_SUSPECTED. */
  readonly details?: Record<string, unknown>;

  constructor(code: ErrorCode, message: string, fields?: Record<string, string>, details?: Record<string, unknown>) {
    super(message);
    this.name = "AppError";
    this.code = code;
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
