-- Issue 9: deadlines kept per incident step / close / prevention action, the business calendar,
-- the merchant time zone and deadline settings, the stores' cut-off times.
-- AlterEnum
ALTER TYPE "NotificationType" ADD VALUE 'DEADLINE_REMINDER';
ALTER TYPE "NotificationType" ADD VALUE 'DEADLINE_ESCALATED';

-- AlterTable
ALTER TABLE "Merchant" ADD COLUMN     "deadlineSettings" TEXT,
ADD COLUMN     "timeZone" TEXT NOT NULL DEFAULT 'Asia/Shanghai';

-- AlterTable
ALTER TABLE "Store" ADD COLUMN     "cutoffTime" TEXT NOT NULL DEFAULT '23:00';

-- CreateTable
CREATE TABLE "CalendarDay" (
    "id" TEXT NOT NULL,
    "merchantId" TEXT NOT NULL,
    "date" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CalendarDay_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Deadline" (
    "id" TEXT NOT NULL,
    "merchantId" TEXT NOT NULL,
    "incidentId" TEXT,
    "preventionActionId" TEXT,
    "subject" TEXT NOT NULL,
    "dueAt" TIMESTAMP(3) NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "doneAt" TIMESTAMP(3),
    "remindAt" TIMESTAMP(3),
    "remindedAt" TIMESTAMP(3),
    "escalationLevel" INTEGER NOT NULL DEFAULT 0,
    "nextActionAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Deadline_pkey" PRIMARY KEY ("id")
);

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

-- AddForeignKey
ALTER TABLE "CalendarDay" ADD CONSTRAINT "CalendarDay_merchantId_fkey" FOREIGN KEY ("merchantId") REFERENCES "Merchant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Deadline" ADD CONSTRAINT "Deadline_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "Incident"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Deadline" ADD CONSTRAINT "Deadline_preventionActionId_fkey" FOREIGN KEY ("preventionActionId") REFERENCES "PreventionAction"("id") ON DELETE CASCADE ON UPDATE CASCADE;

