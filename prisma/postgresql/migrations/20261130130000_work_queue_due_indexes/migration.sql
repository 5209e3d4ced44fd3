-- The work queue and the due sort: soonest due first, one walk per status (and per store).
-- CreateIndex
CREATE INDEX "Incident_merchantId_status_dueAt_id_idx" ON "Incident"("merchantId", "status", "dueAt", "id");

-- CreateIndex
CREATE INDEX "Incident_storeId_status_dueAt_id_idx" ON "Incident"("storeId", "status", "dueAt", "id");
