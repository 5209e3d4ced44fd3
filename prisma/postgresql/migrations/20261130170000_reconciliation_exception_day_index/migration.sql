-- The exceptions list and CSV without a category walk (merchantId, status, day, id): their keyset
-- order, so a page is an index walk instead of a sort of every open exception.

-- CreateIndex
CREATE INDEX "ReconException_merchantId_status_day_id_idx" ON "ReconException"("merchantId", "status", "day", "id");
