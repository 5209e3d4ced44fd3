// The prevention part of a closed incident's page: the actions made from it, and for a supervisor
// or admin the form to make one (the owner chosen among the merchant's active people).
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { PreventionActionList } from "@/components/prevention/action-list";
import { CreatePreventionActionForm } from "@/components/prevention/create-action-form";
import { optionsHtml } from "@/components/ui/options-html";
import type { Actor } from "@/lib/auth/actor";
import { listPreventionActions } from "@/lib/prevention/list-actions";
import { listAssignees } from "@/lib/prevention/list-assignees";
import { can, ROLES } from "@/lib/rbac/permissions";

/** How long a new action gets by default. */
const DEFAULT_DUE_DAYS = 14;

export async function IncidentPrevention({
  actor,
  incidentId,
  closed,
}: {
  actor: Actor;
  incidentId: string;
  closed: boolean;
}) {
  const t = await getTranslations("Prevention");
  const tCommon = await getTranslations("Common");
  const { items } = await listPreventionActions({ actor, incidentId });
  const canCreate = closed && can(actor.role, "prevention.create");
  if (items.length === 0 && !canCreate) return null;
  const assignees = canCreate ? await listAssignees(actor) : [];
  const due = new Date(Date.now() + DEFAULT_DUE_DAYS * 86_400_000).toISOString().slice(0, 10);
  return (
    <section
      id="prevention"
      aria-labelledby="prevention-heading"
      className="space-y-3 rounded-lg border border-slate-200 bg-white p-4"
    >
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="prevention-heading" className="text-lg font-semibold">
          {t("heading")}
        </h2>
        <Link href="/prevention" className="text-sm text-blue-800 underline underline-offset-2">
          {t("title")}
        </Link>
      </div>
      <PreventionActionList actions={items} actor={actor} emptyText={t("emptyIncident")} />
      {canCreate ? (
        <div className="border-t border-slate-200 pt-3">
          <h3 className="mb-2 font-semibold">{t("create.heading")}</h3>
          <CreatePreventionActionForm
            incidentIds={[incidentId]}
            defaultDueDate={due}
            // A chain's ~1,500 people: one string of options, grouped by role, written once in the
            // HTML and once in the RSC payload (components/ui/options-html.ts).
            assigneeOptions={optionsHtml({
              first: { value: "", label: t("create.chooseAssignee") },
              groups: ROLES.map((role) => ({
                label: tCommon(`roles.${role}`),
                options: assignees
                  .filter((person) => person.role === role)
                  .map((person) => ({ value: person.id, label: person.name })),
              })).filter((group) => group.options.length > 0),
            })}
          />
        </div>
      ) : null}
    </section>
  );
}
