-- Issue 10: finance's queue leaves drills out; with "drill" in its index the walks and the
-- per-currency totals stay index-only.
DROP INDEX "Incident_finance_queue_idx";
CREATE INDEX "Incident_finance_queue_idx" ON "Incident"("merchantId", "nextStep", "occurredAt", "id", "kind", "currency", "amountMinor", "drill");
