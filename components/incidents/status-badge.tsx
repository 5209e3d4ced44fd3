// The one status badge of the product: an incident's status, overdue, and a checklist step's
// status, on the list, the incident page and the finance queue alike.
import { useTranslations } from "next-intl";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import type { IncidentStatus, StepStatus } from "@/lib/incidents/rules";

const STATUS_TONES = {
  OPEN: "warning",
  IN_PROGRESS: "info",
  CLOSED: "neutral",
} as const satisfies Record<IncidentStatus, BadgeTone>;

const STEP_TONES = {
  pending: "warning",
  done: "success",
  skipped: "neutral",
  not_applicable: "muted",
} as const satisfies Record<StepStatus, BadgeTone>;

export function StatusBadge({
  status,
  testId = "status-badge",
  large = false,
}: {
  status: IncidentStatus;
  testId?: string;
  large?: boolean;
}) {
  const t = useTranslations("Incident.status");
  return (
    <Badge tone={STATUS_TONES[status]} data-testid={testId} data-status={status} className={large ? "text-sm" : ""}>
      {t(status)}
    </Badge>
  );
}

export function OverdueBadge({ testId = "overdue-badge", large = false }: { testId?: string; large?: boolean }) {
  const t = useTranslations("Incident");
  return (
    <Badge tone="danger" data-testid={testId} className={`font-semibold ${large ? "text-sm" : ""}`}>
      {t("overdue")}
    </Badge>
  );
}

/** Issue 10: a drill (模拟演练) — practice, never counted — marked wherever a person sees it. */
export function DrillBadge({
  drillFor,
  testId = "drill-badge",
  large = false,
  className = "",
}: {
  /** The cashier it is for, named in the badge's title. */
  drillFor?: { name: string } | null;
  testId?: string;
  large?: boolean;
  className?: string;
}) {
  const t = useTranslations("Incident");
  return (
    <Badge
      tone="info"
      data-testid={testId}
      title={drillFor ? t("drillFor", { name: drillFor.name }) : undefined}
      className={`border-dashed font-semibold ${large ? "text-sm" : ""} ${className}`}
    >
      {t("drill")}
    </Badge>
  );
}

export function StepStatusBadge({ status, testId }: { status: StepStatus; testId?: string }) {
  const t = useTranslations("Incident.stepStatus");
  return (
    <Badge tone={STEP_TONES[status]} data-testid={testId} data-status={status} className="text-sm">
      {t(status)}
    </Badge>
  );
}
