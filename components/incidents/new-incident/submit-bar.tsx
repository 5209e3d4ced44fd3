// The form's one primary button. On a phone it stays at the bottom of the screen while the
// optional fields scroll under it, so a cashier in a rush logs with two choices and one tap.
import { useTranslations } from "next-intl";
import { SubmitButton } from "@/components/ui/button";

export function SubmitBar({ pending }: { pending: boolean }) {
  const t = useTranslations("NewIncident");
  return (
    <div className="sticky bottom-0 z-10 -mx-4 border-t border-slate-200 bg-white/95 px-4 pt-3 pb-[max(0.75rem,env(safe-area-inset-bottom))] sm:static sm:mx-0 sm:border-0 sm:bg-transparent sm:p-0">
      <SubmitButton pending={pending} pendingLabel={t("submitting")} size="lg" block>
        {t("submit")}
      </SubmitButton>
    </div>
  );
}
