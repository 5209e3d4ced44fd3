"use client";
// Closing an incident (a resolution, once every step is done or skipped) and reopening a closed
// one (a note saying why). Both send the version the page was rendered with.
import { useTranslations } from "next-intl";
import { SubmitButton } from "@/components/ui/button";
import { SelectField } from "@/components/ui/select";
import { closeIncidentAction, reopenIncidentAction } from "@/lib/actions/casework";
import { RESOLUTIONS } from "@/lib/incidents/rules";
import { ActionFeedback } from "./action-feedback";
import { NoteField, noteOf, RequiredNoteForm } from "./note-form";
import { useCaseworkForm } from "./use-casework-form";

export function CloseForm({ incidentId, version }: { incidentId: string; version: number }) {
  const t = useTranslations("IncidentDetail.closeForm");
  const tIncident = useTranslations("Incident");
  const form = useCaseworkForm(
    (data) =>
      closeIncidentAction(incidentId, { resolution: data.get("resolution") || undefined, note: noteOf(data), version }),
    { fields: ["resolution", "note"] },
  );

  return (
    <form {...form.formProps} data-testid="close-form" className="space-y-3">
      <SelectField
        id={`${form.id}-resolution`}
        name="resolution"
        label={t("resolution")}
        error={form.fieldError("resolution")}
        required
        defaultValue=""
      >
        <option value="">{t("choose")}</option>
        {RESOLUTIONS.map((value) => (
          <option key={value} value={value}>
            {tIncident(`resolutions.${value}`)}
          </option>
        ))}
      </SelectField>
      <NoteField id={`${form.id}-note`} label={t("note")} error={form.fieldError("note")} />
      <ActionFeedback {...form.feedback} />
      <SubmitButton
        pending={form.pending}
        disabled={form.busy}
        pendingLabel={t("submitting")}
        data-testid="close-submit"
      >
        {t("submit")}
      </SubmitButton>
    </form>
  );
}

export function ReopenForm({ incidentId, version }: { incidentId: string; version: number }) {
  const t = useTranslations("IncidentDetail.reopenForm");
  return (
    <RequiredNoteForm
      testId="reopen-form"
      className="space-y-3"
      noteLabel={t("note")}
      missingNote="reopenNoteRequired"
      send={(note) => reopenIncidentAction(incidentId, { note, version })}
      submit={{ label: t("submit"), pendingLabel: t("submitting"), variant: "primary", testId: "reopen-submit" }}
    />
  );
}
