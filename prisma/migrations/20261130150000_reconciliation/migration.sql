-- CreateTable
CREATE TABLE "Job" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "kind" TEXT NOT NULL,
    "payload" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'queued',
    "runAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "leaseOwner" TEXT,
    "leaseUntil" DATETIME,
    "lastError" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "ReconFormat" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "merchantId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "mapping" TEXT NOT NULL,
    "datePattern" TEXT,
    "amountUnit" TEXT NOT NULL DEFAULT 'yuan',
    "skipRows" INTEGER NOT NULL DEFAULT 0,
    "createdById" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "ReconFormat_merchantId_fkey" FOREIGN KEY ("merchantId") REFERENCES "Merchant" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ReconImport" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "merchantId" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "formatId" TEXT,
    "fileName" TEXT NOT NULL,
    "contentHash" TEXT NOT NULL,
    "byteSize" INTEGER NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'queued',
    "rowsRead" INTEGER NOT NULL DEFAULT 0,
    "rowsTotal" INTEGER,
    "errors" TEXT,
    "report" TEXT,
    "jobId" TEXT,
    "createdById" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" DATETIME,
    "finishedAt" DATETIME,
    CONSTRAINT "ReconImport_merchantId_fkey" FOREIGN KEY ("merchantId") REFERENCES "Merchant" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ReconLine" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "merchantId" TEXT NOT NULL,
    "importId" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "lineNo" INTEGER NOT NULL,
    "storeId" TEXT,
    "terminalId" TEXT,
    "tid" TEXT,
    "acquirerMid" TEXT,
    "txAt" TEXT,
    "day" TEXT NOT NULL,
    "settleDate" TEXT,
    "cardMasked" TEXT,
    "txType" TEXT,
    "amountMinor" INTEGER NOT NULL,
    "feeMinor" INTEGER,
    "netMinor" INTEGER,
    "currency" TEXT NOT NULL DEFAULT 'CNY',
    "rrn" TEXT,
    "authCode" TEXT,
    "traceNo" TEXT,
    "batchNo" TEXT,
    "approved" BOOLEAN NOT NULL DEFAULT true,
    "signed" BOOLEAN,
    "operator" TEXT,
    "origRrn" TEXT,
    "origTrace" TEXT,
    "memo" TEXT,
    "counterparty" TEXT,
    "category" TEXT NOT NULL DEFAULT 'staged',
    "matchedLineId" INTEGER,
    "matchRule" TEXT,
    "manual" BOOLEAN NOT NULL DEFAULT false,
    "exceptionId" TEXT
);

-- CreateTable
CREATE TABLE "ReconSettlement" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "merchantId" TEXT NOT NULL,
    "acquirerMid" TEXT NOT NULL DEFAULT '',
    "settleDate" TEXT NOT NULL,
    "expectedMinor" BIGINT NOT NULL,
    "category" TEXT NOT NULL,
    "creditLineId" INTEGER,
    "shortByMinor" BIGINT NOT NULL DEFAULT 0,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "ReconException" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "merchantId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "category" TEXT NOT NULL,
    "storeId" TEXT,
    "tid" TEXT,
    "batchNo" TEXT,
    "day" TEXT NOT NULL,
    "lineCount" INTEGER NOT NULL,
    "amountMinor" BIGINT NOT NULL,
    "currency" TEXT NOT NULL DEFAULT 'CNY',
    "status" TEXT NOT NULL DEFAULT 'open',
    "incidentId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "resolvedAt" DATETIME
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Incident" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "merchantId" TEXT NOT NULL,
    "storeId" TEXT NOT NULL,
    "terminalId" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'OPEN',
    "version" INTEGER NOT NULL DEFAULT 1,
    "occurredAt" DATETIME NOT NULL,
    "amountMinor" INTEGER,
    "currency" TEXT NOT NULL DEFAULT 'CNY',
    "cardBin" TEXT,
    "cardLast4" TEXT,
    "rrn" TEXT,
    "authCode" TEXT,
    "traceNo" TEXT,
    "batchNo" TEXT,
    "description" TEXT,
    "dueAt" DATETIME NOT NULL,
    "resolution" TEXT,
    "closedAt" DATETIME,
    "reportedById" TEXT,
    "origin" TEXT NOT NULL DEFAULT 'TILL',
    "nextStep" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Incident_merchantId_fkey" FOREIGN KEY ("merchantId") REFERENCES "Merchant" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Incident_storeId_fkey" FOREIGN KEY ("storeId") REFERENCES "Store" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Incident_terminalId_fkey" FOREIGN KEY ("terminalId") REFERENCES "Terminal" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Incident_reportedById_fkey" FOREIGN KEY ("reportedById") REFERENCES "user" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
