// Alert rows → the API's JSON (lib/schemas/alerts.ts), with the names of the stores and people they
// name read in one query each.
import "server-only";
import type { AlertEvidence, AlertRuleType, AlertStatus, AlertSubjectType } from "@/lib/alerts/types";
import type { Tx } from "@/lib/db/client";
import type { AlertDto } from "@/lib/schemas/alerts";

export interface AlertRow {
  id: string;
  merchantId: string;
  ruleType: string;
  storeId: string | null;
  subjectType: string;
  subjectId: string;
  subjectLabel: string;
  status: string;
  evidence: string;
  createdAt: Date;
  acknowledgedAt: Date | null;
  acknowledgedById: string | null;
  resolvedAt: Date | null;
  resolvedById: string | null;
}

export async function serializeAlerts(tx: Tx, rows: readonly AlertRow[]): Promise<AlertDto[]> {
  const storeIds = [...new Set(rows.flatMap((row) => (row.storeId ? [row.storeId] : [])))];
  const userIds = [
    ...new Set(rows.flatMap((row) => [row.acknowledgedById, row.resolvedById].filter((id): id is string => !!id))),
  ];
  const [stores, users] = await Promise.all([
    storeIds.length ? tx.store.findMany({ where: { id: { in: storeIds } }, select: { id: true, name: true } }) : [],
    userIds.length ? tx.user.findMany({ where: { id: { in: userIds } }, select: { id: true, name: true } }) : [],
  ]);
  const storeName = new Map(stores.map((store) => [store.id, store.name]));
  const userName = new Map(users.map((user) => [user.id, user.name]));
  const person = (id: string | null) => (id ? { id, name: userName.get(id) ?? "" } : null);
  return rows.map((row) => ({
    id: row.id,
    rule: row.ruleType as AlertRuleType,
    status: row.status as AlertStatus,
    subject: { type: row.subjectType as AlertSubjectType, id: row.subjectId, label: row.subjectLabel },
    storeId: row.storeId,
    storeName: row.storeId ? (storeName.get(row.storeId) ?? null) : null,
    evidence: readEvidence(row.evidence),
    createdAt: row.createdAt.toISOString(),
    acknowledgedAt: row.acknowledgedAt?.toISOString() ?? null,
    acknowledgedBy: person(row.acknowledgedById),
    resolvedAt: row.resolvedAt?.toISOString() ?? null,
    resolvedBy: person(row.resolvedById),
  }));
}

function readEvidence(text: string): AlertEvidence {
  try {
    const parsed = JSON.parse(text) as Partial<AlertEvidence>;
    return {
      incidents: parsed.incidents ?? [],
      lines: parsed.lines ?? [],
      ...(parsed.exception ? { exception: parsed.exception } : {}),
      figures: parsed.figures ?? {},
    };
  } catch {
    return { incidents: [], lines: [], figures: {} };
  }
}
