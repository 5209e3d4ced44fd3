import Link from "next/link";
import { getTranslations } from "next-intl/server";

export default async function IncidentNotFound() {
  const t = await getTranslations("IncidentDetail.notFound");
  return (
    <div className="space-y-3" data-testid="incident-not-found">
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      <p className="text-slate-700">{t("body")}</p>
      <Link href="/incidents" className="inline-flex min-h-11 items-center text-blue-800 underline underline-offset-2">
        {t("back")}
      </Link>
    </div>
  );
}
