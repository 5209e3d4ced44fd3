"use server";
// The sign-in form's server action. The form posts here with or without JavaScript, so the
// password travels in a POST body only, never in a URL. On success the session cookies are set
// and the browser is sent on to `next` (a same-site path only); a failure answers the form, in
// the reader's words, with every refused field at once.
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import type { ActionFailure } from "@/lib/api/action-result";
import { failureOf } from "@/lib/api/server-action";
import { parseInput } from "@/lib/api/validation";
import { applySetCookies } from "@/lib/auth/apply-set-cookies";
import { signIn } from "@/lib/auth/sign-in";
import { signInSchema } from "@/lib/schemas/incident";
import { safeNextPath } from "./safe-next";

/** A failed sign-in, with the email typed so the form can show it again. */
export type SignInState = ActionFailure & { email: string };

function text(form: FormData, key: string): string {
  const value = form.get(key);
  return typeof value === "string" ? value : "";
}

export async function signInAction(_state: SignInState | null, form: FormData): Promise<SignInState> {
  // Shown again in the form after a failure; the password never is.
  const email = text(form, "email").trim().slice(0, 254);
  const next = safeNextPath(text(form, "next"));
  try {
    const input = parseInput(signInSchema, { email, password: text(form, "password") });
    // UNAUTHENTICATED (one message whatever was wrong) or LOCKED (too many tries) when refused.
    const { setCookie } = await signIn({ ...input, headers: await headers() });
    await applySetCookies(setCookie);
  } catch (error) {
    return { ...(await failureOf(error, { action: "signIn" })), email };
  }
  redirect(next);
}
