"use client";
// Closing an incident (a resolution, once every step is done or skipped) and reopening a closed
// one (a note saying why). Both send the version the page was rendered with.
import { useTranslations } from "next-intl";
import { useId, useState, useTransition } from "react";
import { closeIncidentAction, reopenIncidentAction } from "@/app/incidents/[id]/actions";
import { ActionError } from "@/components/casework/action-error";
import type { ActionResult } from "@/components/casework/action-result";
import { fieldClass, primaryButton } from "@/components/casework/styles";
import { useHydrated } from "@/components/casework/use-hydrated";
import { RESOLUTIONS, type Resolution } from "@/lib/incidents/rules";

type Failure = Extract<ActionResult, { ok: false }>;

function isResolution(value: string): value is Resolution {
  return (RESOLUTIONS as readonly string[]).includes(value);
}

export function CloseForm({ incidentId, version }: { incidentId: string; version: number }) {
  const t = useTranslations("IncidentDetail.closeForm");
  const tErrors = useTranslations("IncidentDetail.errors");
  const tIncident = useTranslations("Incident");
  const id = useId();
  const [resolution, setResolution] = useState("");
  const [note, setNote] = useState("");
  const [resolutionMissing, setResolutionMissing] = useState(false);
  const [failure, setFailure] = useState<Failure | null>(null);
  const [pending, startTransition] = useTransition();
  const hydrated = useHydrated();

  function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!isResolution(resolution)) {
      setResolutionMissing(true);
      return;
    }
    setResolutionMissing(false);
    setFailure(null);
    startTransition(async () => {
      const result = await closeIncidentAction(incidentId, { resolution, note: note.trim() || undefined, version });
      if (!result.ok) setFailure(result);
    });
  }

  return (
    <form noValidate onSubmit={submit} data-testid="close-form" className="space-y-3">
      <div>
        <label htmlFor={`${id}-resolution`} className="text-sm font-medium">
          {t("resolution")}
        </label>
        <select
          id={`${id}-resolution`}
          name="resolution"
          required
          value={resolution}
          onChange={(event) => setResolution(event.target.value)}
          aria-invalid={resolutionMissing || undefined}
          aria-describedby={resolutionMissing ? `${id}-resolution-error` : undefined}
          className={fieldClass}
        >
          <option value="">{t("choose")}</option>
          {RESOLUTIONS.map((value) => (
            <option key={value} value={value}>
              {tIncident(`resolutions.${value}`)}
            </option>
          ))}
        </select>
        {resolutionMissing ? (
          <p id={`${id}-resolution-error`} className="mt-1 text-sm text-red-700">
            {tErrors("resolutionRequired")}
          </p>
        ) : null}
      </div>
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
      <button type="submit" className={primaryButton} disabled={pending || !hydrated} data-testid="close-submit">
        {pending ? t("submitting") : t("submit")}
      </button>
    </form>
  );
}

export function ReopenForm({ incidentId, version }: { incidentId: string; version: number }) {
  const t = useTranslations("IncidentDetail.reopenForm");
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
      const result = await reopenIncidentAction(incidentId, { note: trimmed, version });
      if (!result.ok) setFailure(result);
    });
  }

  return (
    <form noValidate onSubmit={submit} data-testid="reopen-form" className="space-y-3">
      <div>
        <label htmlFor={`${id}-note`} className="text-sm font-medium">
          {t("note")}
        </label>
        <textarea
          id={`${id}-note`}
          name="note"
          rows={2}
          maxLength={1000}
          required
          value={note}
          onChange={(event) => setNote(event.target.value)}
          aria-invalid={noteMissing || undefined}
          aria-describedby={noteMissing ? `${id}-note-error` : undefined}
          className={fieldClass}
        />
        {noteMissing ? (
          <p id={`${id}-note-error`} className="mt-1 text-sm text-red-700">
            {tErrors("reopenNoteRequired")}
          </p>
        ) : null}
      </div>
      <ActionError failure={failure} />
      <button type="submit" className={primaryButton} disabled={pending || !hydrated} data-testid="reopen-submit">
        {pending ? t("submitting") : t("submit")}
      </button>
    </form>
  );
}
