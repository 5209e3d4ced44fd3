-- Issue 10 (alert rules): the admin settings of each rule, the alerts raised, and the indexes the
-- bounded reads of the rules walk (recent unsigned, declined, duplicate and pos_only lines, and
-- real incidents per store and week)
-- CreateTable
CREATE TABLE "AlertRule" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "merchantId" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "params" TEXT NOT NULL,
    "notify" TEXT NOT NULL,
    "drillKind" TEXT,
    "updatedById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "Alert" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "merchantId" TEXT NOT NULL,
    "ruleType" TEXT NOT NULL,
    "storeId" TEXT,
    "subjectType" TEXT NOT NULL,
    "subjectId" TEXT NOT NULL,
    "subjectLabel" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'open',
    "conditionKey" TEXT NOT NULL,
    "openKey" TEXT,
    "evidence" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "acknowledgedAt" DATETIME,
    "acknowledgedById" TEXT,
    "resolvedAt" DATETIME,
    "resolvedById" TEXT,
    "updatedAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE UNIQUE INDEX "AlertRule_merchantId_type_key" ON "AlertRule"("merchantId", "type");

-- CreateIndex
CREATE INDEX "Alert_merchantId_status_createdAt_id_idx" ON "Alert"("merchantId", "status", "createdAt", "id");

-- CreateIndex
CREATE INDEX "Alert_storeId_status_createdAt_id_idx" ON "Alert"("storeId", "status", "createdAt", "id");

-- CreateIndex
CREATE INDEX "Alert_merchantId_conditionKey_createdAt_idx" ON "Alert"("merchantId", "conditionKey", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "Alert_merchantId_openKey_key" ON "Alert"("merchantId", "openKey");

-- CreateIndex
CREATE INDEX "Incident_merchantId_drill_occurredAt_storeId_idx" ON "Incident"("merchantId", "drill", "occurredAt", "storeId");

-- CreateIndex
CREATE INDEX "ReconLine_merchantId_category_day_idx" ON "ReconLine"("merchantId", "category", "day");

