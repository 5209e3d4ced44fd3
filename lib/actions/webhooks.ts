"use server";
// The alert webhook's settings actions (components/alerts/webhook-settings.tsx): each reads its
// form, parses it with the shared schema (lib/webhooks/schemas.ts, the same the API uses) and calls
// one use case, which checks the role again. Saving answers the signing secret, which the form
// shows once.
import { refresh } from "next/cache";
import { headers } from "next/headers";
import type { ActionSuccess } from "@/lib/api/action-result";
import { actionSuccess } from "@/lib/api/action-result";
import { type ActionResult, type ActionState, failureOf, runServerAction } from "@/lib/api/server-action";
import { parseInput } from "@/lib/api/validation";
import { getActor } from "@/lib/auth/actor";
import { AppError } from "@/lib/errors/app-error";
import { assertCanManageWebhook } from "@/lib/webhooks/assert-can-manage-webhook";
import { removeWebhook } from "@/lib/webhooks/remove-webhook";
import { saveWebhook } from "@/lib/webhooks/save-webhook";
import { type WebhookSavedDto, webhookInputSchema } from "@/lib/webhooks/schemas";
import { sendTestWebhook } from "@/lib/webhooks/send-test-webhook";

export type WebhookSaveResult = (ActionSuccess & { saved: WebhookSavedDto }) | Exclude<ActionResult, ActionSuccess>;

export async function saveWebhookAction(_state: ActionState, form: FormData): Promise<WebhookSaveResult> {
  const context = { action: "saveWebhook" };
  const actor = await getActor(await headers());
  if (!actor) return failureOf(new AppError("UNAUTHENTICATED", { reason: "SIGN_IN_REQUIRED" }), context);
  try {
    assertCanManageWebhook(actor);
    const url = form.get("url");
    const input = parseInput(webhookInputSchema, {
      url: typeof url === "string" ? url : undefined,
      ...(form.get("rotateSecret") === "on" ? { rotateSecret: true } : {}),
    });
    const saved = await saveWebhook({ actor, input });
    refresh();
    return { ...actionSuccess(), saved };
  } catch (error) {
    return failureOf(error, { ...context, userId: actor.userId });
  }
}

/** Removing is confirmed in a dialog whose button sends confirm=yes; without it, the form asks. */
export async function removeWebhookAction(_state: ActionState, form: FormData): Promise<ActionResult> {
  return runServerAction("removeWebhook", async (actor) => {
    assertCanManageWebhook(actor);
    if (form.get("confirm") !== "yes") {
      throw new AppError(
        "BAD_REQUEST",
        { reason: "INVALID_INPUT", params: { field: "confirm", others: 0 } },
        { confirm: { reason: "REQUIRED" } },
      );
    }
    await removeWebhook({ actor });
  });
}

export async function sendTestWebhookAction(_state: ActionState, _form: FormData): Promise<ActionResult> {
  return runServerAction("sendTestWebhook", async (actor) => {
    await sendTestWebhook({ actor });
  });
}
