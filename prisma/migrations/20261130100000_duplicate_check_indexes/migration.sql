-- The duplicate check on create: an open incident of the merchant with the same RRN, or on the
-- same terminal with the same card and amount minutes apart. The second index also serves the
-- terminalId foreign key, so the old single-column one goes.
-- DropIndex
DROP INDEX "Incident_terminalId_idx";

-- CreateIndex
CREATE INDEX "Incident_merchantId_rrn_idx" ON "Incident"("merchantId", "rrn");

-- CreateIndex
CREATE INDEX "Incident_terminalId_occurredAt_idx" ON "Incident"("terminalId", "occurredAt");
