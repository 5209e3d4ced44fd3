-- Issue 10: drills (模拟演练). A drill is an incident marked as practice, for one cashier.

-- AlterTable
ALTER TABLE "Incident" ADD COLUMN     "drill" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "drillForId" TEXT;

-- CreateIndex
CREATE INDEX "Incident_drillForId_kind_idx" ON "Incident"("drillForId", "kind");

-- AddForeignKey
ALTER TABLE "Incident" ADD CONSTRAINT "Incident_drillForId_fkey" FOREIGN KEY ("drillForId") REFERENCES "user"("id") ON DELETE SET NULL ON UPDATE CASCADE;

