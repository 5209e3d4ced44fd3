"use client";
// One alert rule's settings (admin, /alerts): on or off, its thresholds, who is told, the drill it
// assigns. The form posts its server action (lib/actions/alerts.ts), so it works without
// JavaScript; the server checks the role and every field at once and the refused ones show beside
// their inputs.
import { useTranslations } from "next-intl";
import { type FormAction, useAdminForm } from "@/components/admin/use-admin-form";
import { SubmitButton } from "@/components/ui/button";
import { CheckboxGroupField } from "@/components/ui/checkbox-group";
import { FormFeedback } from "@/components/ui/form-feedback";
import { TextField } from "@/components/ui/input";
import { SelectField } from "@/components/ui/select";
import { type AlertRuleSettings, RECONCILIATION_ALERT_CATEGORIES } from "@/lib/alerts/rule-settings";
import { INCIDENT_KINDS } from "@/lib/incidents/rules";
import { ROLES } from "@/lib/rbac/permissions";

/** Each threshold's input: whole numbers, or decimals for the score, factor and rate. */
const STEP: Record<string, number> = { threshold: 0.1, factor: 0.1, perThousand: 0.1 };

export function AlertRuleForm({ rule, action }: { rule: AlertRuleSettings; action: FormAction }) {
  const t = useTranslations("Alerts");
  const tCommon = useTranslations("Common");
  const tIncident = useTranslations("Incident");
  const params = rule.params as Record<string, unknown>;
  const numberKeys = Object.keys(params).filter((key) => key !== "categories");
  const { id, pending, formProps, fieldError, feedback } = useAdminForm(action, {
    fields: [
      ...numberKeys.map((key) => `rules.0.params.${key}`),
      "rules.0.params.categories",
      "rules.0.notify.roles",
      "rules.0.notify.userIds",
    ],
    resetOnSuccess: false,
  });
  const fieldId = (field: string) => `${id}-rules.0.${field}`;
  return (
    <form
      {...formProps}
      aria-labelledby={`${id}-title`}
      className="space-y-3 py-4"
      data-testid={`alert-rule-${rule.type}`}
    >
      <h3 id={`${id}-title`} className="text-base font-semibold">
        {t(`rules.${rule.type}`)}
      </h3>
      <label className="flex min-h-11 items-center gap-2">
        <input type="checkbox" name="enabled" defaultChecked={rule.enabled} className="size-5" />
        {t("rulesSection.enabled")}
      </label>
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-3">
        {numberKeys.map((key) => (
          <TextField
            key={key}
            id={fieldId(`params.${key}`)}
            name={key}
            type="number"
            inputMode="decimal"
            step={STEP[key] ?? 1}
            label={t(`rulesSection.params.${key}`)}
            error={fieldError(`rules.0.params.${key}`)}
            defaultValue={String(params[key])}
          />
        ))}
      </div>
      {Array.isArray(params.categories) ? (
        <CheckboxGroupField
          id={fieldId("params.categories")}
          name="categories"
          legend={t("rulesSection.categories")}
          error={fieldError("rules.0.params.categories")}
          groups={[
            {
              options: RECONCILIATION_ALERT_CATEGORIES.map((category) => ({
                value: category,
                label: t(`categories.${category}`),
                defaultChecked: (params.categories as string[]).includes(category),
              })),
            },
          ]}
        />
      ) : null}
      <CheckboxGroupField
        id={fieldId("notify.roles")}
        name="roles"
        legend={t("rulesSection.notify")}
        hint={t("rulesSection.notifyHint")}
        error={fieldError("rules.0.notify.roles")}
        groups={[
          {
            options: ROLES.map((role) => ({
              value: role,
              label: tCommon(`roles.${role}`),
              defaultChecked: rule.notify.roles.includes(role),
            })),
          },
        ]}
      />
      {rule.notify.userIds.map((userId) => (
        <input key={userId} type="hidden" name="userIds" value={userId} />
      ))}
      <SelectField
        id={fieldId("drillKind")}
        name="drillKind"
        label={t("rulesSection.drillKind")}
        hint={t("rulesSection.drillHint")}
        error={fieldError("rules.0.drillKind")}
        defaultValue={rule.drillKind ?? ""}
      >
        <option value="">{t("rulesSection.noDrill")}</option>
        {INCIDENT_KINDS.map((kind) => (
          <option key={kind} value={kind}>
            {tIncident(`kinds.${kind}`)}
          </option>
        ))}
      </SelectField>
      <FormFeedback {...feedback} success={t("rulesSection.saved")} />
      <SubmitButton pending={pending} pendingLabel={t("rulesSection.saving")} variant="secondary">
        {t("rulesSection.save")}
      </SubmitButton>
    </form>
  );
}
