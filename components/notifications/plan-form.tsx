"use client";
// One kind's emergency plan as a form: for each audience (told when logged, told when notify is
// completed, responsible for each step) the roles as checkboxes and named people as a list. A
// plain form posting its server action, so it works before hydration and without JavaScript.
import { useTranslations } from "next-intl";
import { type FormAction, useAdminForm } from "@/components/admin/use-admin-form";
import { SubmitButton } from "@/components/ui/button";
import { controlClass } from "@/components/ui/field";
import { FormFeedback } from "@/components/ui/form-feedback";
import { STEP_KEYS } from "@/lib/incidents/rules";
import type { Audience, Plan } from "@/lib/notifications/plan";
import { ROLES } from "@/lib/rbac/permissions";

export interface PlanPerson {
  id: string;
  name: string;
  role: string;
}

function AudienceFields({
  name,
  legend,
  audience,
  people,
  formId,
  error,
}: {
  name: string;
  legend: string;
  audience: Audience;
  people: PlanPerson[];
  formId: string;
  error?: string;
}) {
  const t = useTranslations("Plan");
  const tCommon = useTranslations("Common");
  const peopleId = `${formId}-${name}.userIds`;
  return (
    <fieldset className="space-y-2 rounded-md border border-slate-200 p-3" data-testid={`audience-${name}`}>
      <legend className="px-1 font-medium text-slate-900">{legend}</legend>
      <div className="flex flex-wrap gap-x-4 gap-y-1">
        {ROLES.map((role) => (
          <label key={role} className="inline-flex min-h-11 items-center gap-2 text-sm">
            <input
              type="checkbox"
              name={`${name}.roles`}
              value={role}
              defaultChecked={audience.roles.includes(role)}
              className="size-5"
            />
            {tCommon(`roles.${role}`)}
          </label>
        ))}
      </div>
      <label htmlFor={peopleId} className="block text-sm font-medium text-slate-800">
        {t("people")}
      </label>
      <select
        id={peopleId}
        name={`${name}.userIds`}
        multiple
        defaultValue={audience.userIds}
        aria-invalid={error ? true : undefined}
        className={`${controlClass} h-28`}
      >
        {people.map((person) => (
          <option key={person.id} value={person.id}>
            {person.name} · {tCommon(`roles.${person.role}`)}
          </option>
        ))}
      </select>
      {error ? <p className="text-sm text-red-800">{error}</p> : null}
    </fieldset>
  );
}

export function PlanForm({
  action,
  plan,
  people,
  kindLabel,
}: {
  action: FormAction;
  plan: Plan;
  people: PlanPerson[];
  kindLabel: string;
}) {
  const t = useTranslations("Plan");
  const tSteps = useTranslations("Incident.steps");
  const fields = ["onLogged.userIds", "onNotify.userIds", ...STEP_KEYS.map((key) => `responsible.${key}.userIds`)];
  const { id, pending, formProps, fieldError, feedback } = useAdminForm(action, { fields, resetOnSuccess: false });
  return (
    <form {...formProps} aria-label={`${t("title")}: ${kindLabel}`} className="space-y-4" data-testid="plan-form">
      <AudienceFields
        name="onLogged"
        legend={t("onLogged")}
        audience={plan.onLogged}
        people={people}
        formId={id}
        error={fieldError("onLogged.userIds")}
      />
      <AudienceFields
        name="onNotify"
        legend={t("onNotify")}
        audience={plan.onNotify}
        people={people}
        formId={id}
        error={fieldError("onNotify.userIds")}
      />
      <h2 className="text-lg font-semibold">{t("responsible")}</h2>
      {STEP_KEYS.map((key) => (
        <AudienceFields
          key={key}
          name={`responsible.${key}`}
          legend={tSteps(key)}
          audience={plan.responsible[key]}
          people={people}
          formId={id}
          error={fieldError(`responsible.${key}.userIds`)}
        />
      ))}
      <SubmitButton pending={pending} variant="primary">
        {t("save")}
      </SubmitButton>
      <FormFeedback {...feedback} success={t("saved")} />
    </form>
  );
}
