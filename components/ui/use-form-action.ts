"use client";
// A form driven by a server action, with or without JavaScript. The form's `action` is the
// server action itself, so React renders `method="post"` and the action's id: a browser that has
// not run the page's script yet (or never will) posts the form, and the server renders the
// action's answer into the page (useActionState's state). Once hydrated, the form checks its
// fields first and calls `submit`: the action runs in a transition, nothing typed is reset when
// the server says no, and a lost connection is told apart from a refusal.
import { unstable_rethrow } from "next/navigation";
import { startTransition, useActionState, useState, useTransition } from "react";

/** A server action's answer to a form; `at` tells two answers apart. */
export interface FormActionState {
  at: number;
}

export function useFormAction<State extends FormActionState>(
  action: (state: State | null, form: FormData) => Promise<State>,
) {
  // What the server rendered after a post without JavaScript, then null.
  const [posted, formAction] = useActionState(action, null);
  const [answered, setAnswered] = useState<State | null>(null);
  const [unreachable, setUnreachable] = useState(false);
  const [pending, startSending] = useTransition();

  function submit(form: FormData) {
    setUnreachable(false);
    startSending(async () => {
      try {
        const state = await action(null, form);
        startTransition(() => setAnswered(state));
      } catch (error) {
        // A redirect (the action succeeded) is the router's to follow.
        unstable_rethrow(error);
        startTransition(() => setUnreachable(true));
      }
    });
  }

  return { state: answered ?? posted, formAction, pending, submit, unreachable };
}