-- rowid kept: the search index (IncidentSearch) is keyed by it.
INSERT INTO "new_Incident" ("rowid", "amountMinor", "authCode", "batchNo", "cardBin", "cardLast4", "closedAt", "createdAt", "currency", "description", "dueAt", "id", "kind", "merchantId", "nextStep", "number", "occurredAt", "reportedById", "resolution", "rrn", "status", "storeId", "terminalId", "traceNo", "updatedAt", "version") SELECT "rowid", "amountMinor", "authCode", "batchNo", "cardBin", "cardLast4", "closedAt", "createdAt", "currency", "description", "dueAt", "id", "kind", "merchantId", "nextStep", "number", "occurredAt", "reportedById", "resolution", "rrn", "status", "storeId", "terminalId", "traceNo", "updatedAt", "version" FROM "Incident";
DROP TABLE "Incident";
ALTER TABLE "new_Incident" RENAME TO "Incident";
CREATE INDEX "Incident_merchantId_createdAt_id_idx" ON "Incident"("merchantId", "createdAt", "id");
CREATE INDEX "Incident_merchantId_status_createdAt_id_idx" ON "Incident"("merchantId", "status", "createdAt", "id");
CREATE INDEX "Incident_merchantId_kind_createdAt_id_idx" ON "Incident"("merchantId", "kind", "createdAt", "id");
CREATE INDEX "Incident_storeId_createdAt_id_idx" ON "Incident"("storeId", "createdAt", "id");
CREATE INDEX "Incident_merchantId_occurredAt_idx" ON "Incident"("merchantId", "occurredAt");
CREATE INDEX "Incident_merchantId_status_occurredAt_id_idx" ON "Incident"("merchantId", "status", "occurredAt", "id");
CREATE INDEX "Incident_merchantId_status_dueAt_id_idx" ON "Incident"("merchantId", "status", "dueAt", "id");
CREATE INDEX "Incident_storeId_status_dueAt_id_idx" ON "Incident"("storeId", "status", "dueAt", "id");
CREATE INDEX "Incident_merchantId_rrn_idx" ON "Incident"("merchantId", "rrn");
CREATE INDEX "Incident_terminalId_occurredAt_idx" ON "Incident"("terminalId", "occurredAt");
CREATE INDEX "Incident_reportedById_idx" ON "Incident"("reportedById");
CREATE INDEX "Incident_finance_queue_idx" ON "Incident"("merchantId", "nextStep", "occurredAt", "id", "kind", "currency", "amountMinor");
CREATE UNIQUE INDEX "Incident_merchantId_number_key" ON "Incident"("merchantId", "number");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "Job_status_runAt_idx" ON "Job"("status", "runAt");

-- CreateIndex
CREATE UNIQUE INDEX "ReconFormat_merchantId_name_key" ON "ReconFormat"("merchantId", "name");

-- CreateIndex
CREATE INDEX "ReconImport_merchantId_createdAt_idx" ON "ReconImport"("merchantId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "ReconImport_merchantId_type_contentHash_key" ON "ReconImport"("merchantId", "type", "contentHash");

-- CreateIndex
CREATE INDEX "ReconLine_merchantId_source_day_idx" ON "ReconLine"("merchantId", "source", "day");

-- CreateIndex
CREATE INDEX "ReconLine_importId_idx" ON "ReconLine"("importId");

-- CreateIndex
CREATE INDEX "ReconLine_exceptionId_idx" ON "ReconLine"("exceptionId");

-- CreateIndex
CREATE UNIQUE INDEX "ReconSettlement_merchantId_acquirerMid_settleDate_key" ON "ReconSettlement"("merchantId", "acquirerMid", "settleDate");

-- CreateIndex
CREATE INDEX "ReconException_merchantId_status_category_day_idx" ON "ReconException"("merchantId", "status", "category", "day");

-- CreateIndex
CREATE INDEX "ReconException_incidentId_idx" ON "ReconException"("incidentId");

-- CreateIndex
CREATE UNIQUE INDEX "ReconException_merchantId_key_key" ON "ReconException"("merchantId", "key");


-- The rebuild dropped the search index's triggers (as in 20261130020000_list_indexes_search).
CREATE TRIGGER "IncidentSearch_insert" AFTER INSERT ON "Incident" BEGIN
    INSERT INTO "IncidentSearch" ("rowid", "rrn", "traceNo", "authCode", "cardLast4", "description", "cjk")
    VALUES (
        new."rowid", new."rrn", new."traceNo", new."authCode", new."cardLast4", new."description",
        (SELECT group_concat(substr(new."description", j."key" + 1, 2) || char(31), '')
         FROM json_each('[' || replace(hex(zeroblob(max(length(new."description") - 1, 0))), '00', '0,') || '0]') AS j
         WHERE j."key" < length(new."description") - 1
           AND unicode(substr(new."description", j."key" + 1, 1)) BETWEEN 13312 AND 40959
           AND unicode(substr(new."description", j."key" + 2, 1)) BETWEEN 13312 AND 40959)
    );
END;

CREATE TRIGGER "IncidentSearch_delete" AFTER DELETE ON "Incident" BEGIN
    DELETE FROM "IncidentSearch" WHERE "rowid" = old."rowid";
END;

-- Only the searched columns: status changes (every step, every close) leave the index alone.
CREATE TRIGGER "IncidentSearch_update" AFTER UPDATE OF "rrn", "traceNo", "authCode", "cardLast4", "description" ON "Incident" BEGIN
    DELETE FROM "IncidentSearch" WHERE "rowid" = old."rowid";
    INSERT INTO "IncidentSearch" ("rowid", "rrn", "traceNo", "authCode", "cardLast4", "description", "cjk")
    VALUES (
        new."rowid", new."rrn", new."traceNo", new."authCode", new."cardLast4", new."description",
        (SELECT group_concat(substr(new."description", j."key" + 1, 2) || char(31), '')
         FROM json_each('[' || replace(hex(zeroblob(max(length(new."description") - 1, 0))), '00', '0,') || '0]') AS j
         WHERE j."key" < length(new."description") - 1
           AND unicode(substr(new."description", j."key" + 1, 1)) BETWEEN 13312 AND 40959
           AND unicode(substr(new."description", j."key" + 2, 1)) BETWEEN 13312 AND 40959)
    );
END;

-- The rebuild above dropped the planner statistics of "Incident" (20261130140000 explains why they matter).
ANALYZE "Incident";
