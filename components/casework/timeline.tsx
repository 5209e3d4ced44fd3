// The incident's audit trail, oldest first: who did what and when (stored in UTC, shown in the
// viewer's time), with the note they left.
import { getTranslations } from "next-intl/server";
import { LocalTime } from "@/components/casework/local-time";
import { CONTACT_METHODS, RESOLUTIONS, STEP_KEYS } from "@/lib/incidents/rules";
import type { IncidentDetailDto } from "@/lib/schemas/incident";

type TimelineEvent = IncidentDetailDto["timeline"][number];

/** A string field of an event's before/after snapshot, when it is one of the allowed values. */
function pick<T extends string>(snapshot: unknown, key: string, allowed?: readonly T[]): T | null {
  if (!snapshot || typeof snapshot !== "object") return null;
  const value = (snapshot as Record<string, unknown>)[key];
  if (typeof value !== "string" || !value) return null;
  if (allowed && !(allowed as readonly string[]).includes(value)) return null;
  return value as T;
}

export async function Timeline({ events }: { events: TimelineEvent[] }) {
  const t = await getTranslations("IncidentDetail.timeline");
  const tIncident = await getTranslations("Incident");

  function eventTitle(event: TimelineEvent): string {
    const step = pick(event.after, "step", STEP_KEYS);
    const stepName = step ? tIncident(`steps.${step}`) : "";
    switch (event.type) {
      case "incident.created":
        return t("events.created");
      case "step.completed":
        return t("events.stepCompleted", { step: stepName });
      case "step.skipped":
        return t("events.stepSkipped", { step: stepName });
      case "incident.closed": {
        const resolution = pick(event.after, "resolution", RESOLUTIONS);
        return resolution
          ? t("events.closed", { resolution: tIncident(`resolutions.${resolution}`) })
          : t("events.closedPlain");
      }
      case "incident.reopened":
        return t("events.reopened");
      default:
        return event.type;
    }
  }

  return (
    <section aria-labelledby="timeline-heading" className="space-y-3">
      <h2 id="timeline-heading" className="text-lg font-semibold">
        {t("heading")}
      </h2>
      {events.length === 0 ? (
        <p className="text-slate-600">{t("empty")}</p>
      ) : (
        <ol className="space-y-2 border-l-2 border-slate-200 pl-4" data-testid="timeline">
          {events.map((event) => {
            const note = pick(event.after, "note");
            const contactMethod = pick(event.after, "contactMethod", CONTACT_METHODS);
            return (
              <li key={event.seq} data-testid="timeline-event" data-type={event.type} className="text-sm">
                <p className="font-medium text-slate-900">{eventTitle(event)}</p>
                <p className="text-slate-600">
                  <LocalTime iso={event.at} /> · {event.actor?.name ?? t("system")}
                </p>
                {contactMethod ? (
                  <p className="text-slate-700">
                    {t("contactMethod", { method: tIncident(`contactMethods.${contactMethod}`) })}
                  </p>
                ) : null}
                {note ? <p className="whitespace-pre-wrap break-words text-slate-800">{t("note", { note })}</p> : null}
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
