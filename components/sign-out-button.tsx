"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";

export function SignOutButton() {
  const t = useTranslations("Common.nav");
  const router = useRouter();
  return (
    <button
      type="button"
      className="rounded px-2 py-1 text-sm text-slate-700 underline-offset-2 hover:underline"
      onClick={async () => {
        await fetch("/api/auth/sign-out", { method: "POST" });
        router.push("/login");
        router.refresh();
      }}
    >
      {t("signOut")}
    </button>
  );
}
