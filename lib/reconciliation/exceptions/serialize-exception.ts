// ReconException rows → the API's JSON, with the kind an incident opened from it would get. Pure.
import type { IncidentStatus } from "@/lib/incidents/rules";
import { referenceOf } from "@/lib/incidents/serialize";
import { incidentKindFor } from "@/lib/reconciliation/exceptions/incident-kind";
import { formatMinorExact } from "@/lib/reconciliation/exceptions/serialize-line";
import type { ReconExceptionDto, ReconLineDto } from "@/lib/schemas/reconciliation";

export interface ReconExceptionRow {
  id: string;
  key: string;
  category: string;
  status: string;
  storeId: string | null;
  tid: string | null;
  batchNo: string | null;
  day: string;
  lineCount: number;
  amountMinor: bigint | number;
  currency: string;
  incidentId: string | null;
  createdAt: Date;
  resolvedAt: Date | null;
}

export function serializeException(
  row: ReconExceptionRow,
  {
    storeName,
    incident,
    lines,
  }: {
    storeName: string | null;
    /** Its incident's number and status (null: none, or not found in the merchant). */
    incident: { number: number; status: IncidentStatus } | null;
    lines: ReconLineDto[];
  },
): ReconExceptionDto {
  return {
    id: row.id,
    key: row.key,
    category: row.category,
    status: row.status === "resolved" ? "resolved" : "open",
    storeId: row.storeId,
    storeName,
    tid: row.tid,
    batchNo: row.batchNo,
    day: row.day,
    lineCount: row.lineCount,
    amount: formatMinorExact(row.amountMinor),
    currency: row.currency,
    incidentKind: incidentKindFor(row.category),
    incident:
      row.incidentId && incident
        ? { id: row.incidentId, reference: referenceOf(incident.number), status: incident.status }
        : null,
    lines,
    createdAt: row.createdAt.toISOString(),
    resolvedAt: row.resolvedAt?.toISOString() ?? null,
  };
}
