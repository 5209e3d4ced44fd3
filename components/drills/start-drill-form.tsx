"use client";
// The supervisor's (or admin's) "Start a drill" form on /training: the kind, the cashier and the
// terminal (blank: the cashier's store's first). A plain form posting to its server action, so it
// works before hydration and without JavaScript; the server checks everything and names each
// refused field.
import { useTranslations } from "next-intl";
import { useId } from "react";
import { SubmitButton } from "@/components/ui/button";
import { useErrorText } from "@/components/ui/error-text";
import { type FieldProblem, FormFeedback } from "@/components/ui/form-feedback";
import { SelectField } from "@/components/ui/select";
import { useFormAction } from "@/components/ui/use-form-action";
import type { ActionResult, ActionState } from "@/lib/api/action-result";
import type { DrillTargets } from "@/lib/drills/drill-targets";
import { INCIDENT_KINDS } from "@/lib/incidents/rules";

const FIELDS = ["kind", "cashierId", "terminalId"] as const;

export function StartDrillForm({
  action,
  targets,
}: {
  action: (state: ActionState, form: FormData) => Promise<ActionResult>;
  targets: DrillTargets;
}) {
  const t = useTranslations("Drills");
  const tIncident = useTranslations("Incident");
  const errorText = useErrorText();
  const id = useId();
  const { state, pending, unreachable, formProps } = useFormAction(action, { resetOnSuccess: true });
  const failure = state && !state.ok ? state : null;
  const fieldError = (field: string) => errorText.field(failure, field);
  const problems: FieldProblem[] = FIELDS.flatMap((field) => {
    const message = fieldError(field);
    return message ? [{ id: `${id}-${field}`, message }] : [];
  });
  const message = unreachable
    ? t("start.unreachable")
    : failure
      ? problems.length > 0
        ? t("start.checkFields")
        : errorText.failure(failure)
      : null;

  return (
    <form
      {...formProps}
      aria-labelledby={`${id}-heading`}
      data-testid="start-drill-form"
      className="space-y-3 rounded-lg border border-slate-200 bg-white p-4"
    >
      <h2 id={`${id}-heading`} className="text-lg font-semibold">
        {t("start.heading")}
      </h2>
      <p className="text-sm text-slate-700">{t("start.intro")}</p>
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-3">
        <SelectField
          id={`${id}-kind`}
          name="kind"
          label={t("start.kind")}
          error={fieldError("kind")}
          required
          defaultValue=""
        >
          <option value="">{t("start.chooseKind")}</option>
          {INCIDENT_KINDS.map((kind) => (
            <option key={kind} value={kind}>
              {tIncident(`kinds.${kind}`)}
            </option>
          ))}
        </SelectField>
        <SelectField
          id={`${id}-cashierId`}
          name="cashierId"
          label={t("start.cashier")}
          error={fieldError("cashierId")}
          required
          defaultValue=""
        >
          <option value="">{t("start.chooseCashier")}</option>
          {targets.cashiers.map((cashier) => (
            <option key={cashier.id} value={cashier.id}>
              {`${cashier.name} · ${cashier.stores.join(", ")}`}
            </option>
          ))}
        </SelectField>
        <SelectField
          id={`${id}-terminalId`}
          name="terminalId"
          label={t("start.terminal")}
          hint={t("start.terminalHint")}
          error={fieldError("terminalId")}
          defaultValue=""
        >
          <option value="">{t("start.defaultTerminal")}</option>
          {targets.terminals.map((terminal) => (
            <option key={terminal.tid} value={terminal.tid}>
              {`${terminal.tid} · ${terminal.storeName}`}
            </option>
          ))}
        </SelectField>
      </div>
      <SubmitButton pending={pending} pendingLabel={t("start.submitting")} data-testid="start-drill-submit">
        {t("start.submit")}
      </SubmitButton>
      <FormFeedback state={state} message={message} problems={problems} success={t("start.started")} />
    </form>
  );
}
