// The alert evaluation (job kind alerts.evaluate, queued by incident changes and reconciliation
// imports, lib/alerts/queue-evaluation.ts): the merchant's rules, the facts they need (bounded reads,
// lib/alerts/load-facts.ts), the pure rules, then each candidate raised in its own transaction
// (lib/alerts/raise-alert.ts). Safe to run again and on several instances at once: a condition with
// an open alert is skipped here and, should two runs race past that, refused by the open key's
// unique index. An open alert's evidence is brought up to date (with an alert.evidence_added event
// naming what came); a condition whose last alert was resolved raises again only with evidence the
// resolved one did not have.
import "server-only";
import { type AlertFacts, loadAlertFacts, readStoreNames } from "@/lib/alerts/load-facts";
import { raiseAlert } from "@/lib/alerts/raise-alert";
import { loadAlertRules } from "@/lib/alerts/read-alert-rules";
import type { AlertRuleSettings } from "@/lib/alerts/rule-settings";
import { runRules } from "@/lib/alerts/run-rules";
import {
  type AlertCandidate,
  type AlertEvidence,
  type AlertRuleType,
  evidenceItemIds,
  MAX_EVIDENCE_ITEMS,
} from "@/lib/alerts/types";
import { appendEvent } from "@/lib/audit/append-event";
import { prisma, type Tx } from "@/lib/db/client";

/** The incidents and lines an evaluation added to an open alert's evidence. */
type EvidenceAdded = { incidentIds: string[]; lineIds: number[] };

export async function evaluateAlerts({
  merchantId,
  lines = false,
  now = new Date(),
}: {
  merchantId: string;
  /** Also read the journal's per-operator rates (after an import). */
  lines?: boolean;
  now?: Date;
}): Promise<{ raised: string[] }> {
  const plan = await planAlerts(prisma, { merchantId, lines, now });
  if (!plan) return { raised: [] };
  // Each open alert's new evidence with its event, in one transaction (nothing when another worker
  // closed it meanwhile: its open key is gone).
  for (const update of plan.updates) {
    await prisma.$transaction(async (tx) => {
      const { count } = await tx.alert.updateMany({
        where: { id: update.id, openKey: update.openKey },
        data: { evidence: JSON.stringify(update.evidence), updatedAt: now },
      });
      if (count === 0) return;
      await appendEvent(tx, {
        merchantId,
        actorId: null,
        type: "alert.evidence_added",
        after: { alertId: update.id, rule: update.rule, ...update.added },
      });
    });
  }
  const storeNames = await readStoreNames(
    prisma,
    merchantId,
    plan.fresh.flatMap((candidate) => (candidate.storeId ? [candidate.storeId] : [])),
    plan.facts.storeNames,
  );
  const raised: string[] = [];
  for (const candidate of plan.fresh) {
    const rule = plan.rules.find((each) => each.type === candidate.ruleType);
    if (!rule) continue;
    const id = await raiseAlert({
      merchantId,
      candidate,
      rule,
      storeName: candidate.storeId ? (storeNames.get(candidate.storeId) ?? null) : null,
      now,
    });
    if (id) raised.push(id);
  }
  return { raised };
}

/** What an evaluation would write: the open alerts' new evidence and the candidates to raise. */
export interface AlertPlan {
  rules: AlertRuleSettings[];
  facts: AlertFacts;
  candidates: AlertCandidate[];
  updates: { id: string; openKey: string; rule: AlertRuleType; evidence: AlertEvidence; added: EvidenceAdded }[];
  fresh: AlertCandidate[];
}

/** The evaluation's reads, writing nothing (null: no rule is on). */
export async function planAlerts(
  db: Tx,
  { merchantId, lines, now }: { merchantId: string; lines: boolean; now: Date },
): Promise<AlertPlan | null> {
  const rules = await loadAlertRules(db, merchantId);
  if (!rules.some((rule) => rule.enabled)) return null;
  const facts = await loadAlertFacts(db, { merchantId, rules, now, withLines: lines });
  const candidates = runRules(rules, facts, now);
  return { rules, facts, candidates, ...(await comparePlan(db, merchantId, candidates)) };
}

