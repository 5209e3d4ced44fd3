// One person's training record: per incident kind, drills completed of started and when last
// practised. A small table per person, three columns, so it reads on a 390 px phone.
import { getTranslations } from "next-intl/server";
import { LocalTime } from "@/components/casework/local-time";
import { Badge } from "@/components/ui/badge";
import type { TrainingPerson } from "@/lib/schemas/drill";

export async function TrainingRecordCard({ person }: { person: TrainingPerson }) {
  const t = await getTranslations("Drills");
  const tIncident = await getTranslations("Incident");
  const practised = person.kinds.filter((row) => row.completed > 0).length;
  const headingId = `training-${person.userId}`;
  return (
    <section
      aria-labelledby={headingId}
      data-testid="training-person"
      data-user={person.userId}
      className="rounded-lg border border-slate-200 bg-white p-4"
    >
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
        <h2 id={headingId} className="text-lg font-semibold">
          {person.name}
        </h2>
        {person.active ? null : <Badge tone="muted">{t("record.inactive")}</Badge>}
        <span className="text-sm text-slate-700">
          {t("record.practisedKinds", { count: practised, total: person.kinds.length })}
        </span>
      </div>
      <table className="mt-2 w-full text-sm">
        <thead>
          <tr className="border-b border-slate-200 text-left text-slate-700">
            <th scope="col" className="py-1 pr-2 font-medium">
              {t("record.kind")}
            </th>
            <th scope="col" className="py-1 pr-2 font-medium">
              {t("record.completed")}
            </th>
            <th scope="col" className="py-1 font-medium">
              {t("record.lastPractised")}
            </th>
          </tr>
        </thead>
        <tbody>
          {person.kinds.map((row) => (
            <tr key={row.kind} className="border-b border-slate-100" data-testid="training-kind" data-kind={row.kind}>
              <th scope="row" className="py-1.5 pr-2 text-left font-normal text-slate-900">
                {tIncident(`kinds.${row.kind}`)}
              </th>
              <td className="py-1.5 pr-2 tabular-nums" data-testid="training-counts">
                {t("record.counts", { completed: row.completed, started: row.started })}
              </td>
              <td className="py-1.5" data-testid="training-last">
                {row.lastPractisedAt ? (
                  <LocalTime iso={row.lastPractisedAt} />
                ) : (
                  <span className="text-slate-600">{t("record.never")}</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
