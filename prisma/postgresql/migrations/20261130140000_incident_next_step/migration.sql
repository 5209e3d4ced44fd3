-- Incident.nextStep: the first applicable step still pending, in checklist order (null when the
-- checklist is through), so the finance queue walks an index instead of every open case's steps.

-- AlterTable
ALTER TABLE "Incident" ADD COLUMN     "nextStep" "StepKey";

-- Backfill: only incidents with a pending step change (the rest stay null): one pass over the
-- pending steps keeps the lowest position per incident. Before the index, so the update does not
-- maintain it row by row.
UPDATE "Incident" i SET "nextStep" = p."key"
FROM (
  SELECT DISTINCT ON ("incidentId") "incidentId", "key" FROM "IncidentStep"
  WHERE "status" = 'PENDING'
  ORDER BY "incidentId", "position"
) p
WHERE p."incidentId" = i."id";

-- CreateIndex
CREATE INDEX "Incident_finance_queue_idx" ON "Incident"("merchantId", "nextStep", "occurredAt", "id", "kind", "currency", "amountMinor");

-- Planner statistics for the new column now, rather than at autovacuum's next analyse.
ANALYZE "Incident";
