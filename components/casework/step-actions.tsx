"use client";
// Complete or skip the current checklist step. Re-sign asks how the cardholder was reached and
// that their identity was verified; a skip needs a note. The server checks all of it again.
import { useTranslations } from "next-intl";
import { useId, useState, useTransition } from "react";
import { actOnStepAction } from "@/app/incidents/[id]/actions";
import { ActionError } from "@/components/casework/action-error";
import type { ActionResult } from "@/components/casework/action-result";
import { fieldClass, primaryButton, secondaryButton } from "@/components/casework/styles";
import { useHydrated } from "@/components/casework/use-hydrated";
import { CONTACT_METHODS, type ContactMethod, type StepKey } from "@/lib/incidents/rules";

type Failure = Extract<ActionResult, { ok: false }>;

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
  const [failure, setFailure] = useState<Failure | null>(null);
  const [pending, startTransition] = useTransition();
  const hydrated = useHydrated();

  function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (isResign) {
      const missing = { contactMethod: !contactMethod, identityVerified: !identityVerified };
      setInvalid(missing);
      if (missing.contactMethod || missing.identityVerified) return;
    }
    setFailure(null);
    startTransition(async () => {
      const result = await actOnStepAction(incidentId, stepKey, {
        action: "complete",
        note: note.trim() || undefined,
        ...(isResign ? { contactMethod: contactMethod ?? undefined, identityVerified } : {}),
        version,
      });
      if (!result.ok) setFailure(result);
    });
  }

  return (
    <form noValidate onSubmit={submit} data-testid="complete-step-form" className="space-y-3">
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
            {invalid.contactMethod ? (
              <p id={`${id}-contact-error`} className="mt-1 text-sm text-red-700">
                {tErrors("contactMethodRequired")}
              </p>
            ) : null}
          </fieldset>
          <div>
            <label className="inline-flex min-h-11 items-center gap-2">
              <input
                type="checkbox"
                name="identityVerified"
                required
                checked={identityVerified}
                onChange={(event) => setIdentityVerified(event.target.checked)}
                aria-invalid={invalid.identityVerified || undefined}
                aria-describedby={`${id}-identity-hint${invalid.identityVerified ? ` ${id}-identity-error` : ""}`}
                className="size-5"
              />
              <span className="font-medium">{t("identityVerified")}</span>
            </label>
            <p id={`${id}-identity-hint`} className="text-sm text-slate-600">
              {t("identityVerifiedHint")}
            </p>
            {invalid.identityVerified ? (
              <p id={`${id}-identity-error`} className="mt-1 text-sm text-red-700">
                {tErrors("identityRequired")}
              </p>
            ) : null}
          </div>
        </>
      ) : null}
      <div>
        <label htmlFor={`${id}-note`} className="text-sm font-medium">
          {t("note")}
        </label>
        <textarea
          id={`${id}-note`}
          name="note"
          rows={2}
          maxLength={1000}
          value={note}
          onChange={(event) => setNote(event.target.value)}
          className={fieldClass}
        />
      </div>
      <ActionError failure={failure} />
      <button type="submit" className={primaryButton} disabled={pending || !hydrated} data-testid="complete-step">
        {pending ? t("saving") : t("complete")}
      </button>
    </form>
  );
}

function SkipForm({ incidentId, stepKey, version }: { incidentId: string; stepKey: StepKey; version: number }) {
  const t = useTranslations("IncidentDetail.stepForm");
  const tErrors = useTranslations("IncidentDetail.errors");
  const id = useId();
  const [note, setNote] = useState("");
  const [noteMissing, setNoteMissing] = useState(false);
  const [failure, setFailure] = useState<Failure | null>(null);
  const [pending, startTransition] = useTransition();
  const hydrated = useHydrated();

  function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const trimmed = note.trim();
    setNoteMissing(!trimmed);
    if (!trimmed) return;
    setFailure(null);
    startTransition(async () => {
      const result = await actOnStepAction(incidentId, stepKey, { action: "skip", note: trimmed, version });
      if (!result.ok) setFailure(result);
    });
  }

  return (
    <details className="rounded border border-slate-200 bg-slate-50 px-3 py-2" data-testid="skip-step">
      <summary className="min-h-11 cursor-pointer py-2 font-medium text-slate-800">{t("skipToggle")}</summary>
      <form noValidate onSubmit={submit} data-testid="skip-step-form" className="space-y-3 pb-2">
        <div>
          <label htmlFor={`${id}-skip-note`} className="text-sm font-medium">
            {t("skipNote")}
          </label>
          <textarea
            id={`${id}-skip-note`}
            name="note"
            rows={2}
            maxLength={1000}
            required
            value={note}
            onChange={(event) => setNote(event.target.value)}
            aria-invalid={noteMissing || undefined}
            aria-describedby={noteMissing ? `${id}-skip-note-error` : undefined}
            className={fieldClass}
          />
          {noteMissing ? (
            <p id={`${id}-skip-note-error`} className="mt-1 text-sm text-red-700">
              {tErrors("noteRequired")}
            </p>
          ) : null}
        </div>
        <ActionError failure={failure} />
        <button
          type="submit"
          className={secondaryButton}
          disabled={pending || !hydrated}
          data-testid="skip-step-submit"
        >
          {pending ? t("saving") : t("skip")}
        </button>
      </form>
    </details>
  );
}
