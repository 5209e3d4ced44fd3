"use client";
// Closing an incident (a resolution, its causes and the money outcome, once every step is done or
// skipped) and reopening a closed one (a note saying why). Both send the version the page was
// rendered with.
import { useTranslations } from "next-intl";
import { SubmitButton } from "@/components/ui/button";
import { CheckboxGroupField } from "@/components/ui/checkbox-group";
import { TextField } from "@/components/ui/input";
import { SelectField } from "@/components/ui/select";
import { closeIncidentAction, reopenIncidentAction } from "@/lib/actions/casework";
import { CAUSE_GROUP_NAMES, CAUSE_GROUPS } from "@/lib/incidents/causes";
import { RESOLUTIONS } from "@/lib/incidents/rules";
import { ActionFeedback } from "./action-feedback";
import { NoteField, noteOf, RequiredNoteForm } from "./note-form";
import { useCaseworkForm } from "./use-casework-form";

export function CloseForm({ incidentId, version }: { incidentId: string; version: number }) {
  const t = useTranslations("IncidentDetail.closeForm");
  const tIncident = useTranslations("Incident");
  const form = useCaseworkForm(
    (data) =>
      closeIncidentAction(incidentId, {
        resolution: data.get("resolution") || undefined,
        causes: data.getAll("causes"),
        recoveredAmount: data.get("recoveredAmount") || undefined,
        lostAmount: data.get("lostAmount") || undefined,
        note: noteOf(data),
        version,
      }),
    {
      fields: ["resolution", "causes", "recoveredAmount", "lostAmount", "note"],
      wording: { causes: "causesRequired" },
    },
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
      <CheckboxGroupField
        id={`${form.id}-causes`}
        name="causes"
        legend={t("causes")}
        hint={t("causesHint")}
        error={form.fieldError("causes")}
        required
        testId="close-causes"
        groups={CAUSE_GROUP_NAMES.map((group) => ({
          title: group === "other" ? undefined : tIncident(`causeGroups.${group}`),
          options: CAUSE_GROUPS[group].map((cause) => ({ value: cause, label: tIncident(`causes.${cause}`) })),
        }))}
      />
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-2">
        <TextField
          id={`${form.id}-recoveredAmount`}
          name="recoveredAmount"
          label={t("recoveredAmount")}
          hint={t("amountHint")}
          error={form.fieldError("recoveredAmount")}
          required
          inputMode="decimal"
          autoComplete="off"
        />
        <TextField
          id={`${form.id}-lostAmount`}
          name="lostAmount"
          label={t("lostAmount")}
          hint={t("amountHint")}
          error={form.fieldError("lostAmount")}
          required
          inputMode="decimal"
          autoComplete="off"
        />
      </div>
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
