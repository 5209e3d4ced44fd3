"use client";
// Complete or skip the current checklist step. Re-sign asks how the cardholder was reached and
// that their identity was verified; a skip needs a note. The server checks all of it.
import { useTranslations } from "next-intl";
import { SubmitButton } from "@/components/ui/button";
import { controlAria, FieldError, Hint, labelClass } from "@/components/ui/field";
import { actOnStepAction } from "@/lib/actions/casework";
import { CONTACT_METHODS, type ContactMethod, type StepKey } from "@/lib/incidents/rules";
import { ActionFeedback } from "./action-feedback";
import { NoteField, noteOf, RequiredNoteForm } from "./note-form";
import { localFailure, useCaseworkForm } from "./use-casework-form";

export function StepActions({
  incidentId,
  stepKey,
  version,
  canComplete,
  canSkip,
}: {
  incidentId: string;
  stepKey: StepKey;
  version: number;
  canComplete: boolean;
  canSkip: boolean;
}) {
  return (
    <div className="mt-4 space-y-4">
      {canComplete ? <CompleteForm incidentId={incidentId} stepKey={stepKey} version={version} /> : null}
      {canSkip ? <SkipForm incidentId={incidentId} stepKey={stepKey} version={version} /> : null}
    </div>
  );
}

function isContactMethod(value: FormDataEntryValue | null): value is ContactMethod {
  return typeof value === "string" && (CONTACT_METHODS as readonly string[]).includes(value);
}

function CompleteForm({ incidentId, stepKey, version }: { incidentId: string; stepKey: StepKey; version: number }) {
  const t = useTranslations("IncidentDetail.stepForm");
  const tErrors = useTranslations("IncidentDetail.errors");
  const tIncident = useTranslations("Incident");
  const isResign = stepKey === "resign";
  const form = useCaseworkForm(
    async (data) => {
      const contactMethod = data.get("contactMethod");
      const identityVerified = data.get("identityVerified") === "on";
      if (isResign && (!isContactMethod(contactMethod) || !identityVerified)) {
        // The server names one missing answer at a time; both are asked for here at once.
        return localFailure({
          ...(isContactMethod(contactMethod)
            ? {}
            : { contactMethod: { reason: "CONTACT_METHOD_REQUIRED", words: tErrors("contactMethodRequired") } }),
          ...(identityVerified
            ? {}
            : { identityVerified: { reason: "IDENTITY_NOT_VERIFIED", words: tErrors("identityRequired") } }),
        });
      }
      return actOnStepAction(incidentId, stepKey, {
        action: "complete",
        note: noteOf(data),
        ...(isResign && isContactMethod(contactMethod) ? { contactMethod, identityVerified } : {}),
        version,
      });
    },
    { fields: isResign ? ["contactMethod", "identityVerified", "note"] : ["note"] },
  );
  const contactError = form.fieldError("contactMethod");
  const identityError = form.fieldError("identityVerified");

  return (
    <form {...form.formProps} data-testid="complete-step-form" className="space-y-3">
      {isResign ? (
        <>
          <fieldset
            id={`${form.id}-contactMethod`}
            tabIndex={-1}
            {...controlAria(`${form.id}-contactMethod`, { error: contactError })}
          >
            <legend className={labelClass}>{t("contactMethod")}</legend>
            <div className="mt-1 flex flex-wrap gap-x-5 gap-y-2">
              {CONTACT_METHODS.map((method) => (
                <label key={method} className="inline-flex min-h-11 items-center gap-2">
                  <input type="radio" name="contactMethod" value={method} required className="size-5" />
                  {tIncident(`contactMethods.${method}`)}
                </label>
              ))}
            </div>
            <FieldError id={`${form.id}-contactMethod-error`} message={contactError} />
          </fieldset>
          <div>
            <label className="inline-flex min-h-11 items-center gap-2">
              <input
                id={`${form.id}-identityVerified`}
                type="checkbox"
                name="identityVerified"
                required
                {...controlAria(`${form.id}-identityVerified`, { hint: true, error: identityError })}
                className="size-5"
              />
              <span className="font-medium">{t("identityVerified")}</span>
            </label>
            <Hint id={`${form.id}-identityVerified`}>{t("identityVerifiedHint")}</Hint>
            <FieldError id={`${form.id}-identityVerified-error`} message={identityError} />
          </div>
        </>
      ) : null}
      <NoteField id={`${form.id}-note`} label={t("note")} error={form.fieldError("note")} />
      <ActionFeedback {...form.feedback} />
      <SubmitButton pending={form.pending} disabled={form.busy} pendingLabel={t("saving")} data-testid="complete-step">
        {t("complete")}
      </SubmitButton>
    </form>
  );
}

function SkipForm({ incidentId, stepKey, version }: { incidentId: string; stepKey: StepKey; version: number }) {
  const t = useTranslations("IncidentDetail.stepForm");
  return (
    <details className="rounded border border-slate-200 bg-slate-50 px-3 py-2" data-testid="skip-step">
      <summary className="min-h-11 cursor-pointer py-2 font-medium text-slate-800">{t("skipToggle")}</summary>
      <RequiredNoteForm
        testId="skip-step-form"
        className="space-y-3 pb-2"
        noteLabel={t("skipNote")}
        missingNote="noteRequired"
        send={(note) => actOnStepAction(incidentId, stepKey, { action: "skip", note, version })}
        submit={{ label: t("skip"), pendingLabel: t("saving"), variant: "secondary", testId: "skip-step-submit" }}
      />
    </details>
  );
}
