// Prevention actions as a list: what, who owns it, due when (overdue marked), the incidents it
// came from, and — for those the viewer may complete — the form to mark it done.
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { LocalTime } from "@/components/casework/local-time";
import { CompletePreventionActionForm } from "@/components/prevention/complete-action-form";
import { Badge } from "@/components/ui/badge";
import type { Actor } from "@/lib/auth/actor";
import { can } from "@/lib/rbac/permissions";
import type { PreventionActionDto } from "@/lib/schemas/prevention";

export async function PreventionActionList({
  actions,
  actor,
  emptyText,
}: {
  actions: PreventionActionDto[];
  actor: Actor;
  emptyText: string;
}) {
  const t = await getTranslations("Prevention");
  if (actions.length === 0) {
    return (
      <p className="text-slate-600" data-testid="prevention-empty">
        {emptyText}
      </p>
    );
  }
  return (
    <ul className="divide-y divide-slate-200" data-testid="prevention-list">
      {actions.map((action) => {
        const canComplete =
          action.status === "open" && (action.assignee.id === actor.userId || can(actor.role, "prevention.complete"));
        return (
          <li key={action.id} className="space-y-2 py-3" data-testid="prevention-item">
            <div className="flex flex-wrap items-center gap-2">
              <span className="font-semibold">{t(`types.${action.type}`)}</span>
              <Badge tone={action.status === "done" ? "success" : action.overdue ? "danger" : "neutral"}>
                {action.status === "open" && action.overdue ? t("overdue") : t(`statuses.${action.status}`)}
              </Badge>
            </div>
            <p className="whitespace-pre-wrap break-words">{action.note}</p>
            <dl className="grid grid-cols-1 gap-x-6 gap-y-1 text-sm sm:grid-cols-3">
              <div>
                <dt className="inline text-slate-600">{t("assignee")}: </dt>
                <dd className="inline">{action.assignee.name}</dd>
              </div>
              <div>
                <dt className="inline text-slate-600">{t("due")}: </dt>
                <dd className="inline">
                  <LocalTime iso={action.dueAt} />
                </dd>
              </div>
              <div>
                <dt className="inline text-slate-600">{t("from")}: </dt>
                <dd className="inline">
                  {action.incidents.map((incident, index) => (
                    <span key={incident.id}>
                      {index > 0 ? ", " : null}
                      <Link href={`/incidents/${incident.id}`} className="text-blue-800 underline underline-offset-2">
                        {incident.reference}
                      </Link>
                    </span>
                  ))}
                </dd>
              </div>
            </dl>
            {action.status === "done" && action.completedBy ? (
              <p className="text-sm text-slate-700" data-testid="prevention-done">
                {t("doneBy", { name: action.completedBy.name })}
                {action.completedAt ? (
                  <>
                    {" · "}
                    <LocalTime iso={action.completedAt} />
                  </>
                ) : null}
                {action.completionNote ? ` — ${action.completionNote}` : null}
              </p>
            ) : null}
            {canComplete ? <CompletePreventionActionForm actionId={action.id} /> : null}
          </li>
        );
      })}
    </ul>
  );
}
