// A form, not a click handler: sign-out posts to a server action, so it works without JavaScript.
import { useTranslations } from "next-intl";
import { signOutAction } from "@/lib/actions/sign-out";

export function SignOutButton() {
  const t = useTranslations("Common.nav");
  return (
    <form action={signOutAction}>
      <button type="submit" className="rounded px-2 py-1 text-sm text-slate-700 underline-offset-2 hover:underline">
        {t("signOut")}
      </button>
    </form>
  );
}
