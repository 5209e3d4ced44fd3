// /admin/plan: the emergency plan (应急预案) per kind of incident, for admins. Other roles get a
// "not allowed" page; the server action refuses them too (savePlan checks the role itself).
import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { LocalTime } from "@/components/casework/local-time";
import { PlanForm } from "@/components/notifications/plan-form";
import { savePlanAction } from "@/lib/actions/plan";
import { listUsers } from "@/lib/admin/list-users";
import { pageActor } from "@/lib/auth/page-actor";
import { INCIDENT_KINDS, type IncidentKind } from "@/lib/incidents/rules";
import { listPlans } from "@/lib/notifications/list-plans";
import { can } from "@/lib/rbac/permissions";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("Plan");
  return { title: `${t("title")} · Slipcase` };
}

type Props = { searchParams: Promise<{ kind?: string | string[] }> };

export default async function PlanPage({ searchParams }: Props) {
  const actor = await pageActor();
  const t = await getTranslations("Plan");
  const tKinds = await getTranslations("Incident.kinds");
  if (!can(actor.role, "plan.edit")) {
    return (
      <div className="space-y-3" data-testid="plan-forbidden">
        <h1 className="text-2xl font-semibold">{t("title")}</h1>
        <p role="alert" className="text-slate-800">
          {t("forbidden")}
        </p>
      </div>
    );
  }
  const requested = (await searchParams).kind;
  const kind: IncidentKind = INCIDENT_KINDS.find((known) => known === requested) ?? INCIDENT_KINDS[0];
  const [plans, users] = await Promise.all([listPlans({ actor }), listUsers({ actor })]);
  const current = plans.find((plan) => plan.kind === kind) ?? plans[0];
  const people = users.filter((user) => user.active).map(({ id, name, role }) => ({ id, name, role }));
  return (
    <div className="space-y-4">
      <div className="space-y-2">
        <h1 className="text-2xl font-semibold">{t("title")}</h1>
        <p className="text-slate-700">{t("intro")}</p>
      </div>
      <nav aria-label={t("kindNav")}>
        <ul className="flex flex-wrap gap-2">
          {INCIDENT_KINDS.map((known) => (
            <li key={known}>
              <Link
                href={`/admin/plan?kind=${known}`}
                aria-current={known === kind ? "page" : undefined}
                className={`inline-flex min-h-11 items-center rounded-md border px-3 text-sm ${
                  known === kind
                    ? "border-blue-700 bg-blue-50 font-semibold text-slate-900"
                    : "border-slate-300 text-slate-700"
                }`}
              >
                {tKinds(known)}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <h2 className="text-xl font-semibold">{tKinds(kind)}</h2>
      <p className="text-sm text-slate-600" data-testid="plan-status">
        {current.isDefault || !current.updatedAt ? (
          t("isDefault")
        ) : (
          <>
            {t("changed")}
            <LocalTime iso={current.updatedAt} />
          </>
        )}
      </p>
      <PlanForm
        // Remounts with the saved plan when the kind changes.
        key={kind}
        action={savePlanAction.bind(null, kind)}
        plan={current.plan}
        people={people}
        kindLabel={tKinds(kind)}
      />
    </div>
  );
}
