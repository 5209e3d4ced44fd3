-- Issue 10: drills (模拟演练). A drill is an incident marked as practice, for one cashier.
-- Added in place (SQLite allows a column with a foreign key when its default is NULL), so a
-- database of a million incidents is not copied table-wide.
ALTER TABLE "Incident" ADD COLUMN "drill" BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE "Incident" ADD COLUMN "drillForId" TEXT REFERENCES "user" ("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- CreateIndex
CREATE INDEX "Incident_drillForId_kind_idx" ON "Incident"("drillForId", "kind");
