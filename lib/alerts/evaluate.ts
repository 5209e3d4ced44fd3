// The alert evaluation (job kind alerts.evaluate, queued by incident changes and reconciliation
// imports, lib/alerts/queue-evaluation.ts): the merchant's rules, the facts they need (bounded reads,
// lib/alerts/load-facts.ts), the pure rules, then each candidate raised in its own transaction
// (lib/alerts/raise-alert.ts). Safe to run again and on several instances at once: a condition with
// an open alert is skipped here and, should two runs race past that, refused by the open key's
// unique index. An open alert's evidence is brought up to date; a condition whose last alert was
// resolved raises again only with evidence the resolved one did not have.
import "server-only";
import { loadAlertFacts } from "@/lib/alerts/load-facts";
import { raiseAlert } from "@/lib/alerts/raise-alert";
import { loadAlertRules } from "@/lib/alerts/read-alert-rules";
import { runRules } from "@/lib/alerts/run-rules";
import { type AlertEvidence, evidenceItemIds, MAX_EVIDENCE_ITEMS } from "@/lib/alerts/types";
import { prisma } from "@/lib/db/client";

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
  const rules = await loadAlertRules(prisma, merchantId);
  if (!rules.some((rule) => rule.enabled)) return { raised: [] };
  const facts = await loadAlertFacts(prisma, { merchantId, rules, now, withLines: lines });
  const candidates = runRules(rules, facts, now);
  if (candidates.length === 0) return { raised: [] };

  const keys = candidates.map((candidate) => candidate.conditionKey);
  const openAlerts = await prisma.alert.findMany({
    where: { merchantId, openKey: { in: keys } },
    select: { id: true, openKey: true, evidence: true },
  });
  const open = new Map(openAlerts.map((alert) => [alert.openKey, alert]));
  // An open alert's evidence keeps up with its condition (a fourth slip joins the three), so once
  // it is resolved only evidence that came after raises the condition again.
  for (const candidate of candidates) {
    const alert = open.get(candidate.conditionKey);
    if (!alert) continue;
    const merged = mergeEvidence(readEvidence(alert.evidence), candidate.evidence);
    if (merged) {
      await prisma.alert.updateMany({
        where: { id: alert.id, openKey: candidate.conditionKey },
        data: { evidence: JSON.stringify(merged) },
      });
    }
  }
  const fresh = candidates.filter((candidate) => !open.has(candidate.conditionKey));
  const lastResolved = new Map<string, Set<string>>();
  if (fresh.length > 0) {
    const resolved = await prisma.alert.findMany({
      where: { merchantId, status: "resolved", conditionKey: { in: fresh.map((candidate) => candidate.conditionKey) } },
      select: { conditionKey: true, evidence: true },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: 1_000,
    });
    for (const alert of resolved) {
      if (lastResolved.has(alert.conditionKey)) continue;
      lastResolved.set(alert.conditionKey, new Set(evidenceItemIds(readEvidence(alert.evidence))));
    }
  }

  const raised: string[] = [];
  for (const candidate of fresh) {
    const before = lastResolved.get(candidate.conditionKey);
    if (before && evidenceItemIds(candidate.evidence).every((item) => before.has(item))) continue;
    const rule = rules.find((each) => each.type === candidate.ruleType);
    if (!rule) continue;
    const id = await raiseAlert({
      merchantId,
      candidate,
      rule,
      storeName: candidate.storeId ? (facts.storeNames.get(candidate.storeId) ?? null) : null,
      now,
    });
    if (id) raised.push(id);
  }
  return { raised };
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

/** The stored evidence with the new items added (newest first, capped); null when nothing is new. */
function mergeEvidence(stored: AlertEvidence, found: AlertEvidence): AlertEvidence | null {
  const known = new Set(evidenceItemIds(stored));
  if (evidenceItemIds(found).every((item) => known.has(item))) return null;
  const newIncidents = found.incidents.filter((incident) => !known.has(`incident:${incident.id}`));
  const newLines = found.lines.filter((line) => !known.has(`line:${line.id}`));
  return {
    ...stored,
    incidents: [...newIncidents, ...stored.incidents].slice(0, MAX_EVIDENCE_ITEMS),
    lines: [...newLines, ...stored.lines].slice(0, MAX_EVIDENCE_ITEMS),
    figures: found.figures,
  };
}
