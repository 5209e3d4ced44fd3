"use client";
// Marks a prevention action done, with a note saying what was done.
import { useTranslations } from "next-intl";
import { RequiredNoteForm } from "@/components/casework/note-form";
import { completePreventionActionAction } from "@/lib/actions/prevention";

export function CompletePreventionActionForm({ actionId }: { actionId: string }) {
  const t = useTranslations("Prevention.complete");
  return (
    <RequiredNoteForm
      testId="prevention-complete-form"
      className="space-y-2"
      noteLabel={t("note")}
      missingNote="preventionNoteRequired"
      send={(note) => completePreventionActionAction(actionId, { note })}
      submit={{
        label: t("submit"),
        pendingLabel: t("submitting"),
        variant: "secondary",
        testId: "prevention-complete",
      }}
    />
  );
}
