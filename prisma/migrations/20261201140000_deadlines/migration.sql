-- Issue 9: deadlines kept per incident step / close / prevention action, the business calendar,
-- the merchant time zone and deadline settings, the stores' cut-off times.
-- CreateTable
CREATE TABLE "CalendarDay" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "merchantId" TEXT NOT NULL,
    "date" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "CalendarDay_merchantId_fkey" FOREIGN KEY ("merchantId") REFERENCES "Merchant" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Deadline" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "merchantId" TEXT NOT NULL,
    "incidentId" TEXT,
    "preventionActionId" TEXT,
    "subject" TEXT NOT NULL,
    "dueAt" DATETIME NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "doneAt" DATETIME,
    "remindAt" DATETIME,
    "remindedAt" DATETIME,
    "escalationLevel" INTEGER NOT NULL DEFAULT 0,
    "nextActionAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Deadline_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "Incident" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Deadline_preventionActionId_fkey" FOREIGN KEY ("preventionActionId") REFERENCES "PreventionAction" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- AlterTable (added columns: the tables keep their rows and constraints)
ALTER TABLE "Merchant" ADD COLUMN "timeZone" TEXT NOT NULL DEFAULT 'Asia/Shanghai';
ALTER TABLE "Merchant" ADD COLUMN "deadlineSettings" TEXT;
ALTER TABLE "Store" ADD COLUMN "cutoffTime" TEXT NOT NULL DEFAULT '23:00';

-- CreateIndex
CREATE UNIQUE INDEX "CalendarDay_merchantId_date_key" ON "CalendarDay"("merchantId", "date");

-- CreateIndex
CREATE INDEX "Deadline_nextActionAt_idx" ON "Deadline"("nextActionAt");

-- CreateIndex
CREATE INDEX "Deadline_merchantId_idx" ON "Deadline"("merchantId");

-- CreateIndex
CREATE UNIQUE INDEX "Deadline_incidentId_subject_key" ON "Deadline"("incidentId", "subject");

-- CreateIndex
CREATE UNIQUE INDEX "Deadline_preventionActionId_key" ON "Deadline"("preventionActionId");

