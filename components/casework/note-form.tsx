"use client";
// The note most casework forms carry, and the whole form for the actions that need nothing but a
// note saying why (reopen, skip a step): the server refuses an empty one, naming the field.
import type { ReactNode } from "react";
import { SubmitButton } from "@/components/ui/button";
import { TextAreaField } from "@/components/ui/input";
import type { ActionResult } from "@/lib/api/action-result";
import { ActionFeedback } from "./action-feedback";
import { useCaseworkForm } from "./use-casework-form";

/** A note to go with the action: optional, or required. */
export function NoteField({
  id,
  label,
  required = false,
  error,
}: {
  id: string;
  label: string;
  required?: boolean;
  error?: string;
}) {
  return (
    <TextAreaField id={id} name="note" label={label} error={error} rows={2} maxLength={1000} required={required} />
  );
}

/** The note as sent: trimmed, and absent when empty. */
export function noteOf(form: FormData): string | undefined {
  const note = form.get("note");
  return typeof note === "string" && note.trim() !== "" ? note.trim() : undefined;
}

/** A form whose one field is a required note. */
export function RequiredNoteForm({
  testId,
  className,
  noteLabel,
  missingNote,
  send,
  submit,
}: {
  testId: string;
  className: string;
  noteLabel: string;
  /** The key under IncidentDetail.errors saying the note is missing. */
  missingNote: "noteRequired" | "reopenNoteRequired" | "preventionNoteRequired";
  send: (note: string | undefined) => Promise<ActionResult>;
  submit: { label: ReactNode; pendingLabel: string; variant: "primary" | "secondary"; testId: string };
}) {
  const form = useCaseworkForm((data) => send(noteOf(data)), { fields: ["note"], wording: { note: missingNote } });
  return (
    <form {...form.formProps} data-testid={testId} className={className}>
      <NoteField id={`${form.id}-note`} label={noteLabel} required error={form.fieldError("note")} />
      <ActionFeedback {...form.feedback} />
      <SubmitButton
        pending={form.pending}
        disabled={form.busy}
        pendingLabel={submit.pendingLabel}
        variant={submit.variant}
        data-testid={submit.testId}
      >
        {submit.label}
      </SubmitButton>
    </form>
  );
}
