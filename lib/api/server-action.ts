// The edge every server action shares, as lib/api/respond.ts is for the route handlers: who is
// calling, the work, a refresh of the page after a success, and every expected error (AppError)
// turned into a result the form can show; anything else is logged, never leaked.
// Client components import only the types from here (`import type`), so nothing server-side
// reaches the browser.
import "server-only";
import { refresh } from "next/cache";
import { headers } from "next/headers";
import {
  type ActionFailure,
  type ActionResult,
  actionFailureOf,
  actionSuccess,
  internalFailure,
} from "@/lib/api/action-result";
import { type Actor, getActor } from "@/lib/auth/actor";
import { AppError, isAppError } from "@/lib/errors/app-error";
import { errorText, fieldTexts } from "@/lib/errors/translate";
import { currentLocale } from "@/lib/i18n/request";
import { log } from "@/lib/log";

// The answer's type lives in lib/api/action-result.ts (no server code), re-exported here for the
// actions that import it from their edge.
export type { ActionFailure, ActionResult, ActionState } from "@/lib/api/action-result";

/**
 * Any error as a form's failure, in the words of the reader's locale (the cookie, else
 * Accept-Language): an AppError says what went wrong; anything else is logged with `context` and
 * answered with a generic message.
 */
export async function failureOf(error: unknown, context: Record<string, unknown>): Promise<ActionFailure> {
  const locale = await currentLocale();
  if (isAppError(error)) {
    return actionFailureOf(error, {
      message: (appError) => errorText(locale, appError),
      fields: (appError) => fieldTexts(locale, appError.fields),
    });
  }
  log.error("Unhandled error in server action", { ...context, error });
  return internalFailure(errorText(locale, { reason: "INTERNAL_ERROR" }));
}

export async function runServerAction(name: string, work: (actor: Actor) => Promise<unknown>): Promise<ActionResult> {
  const actor = await getActor(await headers());
  if (!actor) return failureOf(new AppError("UNAUTHENTICATED", { reason: "SIGN_IN_REQUIRED" }), { action: name });
  try {
    await work(actor);
    refresh();
    return actionSuccess();
  } catch (error) {
    return failureOf(error, { action: name, userId: actor.userId });
  }
}

const NOT_FOUND = {
  Incident: "INCIDENT_NOT_FOUND",
  Store: "STORE_NOT_FOUND",
  Terminal: "TERMINAL_NOT_FOUND",
  User: "USER_NOT_FOUND",
  PreventionAction: "PREVENTION_ACTION_NOT_FOUND",
} as const;

/** Ids arrive from the client untyped; anything but a short string names nothing (404). */
export function idOf(value: unknown, what: keyof typeof NOT_FOUND): string {
  if (typeof value === "string" && value.length > 0 && value.length <= 64) return value;
  throw new AppError("NOT_FOUND", { reason: NOT_FOUND[what] });
}
