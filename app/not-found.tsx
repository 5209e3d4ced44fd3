// The 404 page for every address no route answers (and for notFound() outside a segment with its
// own page), in the reader's language.
import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("Errors.notFound");
  return { title: t("metaTitle") };
}

export default async function NotFound() {
  const t = await getTranslations("Errors.notFound");
  return (
    <div className="space-y-3" data-testid="page-not-found">
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      <p className="text-slate-700">{t("body")}</p>
      <Link href="/incidents" className="inline-flex min-h-11 items-center text-blue-800 underline underline-offset-2">
        {t("home")}
      </Link>
    </div>
  );
}
