-- Issue 10: the finance queue leaves drills out. With "drill" at the end of its index the walks
-- and the per-currency totals stay index-only.
DROP INDEX "Incident_finance_queue_idx";
CREATE INDEX "Incident_finance_queue_idx" ON "Incident"("merchantId", "nextStep", "occurredAt", "id", "kind", "currency", "amountMinor", "drill");
