-- Issue 10: signed checkpoints of each merchant's audit chain head (lib/audit/checkpoint.ts).
-- CreateTable
CREATE TABLE "AuditCheckpoint" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "merchantId" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "hash" TEXT NOT NULL,
    "at" DATETIME NOT NULL,
    "signature" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    CONSTRAINT "AuditCheckpoint_merchantId_fkey" FOREIGN KEY ("merchantId") REFERENCES "Merchant" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "AuditCheckpoint_merchantId_seq_key" ON "AuditCheckpoint"("merchantId", "seq");
