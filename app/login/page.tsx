import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { optionalPageActor } from "@/lib/auth/page-actor";
import { LoginForm } from "./login-form";
import { safeNextPath } from "./safe-next";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("Login");
  return { title: `${t("submit")} · Slipcase` };
}

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ next?: string | string[] }> }) {
  const next = safeNextPath((await searchParams).next);
  if (await optionalPageActor()) redirect(next);
  const t = await getTranslations("Login");
  return (
    <div className="mx-auto w-full max-w-sm py-6">
      <h1 className="mb-6 text-2xl font-semibold text-slate-900">{t("title")}</h1>
      <LoginForm next={next} />
    </div>
  );
}
