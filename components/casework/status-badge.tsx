// Coloured pills for an incident's status and a checklist step's status (text always present,
// colour only reinforces it).
import type { IncidentStatus, StepStatus } from "@/lib/incidents/rules";

const INCIDENT_STATUS_CLASSES = {
  OPEN: "bg-amber-100 text-amber-900",
  IN_PROGRESS: "bg-blue-100 text-blue-900",
  CLOSED: "bg-slate-200 text-slate-800",
} as const satisfies Record<IncidentStatus, string>;

const STEP_STATUS_CLASSES = {
  pending: "bg-amber-100 text-amber-900",
  done: "bg-green-100 text-green-900",
  skipped: "bg-slate-200 text-slate-800",
  not_applicable: "bg-slate-100 text-slate-700",
} as const satisfies Record<StepStatus, string>;

export function StatusBadge({ status, label }: { status: IncidentStatus; label: string }) {
  return (
    <span
      className={`rounded-full px-2.5 py-0.5 text-sm font-medium ${INCIDENT_STATUS_CLASSES[status]}`}
      data-testid="incident-status"
      data-status={status}
    >
      {label}
    </span>
  );
}

export function StepStatusBadge({ status, label, testId }: { status: StepStatus; label: string; testId?: string }) {
  return (
    <span
      className={`rounded-full px-2.5 py-0.5 text-sm font-medium ${STEP_STATUS_CLASSES[status]}`}
      data-testid={testId}
      data-status={status}
    >
      {label}
    </span>
  );
}
