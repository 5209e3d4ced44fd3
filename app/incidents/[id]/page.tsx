// One incident: the top facts, what to do now, the checklist with its forms, close/reopen, the
// rest of the slip, and the timeline — in that order, so on a phone the next action's button is
// on the first screen. Every action on it is checked again by the use case its server action calls.
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { cache, type ReactNode } from "react";
import { Checklist } from "@/components/casework/checklist";
import { CloseForm, ReopenForm } from "@/components/casework/close-reopen-forms";
import { IncidentHeader, SlipDetails } from "@/components/casework/incident-header";
import { IncidentTerminal } from "@/components/casework/incident-terminal";
import { NextActionPanel } from "@/components/casework/next-action-panel";
import { Timeline } from "@/components/casework/timeline";
import { IncidentPrevention } from "@/components/prevention/incident-prevention";
import { LinkedLines } from "@/components/reconciliation/linked-lines";
import { MatchingLine, matchingLinesOf } from "@/components/reconciliation/matching-line";
import type { Actor } from "@/lib/auth/actor";
import { pageActor } from "@/lib/auth/page-actor";
import { isAppError } from "@/lib/errors/app-error";
import { getIncident } from "@/lib/incidents/get-incident";
import { nextPendingStep } from "@/lib/incidents/rules";
import { can } from "@/lib/rbac/permissions";
import { listLinkedLines } from "@/lib/reconciliation/exceptions/list-linked-lines";
import type { IncidentDetailDto } from "@/lib/schemas/incident";

type Props = { params: Promise<{ id: string }> };

/**
 * The caller and the incident, or a null incident when the caller may not see it (404, as if it
 * did not exist). Cached per request: the metadata and the page share one read.
 */
const loadPage = cache(async (id: string): Promise<{ actor: Actor; incident: IncidentDetailDto | null }> => {
  const actor = await pageActor();
  try {
    return { actor, incident: await getIncident({ actor, id }) };
  } catch (error) {
    if (isAppError(error) && (error.code === "NOT_FOUND" || error.code === "FORBIDDEN"))
      return { actor, incident: null };
    throw error;
  }
});

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const t = await getTranslations("IncidentDetail");
  const { incident } = await loadPage((await params).id);
  return { title: incident ? t("metaTitle", { reference: incident.reference }) : t("notFound.title") };
}

export default async function IncidentPage({ params }: Props) {
  const { id } = await params;
  const { actor, incident } = await loadPage(id);
  if (!incident) notFound();

  const t = await getTranslations("IncidentDetail");
  const checklistThrough = incident.status !== "CLOSED" && nextPendingStep(incident.steps) === null;
  const showClose = checklistThrough && can(actor.role, "incident.close");
  const showReopen = incident.status === "CLOSED" && can(actor.role, "incident.reopen");
  // Finance and admins see the reconciliation's evidence; null for the other roles.
  const linked = await listLinkedLines({ actor, incidentId: incident.id });
  const matching = linked ? matchingLinesOf(incident.timeline) : null;

  return (
    <div className="space-y-4">
      <Link
        href="/incidents"
        className="-my-2 inline-flex min-h-11 items-center text-sm text-blue-800 underline underline-offset-2"
      >
        {t("backToList")}
      </Link>
      <IncidentHeader incident={incident} />
      {/* Issue 9: a terminal_fault incident shows its terminal's details and software flag. */}
      {incident.terminalDetails ? <IncidentTerminal terminal={incident.terminalDetails} /> : null}
      <NextActionPanel incident={incident} role={actor.role} />
      <Checklist
        incident={incident}
        role={actor.role}
        deadlines={incident.deadlines}
        stepExtras={matching ? { reconcile: <MatchingLine evidence={matching} /> } : {}}
      />
      {showClose ? (
        <FormSection id="close" heading={t("closeForm.heading")}>
          <CloseForm key={incident.version} incidentId={incident.id} version={incident.version} />
        </FormSection>
      ) : null}
      {showReopen ? (
        <FormSection id="reopen" heading={t("reopenForm.heading")}>
          <ReopenForm key={incident.version} incidentId={incident.id} version={incident.version} />
        </FormSection>
      ) : null}
      <IncidentPrevention actor={actor} incidentId={incident.id} closed={incident.status === "CLOSED"} />
      <SlipDetails incident={incident} />
      {linked && (linked.total > 0 || incident.origin === "reconciliation") ? (
        <LinkedLines lines={linked.lines} total={linked.total} />
      ) : null}
      <Timeline events={incident.timeline} />
    </div>
  );
}

/** A titled section for the close or reopen form; `#close` and `#reopen` link straight to it. */
function FormSection({ id, heading, children }: { id: string; heading: string; children: ReactNode }) {
  return (
    <section
      id={id}
      aria-labelledby={`${id}-heading`}
      className="scroll-mt-4 rounded-lg border border-slate-200 bg-white p-4"
    >
      <h2
        id={`${id}-heading`}
        className="mb-3 text-lg font-semibold focus:outline-none"
        tabIndex={-1}
        data-focus-target
      >
        {heading}
      </h2>
      {children}
    </section>
  );
}
