import { randomUUID } from "node:crypto";
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { NewIncidentForm } from "@/components/incidents/new-incident-form";
import { pageActor } from "@/lib/auth/page-actor";
import { can } from "@/lib/rbac/permissions";
import { listLoggableTerminals } from "@/lib/terminals/list-terminals";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("NewIncident");
  return { title: `${t("title")} · Slipcase` };
}

export default async function NewIncidentPage() {
  const actor = await pageActor();
  const t = await getTranslations("NewIncident");

  if (!can(actor.role, "incident.create")) {
    return (
      <div
        role="alert"
        data-testid="forbidden"
        className="mx-auto max-w-lg rounded-md border border-red-300 bg-red-50 px-4 py-4"
      >
        <h1 className="text-lg font-semibold text-red-900">{t("forbiddenTitle")}</h1>
        <p className="mt-1 text-red-800">{t("forbiddenBody")}</p>
      </div>
    );
  }

  const terminals = await listLoggableTerminals({ actor });
  return (
    <div className="mx-auto w-full max-w-lg">
      <h1 className="text-2xl font-semibold text-slate-900">{t("title")}</h1>
      <p className="mt-1 mb-5 text-sm text-slate-700">{t("intro")}</p>
      {terminals.length === 0 ? (
        <p role="alert" className="rounded-md border border-amber-300 bg-amber-50 px-4 py-3 text-amber-900">
          {t("noTerminals")}
        </p>
      ) : (
        // A fresh key for every render, so a form posted twice (before or without JavaScript) logs once.
        <NewIncidentForm terminals={terminals} idempotencyKey={randomUUID()} />
      )}
    </div>
  );
}
