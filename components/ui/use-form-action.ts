"use client";
// The one way a form runs its server action, with or without JavaScript. The form's `action` is
// the server action itself, so React renders `method="post"` and the action's id: a browser that
// has not run the page's script yet (or never will) posts the form, and the server renders the
// action's answer into the page (useActionState's state). Once hydrated, the form is sent in a
// transition instead: nothing typed is reset when the server says no, a lost connection is told
// apart from a refusal, and after a refusal the focus goes to the error summary (or the first
// field marked invalid) so a keyboard or screen-reader user hears what to fix.
// Validation is the server's: it answers every field at once, so there is one round of errors.
import { unstable_rethrow } from "next/navigation";
import {
  type FormEvent,
  type RefObject,
  startTransition,
  useActionState,
  useEffect,
  useRef,
  useState,
  useTransition,
} from "react";
import type { ActionResult } from "@/lib/api/action-result";

export interface FormActionOptions<Result extends ActionResult> {
  /**
   * The action is a function made in the browser (it closes over the page's data), not a server
   * action: the form posts nowhere useful without JavaScript, so it only runs once hydrated.
   */
  javaScriptOnly?: boolean;
  /** Clear the form after a success (a form that adds something); an edit form keeps its values. */
  resetOnSuccess?: boolean;
  onSuccess?: (result: Result) => void;
  /** Adjusts what is sent (e.g. a time with its zone) before the action sees it. */
  prepare?: (form: FormData) => FormData;
}

type FormProps =
  | { ref: RefObject<HTMLFormElement | null>; action: (form: FormData) => void; onSubmit: Submit; noValidate: true }
  | { ref: RefObject<HTMLFormElement | null>; method: "post"; onSubmit: Submit; noValidate: true };
type Submit = (event: FormEvent<HTMLFormElement>) => void;

export function useFormAction<Result extends ActionResult>(
  action: (state: Result | null, form: FormData) => Promise<Result>,
  { javaScriptOnly = false, resetOnSuccess = false, onSuccess, prepare }: FormActionOptions<Result> = {},
) {
  // What the server rendered after a post without JavaScript, then null.
  const [posted, formAction] = useActionState(action, null);
  const [answered, setAnswered] = useState<Result | null>(null);
  const [unreachable, setUnreachable] = useState(false);
  const [pending, startSending] = useTransition();
  const formRef = useRef<HTMLFormElement>(null);
  const state = answered ?? posted;

  // The latest callback, when an answer comes back after a re-render.
  const onSuccessRef = useRef(onSuccess);
  onSuccessRef.current = onSuccess;

  useEffect(() => {
    if (!state || state.ok) return;
    const form = formRef.current;
    const target =
      form?.querySelector<HTMLElement>("[data-error-summary]") ??
      form?.querySelector<HTMLElement>("[aria-invalid=true]") ??
      null;
    // A group of checkboxes is marked invalid as a whole: focus its first box.
    (target?.matches("fieldset") ? target.querySelector<HTMLElement>("input") : target)?.focus();
  }, [state]);

  function send(form: FormData) {
    setUnreachable(false);
    startSending(async () => {
      try {
        const result = await action(null, prepare ? prepare(form) : form);
        // Here rather than after the render: the page refreshed by the action may no longer
        // hold this form (a reconciled row leaves the queue).
        if (result.ok) {
          if (resetOnSuccess) formRef.current?.reset();
          onSuccessRef.current?.(result);
        }
        startTransition(() => setAnswered(result));
      } catch (error) {
        // A redirect (the action succeeded) is the router's to follow.
        unstable_rethrow(error);
        startTransition(() => setUnreachable(true));
      }
    });
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    const submitter = (event.nativeEvent as SubmitEvent).submitter;
    send(new FormData(event.currentTarget, submitter));
  }

  const formProps: FormProps = javaScriptOnly
    ? { ref: formRef, method: "post", onSubmit, noValidate: true }
    : { ref: formRef, action: formAction, onSubmit, noValidate: true };

  return { state, pending, unreachable, send, formProps };
}
