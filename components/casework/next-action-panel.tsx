// "What to do now": the next step (or closing), who may do it, and whether the viewer may —
// straight from the step rules and the permission table.
import { getFormatter, getTranslations } from "next-intl/server";
import { nextAction, rolesForStep } from "@/lib/incidents/rules";
import { type Role, rolesWith } from "@/lib/rbac/permissions";
import type { IncidentDto } from "@/lib/schemas/incident";

export async function NextActionPanel({ incident, role }: { incident: IncidentDto; role: Role }) {
  const t = await getTranslations("IncidentDetail.nextAction");
  const tIncident = await getTranslations("Incident");
  const tRoles = await getTranslations("Common.roles");
  const format = await getFormatter();
  const roleNames = (roles: Role[]) =>
    format.list(
      roles.map((r) => tRoles(r)),
      { type: "disjunction" },
    );
  const next = nextAction({ status: incident.status, steps: incident.steps });

  let what: string;
  let hint: string;
  let mayRoles: Role[];
  let target: string | null;
  let skipRoles: Role[] = [];
  switch (next.type) {
    case "step":
      what = t("step", { step: tIncident(`steps.${next.key}`) });
      // A case the reconciliation found is about a sale that settled before anyone saw it: there is
      // no transaction left to halt at the till, so the hint says what halting can still mean.
      hint =
        next.key === "halt" && incident.origin === "reconciliation"
          ? t("hints.haltFoundLater")
          : t(`hints.${next.key}`);
      mayRoles = next.roles;
      target = `#step-${next.key}`;
      skipRoles = rolesForStep(next.key, "skip");
      break;
    case "close":
      what = t("close");
      hint = t("hints.close");
      mayRoles = next.roles;
      target = "#close";
      break;
    case "none":
      what = t("closed");
      hint = incident.resolution
        ? t("hints.closed", { resolution: tIncident(`resolutions.${incident.resolution}`) })
        : t("hints.closedNoResolution");
      mayRoles = rolesWith("incident.reopen");
      target = "#reopen";
      break;
    default:
      return next satisfies never;
  }
  const youMay = mayRoles.includes(role);
  const youMaySkip = skipRoles.includes(role);

  return (
    <section
      aria-labelledby="next-action-heading"
      data-testid="next-action"
      data-next={next.type === "step" ? next.key : next.type}
      className="rounded-lg border-2 border-blue-700 bg-blue-50 px-4 py-3 shadow-sm"
    >
      <h2 id="next-action-heading" className="text-sm font-semibold text-blue-900">
        {t("heading")}
      </h2>
      <p className="mt-1 text-xl font-semibold text-slate-900" data-testid="next-action-what">
        {what}
      </p>
      <p className="mt-1 text-sm text-slate-800">{hint}</p>
      <p className="mt-2 text-sm text-slate-800" data-testid="next-action-roles">
        {next.type === "none"
          ? t("whoMayReopen", { roles: roleNames(mayRoles) })
          : t("whoMay", { roles: roleNames(mayRoles) })}
        {skipRoles.length > 0 ? ` ${t("whoMaySkip", { roles: roleNames(skipRoles) })}` : null}
      </p>
      <p
        className={`mt-1 text-sm font-medium ${youMay || youMaySkip ? "text-green-800" : "text-slate-700"}`}
        data-testid="next-action-you"
        data-may={youMay}
      >
        {youMay
          ? next.type === "none"
            ? t("youMayReopen")
            : t("youMay")
          : youMaySkip
            ? t("youMaySkipOnly", { role: tRoles(role) })
            : next.type === "none"
              ? t("youMayNotReopen", { role: tRoles(role) })
              : t("youMayNot", { role: tRoles(role), roles: roleNames(mayRoles) })}
      </p>
      {/* The current step's form follows right under this panel; closing and reopening are further down. */}
      {(youMay || youMaySkip) && target && next.type !== "step" ? (
        <a href={target} className="mt-3 inline-flex min-h-11 items-center text-blue-800 underline underline-offset-2">
          {t("goToForm")}
        </a>
      ) : null}
    </section>
  );
}
