// A form, not a click handler: sign-out posts to a server action, so it works without JavaScript.
// A kit button, so it is a thumb's 44 px tall on a phone like every other control.
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { signOutAction } from "@/lib/actions/sign-out";

export function SignOutButton() {
  const t = useTranslations("Common.nav");
  return (
    <form action={signOutAction}>
      <Button type="submit" block>
        {t("signOut")}
      </Button>
    </form>
  );
}