/** The candidates against the merchant's alerts: open ones to bring up to date, the rest to raise. */
export async function comparePlan(
  db: Tx,
  merchantId: string,
  candidates: readonly AlertCandidate[],
): Promise<Pick<AlertPlan, "updates" | "fresh">> {
  if (candidates.length === 0) return { updates: [], fresh: [] };
  const keys = candidates.map((candidate) => candidate.conditionKey);
  const openAlerts = [];
  for (const some of chunks(keys)) {
    openAlerts.push(
      ...(await db.alert.findMany({
        where: { merchantId, openKey: { in: some } },
        select: { id: true, openKey: true, evidence: true },
      })),
    );
  }
  const open = new Map(openAlerts.map((alert) => [alert.openKey, alert]));
  // An open alert's evidence keeps up with its condition (a fourth slip joins the three), so once
  // it is resolved only evidence that came after raises the condition again.
  const updates: AlertPlan["updates"] = [];
  for (const candidate of candidates) {
    const alert = open.get(candidate.conditionKey);
    if (!alert) continue;
    const merged = mergeEvidence(readEvidence(alert.evidence), candidate.evidence);
    if (merged) updates.push({ id: alert.id, openKey: candidate.conditionKey, rule: candidate.ruleType, ...merged });
  }
  const unopened = candidates.filter((candidate) => !open.has(candidate.conditionKey));
  const lastResolved = new Map<string, Set<string>>();
  for (const some of chunks(unopened.map((candidate) => candidate.conditionKey))) {
    const resolved = await db.alert.findMany({
      where: { merchantId, status: "resolved", conditionKey: { in: some } },
      select: { conditionKey: true, evidence: true },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: 1_000,
    });
    for (const alert of resolved) {
      if (lastResolved.has(alert.conditionKey)) continue;
      lastResolved.set(alert.conditionKey, new Set(evidenceItemIds(readEvidence(alert.evidence))));
    }
  }
  const fresh = unopened.filter((candidate) => {
    const before = lastResolved.get(candidate.conditionKey);
    return !before || !evidenceItemIds(candidate.evidence).every((item) => before.has(item));
  });
  return { updates, fresh };
}

/**
 * The keys in lists short enough for one query: a chain's evaluation has a thousand candidates and
 * more, and one IN list of them was over SQLite's limit on a query's parameters (the job failed).
 */
export const KEYS_PER_QUERY = 500;

function chunks(keys: readonly string[]): string[][] {
  const lists: string[][] = [];
  for (let index = 0; index < keys.length; index += KEYS_PER_QUERY)
    lists.push(keys.slice(index, index + KEYS_PER_QUERY));
  return lists;
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

/**
 * The stored evidence with the new items added (newest first, capped) and which were added; null
 * when nothing is new.
 */
function mergeEvidence(
  stored: AlertEvidence,
  found: AlertEvidence,
): { evidence: AlertEvidence; added: EvidenceAdded } | null {
  const known = new Set(evidenceItemIds(stored));
  if (evidenceItemIds(found).every((item) => known.has(item))) return null;
  const newIncidents = found.incidents.filter((incident) => !known.has(`incident:${incident.id}`));
  const newLines = found.lines.filter((line) => !known.has(`line:${line.id}`));
  return {
    evidence: {
      ...stored,
      incidents: [...newIncidents, ...stored.incidents].slice(0, MAX_EVIDENCE_ITEMS),
      lines: [...newLines, ...stored.lines].slice(0, MAX_EVIDENCE_ITEMS),
      figures: found.figures,
    },
    added: {
      incidentIds: newIncidents.map((incident) => incident.id),
      lineIds: newLines.map((line) => line.id),
    },
  };
}
