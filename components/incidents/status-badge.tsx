import { useTranslations } from "next-intl";
import type { IncidentStatus } from "@/lib/incidents/rules";

const STYLES = {
  OPEN: "border-amber-300 bg-amber-50 text-amber-900",
  IN_PROGRESS: "border-blue-300 bg-blue-50 text-blue-900",
  CLOSED: "border-slate-300 bg-slate-100 text-slate-800",
} as const satisfies Record<IncidentStatus, string>;

export function StatusBadge({ status }: { status: IncidentStatus }) {
  const t = useTranslations("Incident.status");
  return (
    <span
      data-testid="status-badge"
      data-status={status}
      className={`inline-flex items-center rounded-full border px-2 py-0.5 text-xs font-medium ${STYLES[status]}`}
    >
      {t(status)}
    </span>
  );
}

export function OverdueBadge() {
  const t = useTranslations("Incident");
  return (
    <span
      data-testid="overdue-badge"
      className="inline-flex items-center rounded-full border border-red-300 bg-red-50 px-2 py-0.5 text-xs font-semibold text-red-800"
    >
      {t("overdue")}
    </span>
  );
}
