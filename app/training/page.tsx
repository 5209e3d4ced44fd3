// Training records (issue 10, 模拟演练): which kinds of incident each person has practised in a
// drill, and when. A cashier sees their own; a supervisor their stores' cashiers, with a form to
// start a drill for one of them; an admin everyone. The drills themselves are incidents, marked
// as drills, in the incident list.
import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { StartDrillForm } from "@/components/drills/start-drill-form";
import { TrainingRecordCard } from "@/components/drills/training-record";
import { ForbiddenNotice } from "@/components/ui/forbidden-notice";
import { PagerLinks } from "@/components/ui/pager-links";
import { startDrillAction } from "@/lib/actions/drills";
import { pageActor } from "@/lib/auth/page-actor";
import { listDrillTargets } from "@/lib/drills/drill-targets";
import { readTrainingRecord } from "@/lib/drills/training-record";
import { can } from "@/lib/rbac/permissions";
import { TRAINING_PAGE_SIZE } from "@/lib/schemas/drill";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("Drills");
  return { title: t("title") };
}

export default async function TrainingPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const t = await getTranslations("Drills");
  const actor = await pageActor();
  if (!can(actor.role, "training.view")) {
    return <ForbiddenNotice title={t("title")} message={t("forbidden")} testId="training-forbidden" />;
  }
  const mayStart = can(actor.role, "drill.start");
  const asked = await searchParams;
  const cursor = typeof asked.cursor === "string" && asked.cursor.length <= 64 ? asked.cursor : undefined;
  const limitAsked = Number(asked.limit);
  const limit =
    Number.isInteger(limitAsked) && limitAsked >= 1 && limitAsked <= TRAINING_PAGE_SIZE ? limitAsked : undefined;
  const pageQuery = (more: Record<string, string>) =>
    new URLSearchParams({ ...(limit ? { limit: String(limit) } : {}), ...more }).toString();
  const [record, targets] = await Promise.all([
    readTrainingRecord({ actor, query: { cursor, limit } }),
    mayStart ? listDrillTargets({ actor }) : null,
  ]);
  return (
    <div className="space-y-4">
      <div>
        <h1 className="text-2xl font-semibold">{t("title")}</h1>
        <p className="mt-1 text-slate-700">{actor.role === "CASHIER" ? t("introCashier") : t("intro")}</p>
        <p className="mt-1 text-sm">
          <Link href="/incidents" className="text-blue-800 underline underline-offset-2">
            {t("openDrills")}
          </Link>
        </p>
      </div>
      {targets ? <StartDrillForm action={startDrillAction} targets={targets} /> : null}
      {record.people.length === 0 ? (
        <p className="rounded-lg border border-slate-200 bg-white p-4 text-slate-700" data-testid="training-empty">
          {t("empty")}
        </p>
      ) : (
        record.people.map((person) => <TrainingRecordCard key={person.userId} person={person} />)
      )}
      <PagerLinks
        label={t("pagination.label")}
        first={cursor ? { href: `/training?${pageQuery({})}`, text: t("pagination.first") } : null}
        next={
          record.nextCursor
            ? {
                href: `/training?${pageQuery({ cursor: record.nextCursor })}`,
                text: t("pagination.next"),
                testId: "training-next",
              }
            : null
        }
      />
    </div>
  );
}
