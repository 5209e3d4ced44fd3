// The edge every server action shares, as lib/api/respond.ts is for the route handlers: who is
// calling, the work, a refresh of the page after a success, and every expected error (AppError)
// turned into a result the form can show; anything else is logged, never leaked.
// Client components import only the types from here (`import type`), so nothing server-side
// reaches the browser.
import "server-only";
import { refresh } from "next/cache";
import { headers } from "next/headers";
import { type Actor, getActor } from "@/lib/auth/actor";
import { AppError, type ErrorCode, isAppError } from "@/lib/errors/app-error";
import { log } from "@/lib/log";

/**
 * What a server action answers: success, or an expected error the form shows. `at` tells two
 * answers apart, so a form shows its outcome again when the same answer comes twice.
 */
export type ActionResult =
  | { ok: true; at: number }
  | { ok: false; at: number; code: ErrorCode | "INTERNAL"; message: string; fields: Record<string, string> };

export type ActionFailure = Extract<ActionResult, { ok: false }>;

/** The state of a form driven by useActionState, before its first submission. */
export type ActionState = ActionResult | null;

export async function runServerAction(name: string, work: (actor: Actor) => Promise<unknown>): Promise<ActionResult> {
  const at = Date.now();
  const actor = await getActor(await headers());
  if (!actor) return { ok: false, at, code: "UNAUTHENTICATED", message: "Sign in to continue.", fields: {} };
  try {
    await work(actor);
    refresh();
    return { ok: true, at };
  } catch (error) {
    if (isAppError(error)) {
      return { ok: false, at, code: error.code, message: error.message, fields: error.fields ?? {} };
    }
    log.error("Unhandled error in server action", { action: name, userId: actor.userId, error });
    return {
      ok: false,
      at,
      code: "INTERNAL",
      message: "Something went wrong on our side. Please try again.",
      fields: {},
    };
  }
}

/** Ids arrive from the client untyped; anything but a short string names nothing (404). */
export function idOf(value: unknown, what: string): string {
  if (typeof value === "string" && value.length > 0 && value.length <= 64) return value;
  throw new AppError("NOT_FOUND", `${what} not found.`);
}
