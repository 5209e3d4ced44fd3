-- The occurrence-date filter's index also holds the list's order (createdAt, id), so a narrow
-- window is read from the index alone (an index-only scan) and sorted, instead of walking the
-- newest-first index back to the window (75–490 ms for one day three months back at 1M incidents).
-- DropIndex
DROP INDEX "Incident_merchantId_occurredAt_idx";

-- CreateIndex
CREATE INDEX "Incident_merchantId_occurredAt_createdAt_id_idx" ON "Incident"("merchantId", "occurredAt", "createdAt", "id");
