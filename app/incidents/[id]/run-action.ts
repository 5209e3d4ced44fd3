// The shared edge of the casework server actions: who is calling, and every expected error
// (AppError) turned into a result the form can show; anything else is logged, never leaked.
import "server-only";
import { headers } from "next/headers";
import type { ActionResult } from "@/components/casework/action-result";
import { type Actor, getActor } from "@/lib/auth/actor";
import { isAppError } from "@/lib/errors/app-error";
import { log } from "@/lib/log";

export async function runAction(name: string, work: (actor: Actor) => Promise<void>): Promise<ActionResult> {
  const actor = await getActor(await headers());
  if (!actor) return { ok: false, code: "UNAUTHENTICATED", message: "Sign in to continue." };
  try {
    await work(actor);
    return { ok: true };
  } catch (error) {
    if (isAppError(error)) {
      return { ok: false, code: error.code, message: error.message, ...(error.fields ? { fields: error.fields } : {}) };
    }
    log.error("Unhandled error in server action", { action: name, userId: actor.userId, error });
    return { ok: false, code: "INTERNAL", message: "Something went wrong on our side. Please try again." };
  }
}

/** Ids arrive from the client untyped; anything but a short string cannot name an incident. */
export function incidentIdOf(value: unknown): string | null {
  return typeof value === "string" && value.length > 0 && value.length <= 64 ? value : null;
}
