// The remediation checklist: every step with its status, who acted, when, and their note; the
// current step carries the complete/skip forms when the viewer's role may use them.
import { getFormatter, getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { DeadlineNote } from "@/components/casework/deadline-note";
import { FocusCurrentStep } from "@/components/casework/focus-current-step";
import { LocalTime } from "@/components/casework/local-time";
import { StepActions } from "@/components/casework/step-actions";
import { StepStatusBadge } from "@/components/incidents/status-badge";
import { mayActOnStep, nextPendingStep, rolesForStep, type StepKey } from "@/lib/incidents/rules";
import type { Role } from "@/lib/rbac/permissions";
import type { IncidentDetailDto, IncidentDto } from "@/lib/schemas/incident";

export async function Checklist({
  incident,
  role,
  deadlines = [],
  stepExtras = {},
}: {
  incident: IncidentDto;
  role: Role;
  /** Issue 9: the deadlines the incident was given; each step shows its own. */
  deadlines?: IncidentDetailDto["deadlines"];
  /** Shown inside a step, above its forms (the reconcile step's matching line). */
  stepExtras?: Partial<Record<StepKey, ReactNode>>;
}) {
  const t = await getTranslations("IncidentDetail.checklist");
  const tIncident = await getTranslations("Incident");
  const tRoles = await getTranslations("Common.roles");
  const format = await getFormatter();
  const current = incident.status === "CLOSED" ? null : nextPendingStep(incident.steps);
  const now = new Date();
  const closeDeadline = deadlines.find((deadline) => deadline.step === "close");
  const deadlineOf = (key: StepKey) => deadlines.find((deadline) => deadline.step === key);

  return (
    <section aria-labelledby="checklist-heading" className="space-y-3">
      <FocusCurrentStep target={incident.status === "CLOSED" ? null : (current ?? "close")} />
      <h2 id="checklist-heading" className="text-lg font-semibold">
        {t("heading")}
      </h2>
      <ol className="space-y-3" data-testid="checklist">
        {incident.steps.map((step, index) => {
          const isCurrent = step.key === current;
          const canComplete = isCurrent && mayActOnStep(role, step.key, "complete");
          const canSkip = isCurrent && mayActOnStep(role, step.key, "skip");
          const name = tIncident(`steps.${step.key}`);
          const stepDeadline = deadlineOf(step.key);
          return (
            <li
              key={step.key}
              id={`step-${step.key}`}
              data-testid={`step-${step.key}`}
              data-status={step.status}
              data-current={isCurrent || undefined}
              aria-current={isCurrent ? "step" : undefined}
              className={`scroll-mt-4 rounded-lg border bg-white ${isCurrent ? "p-4" : "px-4 py-2"} ${
                isCurrent ? "border-blue-700 ring-2 ring-blue-700/20" : "border-slate-200"
              }`}
            >
              <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
                <span
                  aria-hidden="true"
                  className="flex size-7 items-center justify-center rounded-full bg-slate-100 text-sm font-semibold text-slate-700"
                >
                  {index + 1}
                </span>
                <h3 className="font-semibold focus:outline-none" tabIndex={-1} data-focus-target>
                  {name}
                </h3>
                <StepStatusBadge status={step.status} testId={`step-${step.key}-status`} />
                {isCurrent ? <span className="text-sm font-medium text-blue-800">{t("current")}</span> : null}
              </div>
              {stepDeadline ? (
                <DeadlineNote deadline={stepDeadline} done={step.status !== "pending"} now={now} />
              ) : null}
              {step.by || step.at || step.note || step.contactMethod ? (
                <dl className="mt-2 grid grid-cols-1 gap-x-6 gap-y-1 text-sm sm:grid-cols-2">
                  {step.by ? (
                    <div>
                      <dt className="inline text-slate-600">{t("by")}: </dt>
                      <dd className="inline">{step.by.name}</dd>
                    </div>
                  ) : null}
                  {step.at ? (
                    <div>
                      <dt className="inline text-slate-600">{t("at")}: </dt>
                      <dd className="inline">
                        <LocalTime iso={step.at} />
                      </dd>
                    </div>
                  ) : null}
                  {step.contactMethod ? (
                    <div>
                      <dt className="inline text-slate-600">{t("contactMethod")}: </dt>
                      <dd className="inline" data-testid={`step-${step.key}-contact-method`}>
                        {tIncident(`contactMethods.${step.contactMethod}`)}
                      </dd>
                    </div>
                  ) : null}
                  {step.identityVerified !== undefined ? (
                    <div>
                      <dt className="inline text-slate-600">{t("identityVerified")}: </dt>
                      <dd className="inline">{step.identityVerified ? t("yes") : t("no")}</dd>
                    </div>
                  ) : null}
                  {step.note ? (
                    <div className="sm:col-span-2">
                      <dt className="inline text-slate-600">{t("note")}: </dt>
                      <dd className="inline whitespace-pre-wrap break-words" data-testid={`step-${step.key}-note`}>
                        {step.note}
                      </dd>
                    </div>
                  ) : null}
                </dl>
              ) : null}
              {stepExtras[step.key] ?? null}
              {isCurrent && (canComplete || canSkip) ? (
                <StepActions
                  key={incident.version}
                  incidentId={incident.id}
                  stepKey={step.key}
                  version={incident.version}
                  canComplete={canComplete}
                  canSkip={canSkip}
                />
              ) : null}
              {isCurrent && !canComplete && !canSkip ? (
                <p className="mt-2 text-sm text-slate-700">
                  {t("waitingFor", {
                    roles: format.list(
                      rolesForStep(step.key, "complete").map((r) => tRoles(r)),
                      { type: "disjunction" },
                    ),
                  })}
                </p>
              ) : null}
            </li>
          );
        })}
      </ol>
      {closeDeadline ? (
        <div className="px-1" data-testid="close-deadline">
          <span className="text-sm font-semibold">{t("closeBy")}</span>
          <DeadlineNote deadline={closeDeadline} done={incident.status === "CLOSED"} now={now} />
        </div>
      ) : null}
    </section>
  );
}
