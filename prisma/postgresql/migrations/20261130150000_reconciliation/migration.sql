-- CreateEnum
CREATE TYPE "IncidentOrigin" AS ENUM ('TILL', 'RECONCILIATION');

-- DropForeignKey
ALTER TABLE "Incident" DROP CONSTRAINT "Incident_reportedById_fkey";

-- AlterTable
ALTER TABLE "Incident" ADD COLUMN     "origin" "IncidentOrigin" NOT NULL DEFAULT 'TILL',
ALTER COLUMN "reportedById" DROP NOT NULL;

-- CreateTable
CREATE TABLE "Job" (
    "id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "payload" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'queued',
    "runAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "leaseOwner" TEXT,
    "leaseUntil" TIMESTAMP(3),
    "lastError" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Job_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReconFormat" (
    "id" TEXT NOT NULL,
    "merchantId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "mapping" TEXT NOT NULL,
    "datePattern" TEXT,
    "amountUnit" TEXT NOT NULL DEFAULT 'yuan',
    "skipRows" INTEGER NOT NULL DEFAULT 0,
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ReconFormat_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReconImport" (
    "id" TEXT NOT NULL,
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
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "ReconImport_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReconLine" (
    "id" SERIAL NOT NULL,
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
    "exceptionId" TEXT,

    CONSTRAINT "ReconLine_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReconSettlement" (
    "id" TEXT NOT NULL,
    "merchantId" TEXT NOT NULL,
    "acquirerMid" TEXT NOT NULL DEFAULT '',
    "settleDate" TEXT NOT NULL,
    "expectedMinor" BIGINT NOT NULL,
    "category" TEXT NOT NULL,
    "creditLineId" INTEGER,
    "shortByMinor" BIGINT NOT NULL DEFAULT 0,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ReconSettlement_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReconException" (
    "id" TEXT NOT NULL,
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
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "resolvedAt" TIMESTAMP(3),

    CONSTRAINT "ReconException_pkey" PRIMARY KEY ("id")
);

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

-- AddForeignKey
ALTER TABLE "Incident" ADD CONSTRAINT "Incident_reportedById_fkey" FOREIGN KEY ("reportedById") REFERENCES "user"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReconFormat" ADD CONSTRAINT "ReconFormat_merchantId_fkey" FOREIGN KEY ("merchantId") REFERENCES "Merchant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReconImport" ADD CONSTRAINT "ReconImport_merchantId_fkey" FOREIGN KEY ("merchantId") REFERENCES "Merchant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

