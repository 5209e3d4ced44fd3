"use client";
// The merchant's deadline settings as one form (issue 9): the time zone, how long before a deadline
// people are reminded and how often the next level is told, then a table per kind of incident with
// the rule of each step that applies to it and of closing the case — a choice (none, the batch
// cut-off, hours, days, working days) and a count. A plain form posting its server action, so it
// works before hydration and without JavaScript; the server reads each count only for a choice
// that takes one.
import { useTranslations } from "next-intl";
import { AdminTable } from "@/components/admin/admin-section";
import { type FormAction, useAdminForm } from "@/components/admin/use-admin-form";
import { SubmitButton } from "@/components/ui/button";
import { controlAria, controlClass } from "@/components/ui/field";
import { FormFeedback } from "@/components/ui/form-feedback";
import { TextField } from "@/components/ui/input";
import type { DeadlineSettingsDto } from "@/lib/deadlines/schemas";
import { RULE_CHOICES, ruleControls, ruleFields } from "@/lib/deadlines/settings-form";
import { INCIDENT_KINDS } from "@/lib/incidents/rules";

/** Zones a shop is most likely in, offered as the field is typed (any IANA name is accepted). */
const COMMON_ZONES = [
  "Asia/Shanghai",
  "Asia/Hong_Kong",
  "Asia/Macau",
  "Asia/Taipei",
  "Asia/Singapore",
  "Asia/Tokyo",
  "Asia/Seoul",
  "Europe/London",
  "UTC",
];

export function DeadlineSettingsForm({ action, settings }: { action: FormAction; settings: DeadlineSettingsDto }) {
  const t = useTranslations("Deadlines");
  const tKinds = useTranslations("Incident.kinds");
  const tSubjects = useTranslations("Incident.deadlineSubjects");
  const ruleNames = INCIDENT_KINDS.flatMap((kind) =>
    ruleFields(kind).flatMap(({ name }) => [`${name}.after`, `${name}.count`, name]),
  );
  const { id, pending, formProps, fieldError, feedback } = useAdminForm(action, {
    fields: ["timeZone", "reminderHours", "escalateEveryHours", ...ruleNames],
    resetOnSuccess: false,
  });
  return (
    <form {...formProps} aria-label={t("settings.heading")} className="space-y-6" data-testid="deadline-settings-form">
      <div className="grid gap-4 sm:grid-cols-3">
        <TextField
          id={`${id}-timeZone`}
          name="timeZone"
          label={t("settings.timeZone")}
          hint={t("settings.timeZoneHint")}
          error={fieldError("timeZone")}
          defaultValue={settings.timeZone}
          list={`${id}-zones`}
          maxLength={64}
          autoComplete="off"
          spellCheck={false}
          required
        />
        <datalist id={`${id}-zones`}>
          {COMMON_ZONES.map((zone) => (
            <option key={zone} value={zone} />
          ))}
        </datalist>
        <TextField
          id={`${id}-reminderHours`}
          name="reminderHours"
          type="number"
          inputMode="numeric"
          min={0}
          max={720}
          step={1}
          label={t("settings.reminderHours")}
          hint={t("settings.reminderHoursHint")}
          error={fieldError("reminderHours")}
          defaultValue={settings.reminderHours}
          required
        />
        <TextField
          id={`${id}-escalateEveryHours`}
          name="escalateEveryHours"
          type="number"
          inputMode="numeric"
          min={1}
          max={720}
          step={1}
          label={t("settings.escalateEveryHours")}
          hint={t("settings.escalateEveryHoursHint")}
          error={fieldError("escalateEveryHours")}
          defaultValue={settings.escalateEveryHours}
          required
        />
      </div>
      <p className="text-sm text-slate-700">{t("settings.rulesIntro")}</p>
      {INCIDENT_KINDS.map((kind) => (
        <div key={kind} className="rounded-md border border-slate-200 p-3" data-testid={`kind-rules-${kind}`}>
          <AdminTable
            caption={tKinds(kind)}
            columns={[t("settings.columns.step"), t("settings.columns.rule"), t("settings.columns.count")]}
          >
            {ruleFields(kind).map(({ subject, name }) => {
              const saved = ruleControls(settings.kinds[kind][subject]);
              const subjectName = tSubjects(subject);
              const ruleError = fieldError(`${name}.after`) ?? fieldError(name);
              const countError = fieldError(`${name}.count`);
              const label = `${tKinds(kind)} · ${subjectName}`;
              return (
                <tr key={subject} className="border-t border-slate-200 align-top">
                  <th scope="row" className="py-2 pr-3 font-medium text-slate-900">
                    {subjectName}
                  </th>
                  <td className="py-2 pr-3">
                    <select
                      id={`${id}-${name}.after`}
                      name={`${name}.after`}
                      defaultValue={saved.choice}
                      aria-label={t("settings.ruleLabel", { what: label })}
                      {...controlAria(`${id}-${name}.after`, { error: ruleError })}
                      className={`${controlClass} min-w-36`}
                    >
                      {RULE_CHOICES.filter((choice) => subject !== "close" || choice !== "none").map((choice) => (
                        <option key={choice} value={choice}>
                          {t(`settings.choices.${choice}`)}
                        </option>
                      ))}
                    </select>
                    {ruleError ? (
                      <p id={`${id}-${name}.after-error`} className="mt-1 text-sm font-medium text-red-700">
                        {ruleError}
                      </p>
                    ) : null}
                  </td>
                  <td className="py-2">
                    <input
                      id={`${id}-${name}.count`}
                      name={`${name}.count`}
                      type="number"
                      inputMode="numeric"
                      min={1}
                      step={1}
                      defaultValue={saved.count ?? ""}
                      aria-label={t("settings.countLabel", { what: label })}
                      {...controlAria(`${id}-${name}.count`, { error: countError })}
                      className={`${controlClass} max-w-24`}
                    />
                    {countError ? (
                      <p id={`${id}-${name}.count-error`} className="mt-1 text-sm font-medium text-red-700">
                        {countError}
                      </p>
                    ) : null}
                  </td>
                </tr>
              );
            })}
          </AdminTable>
        </div>
      ))}
      <SubmitButton pending={pending} pendingLabel={t("saving")} variant="primary">
        {t("settings.save")}
      </SubmitButton>
      <FormFeedback {...feedback} success={t("settings.saved")} />
    </form>
  );
}
