// Under the incident's reconcile step: the line a later file brought (the latest
// reconciliation.evidence_matched event), for finance to check before confirming the step.
import { getTranslations } from "next-intl/server";
import { readAuditEvent } from "@/lib/audit/events";
import type { IncidentDetailDto } from "@/lib/schemas/incident";

/**
 * The lines of the latest evidence_matched event of the timeline, or null when none came — or when
 * an exception was linked to the case after it (its lines in another exception, opened again): the
 * money is a discrepancy again, and the panel would say it is explained.
 */
export function matchingLinesOf(timeline: IncidentDetailDto["timeline"]) {
  for (let index = timeline.length - 1; index >= 0; index--) {
    const read = readAuditEvent(timeline[index]);
    if (!read.known) continue;
    if (read.event.type === "reconciliation.exception_linked") return null;
    if (read.event.type === "reconciliation.evidence_matched") {
      return { category: read.event.after.category, lines: read.event.after.lines };
    }
  }
  return null;
}

export async function MatchingLine({ evidence }: { evidence: NonNullable<ReturnType<typeof matchingLinesOf>> }) {
  const t = await getTranslations("Exceptions");
  return (
    <div className="mt-2 rounded border border-emerald-300 bg-emerald-50 p-3 text-sm" data-testid="matching-line">
      <p className="font-semibold text-emerald-900">{t("evidence.heading")}</p>
      <p className="text-emerald-900">{t(evidence.lines.length > 0 ? "evidence.intro" : "evidence.introNoLine")}</p>
      <ul className="mt-1 space-y-0.5">
        {evidence.lines.map((line) => (
          <li key={line.id} className="break-words" data-line-id={line.id}>
            {t(`sources.${line.source}`)} · {line.tid ?? "—"} · {line.txAt ?? "—"} ·{" "}
            <span className="tabular-nums">{line.amount}</span> · {t("linkedLines.rrn")} {line.rrn ?? "—"}
          </li>
        ))}
      </ul>
    </div>
  );
}
