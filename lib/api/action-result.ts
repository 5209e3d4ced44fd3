// What every server action answers a form: success, or an expected failure the form shows. One
// type for the sign-in, log-incident, casework and admin forms, read by one hook
// (components/ui/use-form-action.ts). Pure and serialisable: it crosses from server to browser.
import type { AppError, ErrorCode } from "@/lib/errors/app-error";
import type { ErrorMessageData, ErrorParams } from "@/lib/errors/messages";

export interface ActionSuccess {
  ok: true;
  /** When the answer was made: tells two equal answers apart, so a form shows the second too. */
  at: number;
}

/**
 * A refusal, shaped like the API's error body (lib/api/respond.ts): `reason` and `params` are the
 * stable keys, `message` and `fields` the same in the reader's words (worded by the edge,
 * lib/api/server-action.ts), `fieldReasons` the keys behind each field's words.
 */
export interface ActionFailure {
  ok: false;
  at: number;
  code: ErrorCode | "INTERNAL";
  reason: string;
  params: ErrorParams;
  message: string;
  /** Every field the server refused, at once, each with what is wrong in words. */
  fields: Record<string, string>;
  fieldReasons: Record<string, ErrorMessageData>;
  /** Anything else the failure carries, e.g. `duplicates` for DUPLICATE_SUSPECTED. */
  details?: Record<string, unknown>;
}

export type ActionResult = ActionSuccess | ActionFailure;

/** The state of a form before its first answer, then its last answer. */
export type ActionState = ActionResult | null;

/** How the edge puts an error into the reader's words. */
export interface ErrorWording {
  message: (error: AppError) => string;
  fields: (error: AppError) => Record<string, string>;
}

export function actionSuccess(): ActionSuccess {
  return { ok: true, at: Date.now() };
}

/** An expected error (AppError) as a form's failure, worded by `wording`. */
export function actionFailureOf(error: AppError, wording: ErrorWording): ActionFailure {
  return {
    ok: false,
    at: Date.now(),
    code: error.code,
    reason: error.reason,
    params: error.params,
    message: wording.message(error),
    fields: wording.fields(error),
    fieldReasons: Object.fromEntries(
      Object.entries(error.fields ?? {}).map(([field, message]) => [
        field,
        { reason: message.reason, params: message.params ?? {} },
      ]),
    ),
    ...(error.details ? { details: error.details } : {}),
  };
}

/** An unexpected error: nothing about it leaves the server. */
export function internalFailure(message: string): ActionFailure {
  return {
    ok: false,
    at: Date.now(),
    code: "INTERNAL",
    reason: "INTERNAL_ERROR",
    params: {},
    message,
    fields: {},
    fieldReasons: {},
  };
}

/** The duplicates a DUPLICATE_SUSPECTED failure names, if it is one. */
export function suspectedDuplicates(state: ActionState): { id: string; reference: string }[] {
  if (!state || state.ok || state.code !== "DUPLICATE_SUSPECTED") return [];
  const duplicates = state.details?.duplicates;
  if (!Array.isArray(duplicates)) return [];
  return duplicates.filter(
    (item): item is { id: string; reference: string } =>
      typeof item === "object" &&
      item !== null &&
      typeof (item as { id?: unknown }).id === "string" &&
      typeof (item as { reference?: unknown }).reference === "string",
  );
}
