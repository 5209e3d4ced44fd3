-- Issue 9: prevention actions made from closed incidents.
CREATE TABLE "PreventionAction" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "merchantId" TEXT NOT NULL,
    "storeId" TEXT,
    "type" TEXT NOT NULL,
    "note" TEXT NOT NULL,
    "assigneeId" TEXT NOT NULL,
    "dueAt" DATETIME NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'open',
    "completedById" TEXT,
    "completedAt" DATETIME,
    "completionNote" TEXT,
    "createdById" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

CREATE TABLE "PreventionActionIncident" (
    "actionId" TEXT NOT NULL,
    "incidentId" TEXT NOT NULL,

    PRIMARY KEY ("actionId", "incidentId"),
    CONSTRAINT "PreventionActionIncident_actionId_fkey" FOREIGN KEY ("actionId") REFERENCES "PreventionAction" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

CREATE INDEX "PreventionAction_merchantId_status_dueAt_idx" ON "PreventionAction"("merchantId", "status", "dueAt");
CREATE INDEX "PreventionAction_storeId_status_dueAt_idx" ON "PreventionAction"("storeId", "status", "dueAt");
CREATE INDEX "PreventionAction_assigneeId_status_dueAt_idx" ON "PreventionAction"("assigneeId", "status", "dueAt");
CREATE INDEX "PreventionActionIncident_incidentId_idx" ON "PreventionActionIncident"("incidentId");
