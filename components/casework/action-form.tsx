"use client";
// What the casework forms share: running their server action in a transition, keeping the
// failure it answered, the submit button under it, the note field most of them have, and the
// whole form for the actions that need nothing but a note saying why (reopen, skip a step).
import { type ReactNode, useId, useState, useTransition } from "react";
import { ActionError } from "@/components/casework/action-error";
import { fieldClass } from "@/components/casework/styles";
import { useHydrated } from "@/components/casework/use-hydrated";
import { controlAria, FieldError } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import type { ActionFailure, ActionResult } from "@/lib/api/server-action";

/**
 * `run` sends the action and keeps its failure; `busy` holds the submit button until the page has
 * hydrated and while the action runs.
 */
export function useCaseworkAction() {
  const [failure, setFailure] = useState<ActionFailure | null>(null);
  const [pending, startTransition] = useTransition();
  const hydrated = useHydrated();

  function run(action: () => Promise<ActionResult>, onSuccess?: () => void) {
    setFailure(null);
    startTransition(async () => {
      const result = await action();
      if (result.ok) onSuccess?.();
      else setFailure(result);
    });
  }

  return { failure, pending, busy: pending || !hydrated, run };
}

/** The end of a casework form: why the last try failed, if it did, and the submit button. */
export function ActionSubmit({
  action,
  pendingLabel,
  className,
  testId,
  children,
}: {
  action: ReturnType<typeof useCaseworkAction>;
  pendingLabel: string;
  className: string;
  testId: string;
  children: ReactNode;
}) {
  return (
    <>
      <ActionError failure={action.failure} />
      <SubmitButton
        pending={action.pending}
        disabled={action.busy}
        pendingLabel={pendingLabel}
        className={className}
        data-testid={testId}
      >
        {children}
      </SubmitButton>
    </>
  );
}

/** A note to go with the action: optional, or required with the error shown when it is missing. */
export function NoteField({
  id,
  label,
  value,
  onChange,
  required = false,
  error,
}: {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  required?: boolean;
  error?: string;
}) {
  return (
    <div>
      <label htmlFor={id} className="text-sm font-medium">
        {label}
      </label>
      <textarea
        id={id}
        name="note"
        rows={2}
        maxLength={1000}
        required={required}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        {...controlAria(id, { error })}
        className={fieldClass}
      />
      <FieldError id={`${id}-error`} message={error} />
    </div>
  );
}

/** A form whose one field is a required note: it is trimmed, and an empty one is never sent. */
export function RequiredNoteForm({
  testId,
  className,
  noteLabel,
  missingText,
  send,
  submit,
}: {
  testId: string;
  className: string;
  noteLabel: string;
  missingText: string;
  send: (note: string) => Promise<ActionResult>;
  submit: { label: string; pendingLabel: string; className: string; testId: string };
}) {
  const id = useId();
  const [note, setNote] = useState("");
  const [noteMissing, setNoteMissing] = useState(false);
  const action = useCaseworkAction();

  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const trimmed = note.trim();
    setNoteMissing(!trimmed);
    if (!trimmed) return;
    action.run(() => send(trimmed));
  }

  return (
    <form method="post" noValidate onSubmit={onSubmit} data-testid={testId} className={className}>
      <NoteField
        id={`${id}-note`}
        label={noteLabel}
        value={note}
        onChange={setNote}
        required
        error={noteMissing ? missingText : undefined}
      />
      <ActionSubmit
        action={action}
        pendingLabel={submit.pendingLabel}
        className={submit.className}
        testId={submit.testId}
      >
        {submit.label}
      </ActionSubmit>
    </form>
  );
}
