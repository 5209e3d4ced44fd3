// Issue 9: the /admin section where the admin sets after how many days without a software update a
// terminal is flagged (on this page's terminal lists and on terminal_fault incidents).
import { getTranslations } from "next-intl/server";
import { AdminSection } from "./admin-section";
import { SoftwareThresholdForm } from "./software-threshold-form";
import type { FormAction } from "./use-admin-form";

export async function TerminalSoftwareSection({ maxAgeDays, action }: { maxAgeDays: number; action: FormAction }) {
  const t = await getTranslations("TerminalDetails");
  return (
    <AdminSection id="terminal-software-heading" heading={t("threshold.heading")}>
      <p className="text-slate-700">{t("threshold.intro")}</p>
      <SoftwareThresholdForm action={action} maxAgeDays={maxAgeDays} />
    </AdminSection>
  );
}
