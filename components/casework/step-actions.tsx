"use client";
// Complete or skip the current checklist step. Re-sign asks how the cardholder was reached and
// that their identity was verified; a skip needs a note. The server checks all of it again.
import { useTranslations } from "next-intl";
import { useId, useState } from "react";
import { ActionSubmit, NoteField, RequiredNoteForm, useCaseworkAction } from "@/components/casework/action-form";
import { primaryButton, secondaryButton } from "@/components/casework/styles";
import { controlAria, FieldError } from "@/components/ui/field";
import { actOnStepAction } from "@/lib/actions/casework";
import { CONTACT_METHODS, type ContactMethod, type StepKey } from "@/lib/incidents/rules";

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

function CompleteForm({ incidentId, stepKey, version }: { incidentId: string; stepKey: StepKey; version: number }) {
  const t = useTranslations("IncidentDetail.stepForm");
  const tErrors = useTranslations("IncidentDetail.errors");
  const tIncident = useTranslations("Incident");
  const id = useId();
  const isResign = stepKey === "resign";
  const [note, setNote] = useState("");
  const [contactMethod, setContactMethod] = useState<ContactMethod | null>(null);
  const [identityVerified, setIdentityVerified] = useState(false);
  const [invalid, setInvalid] = useState<{ contactMethod?: boolean; identityVerified?: boolean }>({});
  const action = useCaseworkAction();

  function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (isResign) {
      const missing = { contactMethod: !contactMethod, identityVerified: !identityVerified };
      setInvalid(missing);
      if (missing.contactMethod || missing.identityVerified) return;
    }
    action.run(() =>
      actOnStepAction(incidentId, stepKey, {
        action: "complete",
        note: note.trim() || undefined,
        ...(isResign ? { contactMethod: contactMethod ?? undefined, identityVerified } : {}),
        version,
      }),
    );
  }

  return (
    <form method="post" noValidate onSubmit={submit} data-testid="complete-step-form" className="space-y-3">
      {isResign ? (
        <>
          <fieldset aria-describedby={invalid.contactMethod ? `${id}-contact-error` : undefined}>
            <legend className="text-sm font-medium">{t("contactMethod")}</legend>
            <div className="mt-1 flex flex-wrap gap-x-5 gap-y-2">
              {CONTACT_METHODS.map((method) => (
                <label key={method} className="inline-flex min-h-11 items-center gap-2">
                  <input
                    type="radio"
                    name="contactMethod"
                    value={method}
                    required
                    checked={contactMethod === method}
                    onChange={() => setContactMethod(method)}
                    className="size-5"
                  />
                  {tIncident(`contactMethods.${method}`)}
                </label>
              ))}
            </div>
            <FieldError
              id={`${id}-contact-error`}
              message={invalid.contactMethod ? tErrors("contactMethodRequired") : undefined}
            />
          </fieldset>
          <div>
            <label className="inline-flex min-h-11 items-center gap-2">
              <input
                type="checkbox"
                name="identityVerified"
                required
                checked={identityVerified}
                onChange={(event) => setIdentityVerified(event.target.checked)}
                {...controlAria(`${id}-identity`, { hint: true, error: invalid.identityVerified })}
                className="size-5"
              />
              <span className="font-medium">{t("identityVerified")}</span>
            </label>
            <p id={`${id}-identity-hint`} className="text-sm text-slate-600">
              {t("identityVerifiedHint")}
            </p>
            <FieldError
              id={`${id}-identity-error`}
              message={invalid.identityVerified ? tErrors("identityRequired") : undefined}
            />
          </div>
        </>
      ) : null}
      <NoteField id={`${id}-note`} label={t("note")} value={note} onChange={setNote} />
      <ActionSubmit action={action} pendingLabel={t("saving")} className={primaryButton} testId="complete-step">
        {t("complete")}
      </ActionSubmit>
    </form>
  );
}

function SkipForm({ incidentId, stepKey, version }: { incidentId: string; stepKey: StepKey; version: number }) {
  const t = useTranslations("IncidentDetail.stepForm");
  const tErrors = useTranslations("IncidentDetail.errors");
  return (
    <details className="rounded border border-slate-200 bg-slate-50 px-3 py-2" data-testid="skip-step">
      <summary className="min-h-11 cursor-pointer py-2 font-medium text-slate-800">{t("skipToggle")}</summary>
      <RequiredNoteForm
        testId="skip-step-form"
        className="space-y-3 pb-2"
        noteLabel={t("skipNote")}
        missingText={tErrors("noteRequired")}
        send={(note) => actOnStepAction(incidentId, stepKey, { action: "skip", note, version })}
        submit={{ label: t("skip"), pendingLabel: t("saving"), className: secondaryButton, testId: "skip-step-submit" }}
      />
    </details>
  );
}
