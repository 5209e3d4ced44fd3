"use client";
// Adds a holiday (节假日) or a make-up working day (调休) to the business calendar: a date, which
// of the two, and its name. Clears itself after a success, ready for the next date.
import { useTranslations } from "next-intl";
import { type FormAction, useAdminForm } from "@/components/admin/use-admin-form";
import { SubmitButton } from "@/components/ui/button";
import { FormFeedback } from "@/components/ui/form-feedback";
import { TextField } from "@/components/ui/input";
import { SelectField } from "@/components/ui/select";
import { CALENDAR_DAY_TYPES } from "@/lib/deadlines/settings-form";

export function CalendarDayForm({ action }: { action: FormAction }) {
  const t = useTranslations("Deadlines");
  const { id, pending, formProps, fieldError, feedback } = useAdminForm(action, {
    fields: ["date", "type", "name"],
  });
  return (
    <form {...formProps} aria-label={t("calendar.addLegend")} className="space-y-2" data-testid="calendar-day-form">
      <div className="grid gap-3 sm:grid-cols-[auto_auto_1fr_auto] sm:items-start">
        <TextField
          id={`${id}-date`}
          name="date"
          type="date"
          min="2000-01-01"
          max="2100-12-31"
          label={t("calendar.date")}
          error={fieldError("date")}
          required
        />
        <SelectField id={`${id}-type`} name="type" label={t("calendar.type")} error={fieldError("type")} required>
          {CALENDAR_DAY_TYPES.map((type) => (
            <option key={type} value={type}>
              {t(`calendar.types.${type}`)}
            </option>
          ))}
        </SelectField>
        <TextField
          id={`${id}-name`}
          name="name"
          label={t("calendar.name")}
          hint={t("calendar.nameHint")}
          error={fieldError("name")}
          maxLength={80}
          autoComplete="off"
          required
        />
        <SubmitButton pending={pending} pendingLabel={t("saving")} variant="secondary" className="sm:mt-6">
          {t("calendar.add")}
        </SubmitButton>
      </div>
      <FormFeedback {...feedback} success={t("calendar.added")} />
    </form>
  );
}
