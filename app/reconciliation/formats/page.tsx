// /reconciliation/formats: the merchant's saved import formats, and making one from a sample
// file's first rows. Finance and admins only (reconciliation.import); the API checks again.
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { FormatsManager } from "@/components/reconciliation/formats-manager";
import { ReconciliationForbidden, ReconciliationHeader } from "@/components/reconciliation/page-header";
import { pageActor } from "@/lib/auth/page-actor";
import { can } from "@/lib/rbac/permissions";
import { listFormats } from "@/lib/reconciliation/formats/list-formats";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("Formats");
  const tReconciliation = await getTranslations("Reconciliation");
  return { title: `${t("heading")} · ${tReconciliation("metaTitle")}` };
}

export default async function FormatsPage() {
  const actor = await pageActor();
  if (!can(actor.role, "reconciliation.import")) return <ReconciliationForbidden />;
  const t = await getTranslations("Formats");
  const formats = await listFormats({ actor });
  return (
    <div className="space-y-6">
      <ReconciliationHeader current="formats" intro={t("intro")} />
      <FormatsManager initial={formats} builderHeading={t("builder.heading")} />
    </div>
  );
}
