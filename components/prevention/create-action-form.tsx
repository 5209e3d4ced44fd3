"use client";
// Makes a prevention action from a closed incident: what kind of change, who does it, by when and
// what is to be done. The due date is a day: the action is due by the end of it, on this device's
// clock (the till's and the merchant's zone).
import { useTranslations } from "next-intl";
import { ActionFeedback } from "@/components/casework/action-feedback";
import { useCaseworkForm } from "@/components/casework/use-casework-form";
import { SubmitButton } from "@/components/ui/button";
import { TextAreaField, TextField } from "@/components/ui/input";
import { SelectField } from "@/components/ui/select";
import { createPreventionActionAction } from "@/lib/actions/prevention";
import { PREVENTION_TYPES } from "@/lib/schemas/prevention";

/** "2026-12-14" → the end of that day on this device, as an ISO time; undefined when not a date. */
function endOfDay(value: FormDataEntryValue | null): string | undefined {
  if (typeof value !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return undefined;
  const end = new Date(`${value}T23:59:59`);
  return Number.isNaN(end.getTime()) ? undefined : end.toISOString();
}

export function CreatePreventionActionForm({
  incidentIds,
  assigneeOptions,
  defaultDueDate,
}: {
  incidentIds: string[];
  /** The owner's choices as the select's inner HTML (components/ui/options-html.ts), a placeholder first. */
  assigneeOptions: string;
  /** YYYY-MM-DD, a fortnight ahead. */
  defaultDueDate: string;
}) {
  const t = useTranslations("Prevention");
  const form = useCaseworkForm(
    (data) =>
      createPreventionActionAction({
        type: data.get("type") || undefined,
        incidentIds,
        assigneeId: data.get("assigneeId") || undefined,
        dueAt: endOfDay(data.get("dueAt")),
        note: data.get("note") || undefined,
      }),
    { fields: ["type", "assigneeId", "dueAt", "note"] },
  );
  return (
    <form {...form.formProps} data-testid="prevention-create-form" className="space-y-3">
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-2">
        <SelectField
          id={`${form.id}-type`}
          name="type"
          label={t("create.type")}
          error={form.fieldError("type")}
          required
          defaultValue=""
        >
          <option value="">{t("create.chooseType")}</option>
          {PREVENTION_TYPES.map((type) => (
            <option key={type} value={type}>
              {t(`types.${type}`)}
            </option>
          ))}
        </SelectField>
        <SelectField
          id={`${form.id}-assigneeId`}
          name="assigneeId"
          label={t("create.assignee")}
          error={form.fieldError("assigneeId")}
          required
          optionsHtml={assigneeOptions}
        />
        <TextField
          id={`${form.id}-dueAt`}
          name="dueAt"
          type="date"
          label={t("create.dueAt")}
          error={form.fieldError("dueAt")}
          required
          defaultValue={defaultDueDate}
        />
      </div>
      <TextAreaField
        id={`${form.id}-note`}
        name="note"
        label={t("create.note")}
        error={form.fieldError("note")}
        required
        rows={2}
        maxLength={1000}
      />
      <ActionFeedback {...form.feedback} />
      <SubmitButton
        pending={form.pending}
        disabled={form.busy}
        pendingLabel={t("create.submitting")}
        data-testid="prevention-create-submit"
      >
        {t("create.submit")}
      </SubmitButton>
    </form>
  );
}
