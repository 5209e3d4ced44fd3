-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_ReconLine" (
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
    "amountMinor" BIGINT NOT NULL,
    "feeMinor" BIGINT,
    "netMinor" BIGINT,
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
INSERT INTO "new_ReconLine" ("acquirerMid", "amountMinor", "approved", "authCode", "batchNo", "cardMasked", "category", "counterparty", "currency", "day", "exceptionId", "feeMinor", "id", "importId", "lineNo", "manual", "matchRule", "matchedLineId", "memo", "merchantId", "netMinor", "operator", "origRrn", "origTrace", "rrn", "settleDate", "signed", "source", "storeId", "terminalId", "tid", "traceNo", "txAt", "txType") SELECT "acquirerMid", "amountMinor", "approved", "authCode", "batchNo", "cardMasked", "category", "counterparty", "currency", "day", "exceptionId", "feeMinor", "id", "importId", "lineNo", "manual", "matchRule", "matchedLineId", "memo", "merchantId", "netMinor", "operator", "origRrn", "origTrace", "rrn", "settleDate", "signed", "source", "storeId", "terminalId", "tid", "traceNo", "txAt", "txType" FROM "ReconLine";
DROP TABLE "ReconLine";
ALTER TABLE "new_ReconLine" RENAME TO "ReconLine";
CREATE INDEX "ReconLine_merchantId_source_day_idx" ON "ReconLine"("merchantId", "source", "day");
CREATE INDEX "ReconLine_importId_idx" ON "ReconLine"("importId");
CREATE INDEX "ReconLine_exceptionId_idx" ON "ReconLine"("exceptionId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

