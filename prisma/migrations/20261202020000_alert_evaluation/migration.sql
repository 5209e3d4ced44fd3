-- The amount-outlier alert rule reads a store's real incidents' amounts of the last 90 days, newest
-- first, from this index alone (lib/alerts/load-facts.ts)
-- CreateIndex
CREATE INDEX "Incident_alert_amounts_idx" ON "Incident"("storeId", "drill", "createdAt", "id", "occurredAt", "amountMinor");
