// Issue 9: a terminal's software state as a badge — flagged (outdated, or no update day recorded)
// or current. Used on the admin's terminal list and on a terminal_fault incident's page.
import { useTranslations } from "next-intl";
import { Badge } from "@/components/ui/badge";
import type { SoftwareStatus } from "@/lib/admin/terminal-software";

export function SoftwareStatusBadge({ status, maxAgeDays }: { status: SoftwareStatus; maxAgeDays?: number }) {
  const t = useTranslations("TerminalDetails");
  switch (status) {
    case "current":
      return (
        <Badge tone="success" data-software-status={status}>
          {t("status.current")}
        </Badge>
      );
    case "outdated":
      return (
        <Badge tone="danger" data-software-status={status}>
          {maxAgeDays === undefined ? t("status.outdated") : t("status.outdatedDays", { days: maxAgeDays })}
        </Badge>
      );
    case "unknown":
      return (
        <Badge tone="warning" data-software-status={status}>
          {t("status.unknown")}
        </Badge>
      );
    default:
      return status satisfies never;
  }
}
