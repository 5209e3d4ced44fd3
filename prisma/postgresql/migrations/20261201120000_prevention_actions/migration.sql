-- Issue 9: prevention actions made from closed incidents.
CREATE TABLE "PreventionAction" (
    "id" TEXT NOT NULL,
    "merchantId" TEXT NOT NULL,
    "storeId" TEXT,
    "type" TEXT NOT NULL,
    "note" TEXT NOT NULL,
    "assigneeId" TEXT NOT NULL,
    "dueAt" TIMESTAMP(3) NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'open',
    "completedById" TEXT,
    "completedAt" TIMESTAMP(3),
    "completionNote" TEXT,
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PreventionAction_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "PreventionActionIncident" (
    "actionId" TEXT NOT NULL,
    "incidentId" TEXT NOT NULL,

    CONSTRAINT "PreventionActionIncident_pkey" PRIMARY KEY ("actionId","incidentId")
);

CREATE INDEX "PreventionAction_merchantId_status_dueAt_idx" ON "PreventionAction"("merchantId", "status", "dueAt");
CREATE INDEX "PreventionAction_storeId_status_dueAt_idx" ON "PreventionAction"("storeId", "status", "dueAt");
CREATE INDEX "PreventionAction_assigneeId_status_dueAt_idx" ON "PreventionAction"("assigneeId", "status", "dueAt");
CREATE INDEX "PreventionActionIncident_incidentId_idx" ON "PreventionActionIncident"("incidentId");

ALTER TABLE "PreventionActionIncident" ADD CONSTRAINT "PreventionActionIncident_actionId_fkey" FOREIGN KEY ("actionId") REFERENCES "PreventionAction"("id") ON DELETE CASCADE ON UPDATE CASCADE;
