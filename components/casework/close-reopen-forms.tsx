"use client";
// Closing an incident (a resolution, once every step is done or skipped) and reopening a closed
// one (a note saying why). Both send the version the page was rendered with.
import { useTranslations } from "next-intl";
import { useId, useState } from "react";
import { ActionSubmit, NoteField, RequiredNoteForm, useCaseworkAction } from "@/components/casework/action-form";
import { fieldClass, primaryButton } from "@/components/casework/styles";
import { controlAria, FieldError } from "@/components/ui/field";
import { closeIncidentAction, reopenIncidentAction } from "@/lib/actions/casework";
import { RESOLUTIONS, type Resolution } from "@/lib/incidents/rules";

function isResolution(value: string): value is Resolution {
  return (RESOLUTIONS as readonly string[]).includes(value);
}

export function CloseForm({ incidentId, version }: { incidentId: string; version: number }) {
  const t = useTranslations("IncidentDetail.closeForm");
  const tErrors = useTranslations("IncidentDetail.errors");
  const tIncident = useTranslations("Incident");
  const id = useId();
  const [resolution, setResolution] = useState("");
  const [note, setNote] = useState("");
  const [resolutionMissing, setResolutionMissing] = useState(false);
  const action = useCaseworkAction();
  const resolutionError = resolutionMissing ? tErrors("resolutionRequired") : undefined;

  function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!isResolution(resolution)) {
      setResolutionMissing(true);
      return;
    }
    setResolutionMissing(false);
    action.run(() => closeIncidentAction(incidentId, { resolution, note: note.trim() || undefined, version }));
  }

  return (
    <form method="post" noValidate onSubmit={submit} data-testid="close-form" className="space-y-3">
      <div>
        <label htmlFor={`${id}-resolution`} className="text-sm font-medium">
          {t("resolution")}
        </label>
        <select
          id={`${id}-resolution`}
          name="resolution"
          required
          value={resolution}
          onChange={(event) => setResolution(event.target.value)}
          {...controlAria(`${id}-resolution`, { error: resolutionError })}
          className={fieldClass}
        >
          <option value="">{t("choose")}</option>
          {RESOLUTIONS.map((value) => (
            <option key={value} value={value}>
              {tIncident(`resolutions.${value}`)}
            </option>
          ))}
        </select>
        <FieldError id={`${id}-resolution-error`} message={resolutionError} />
      </div>
      <NoteField id={`${id}-note`} label={t("note")} value={note} onChange={setNote} />
      <ActionSubmit action={action} pendingLabel={t("submitting")} className={primaryButton} testId="close-submit">
        {t("submit")}
      </ActionSubmit>
    </form>
  );
}

export function ReopenForm({ incidentId, version }: { incidentId: string; version: number }) {
  const t = useTranslations("IncidentDetail.reopenForm");
  const tErrors = useTranslations("IncidentDetail.errors");
  return (
    <RequiredNoteForm
      testId="reopen-form"
      className="space-y-3"
      noteLabel={t("note")}
      missingText={tErrors("reopenNoteRequired")}
      send={(note) => reopenIncidentAction(incidentId, { note, version })}
      submit={{ label: t("submit"), pendingLabel: t("submitting"), className: primaryButton, testId: "reopen-submit" }}
    />
  );
}
