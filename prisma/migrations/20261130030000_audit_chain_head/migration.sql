-- The audit chain's head on the merchant row: the seq and hash of its last AuditEvent, so an
-- append reads and advances it in one UPDATE instead of locking the merchant and reading the
-- last event (lib/audit/append-event.ts).
ALTER TABLE "Merchant" ADD COLUMN "auditSeq" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "Merchant" ADD COLUMN "auditHash" TEXT NOT NULL DEFAULT '0000000000000000000000000000000000000000000000000000000000000000';

-- A deployed database keeps its chain: the head starts at each merchant's last event.
UPDATE "Merchant" SET
    "auditSeq" = (SELECT "seq" FROM "AuditEvent" WHERE "AuditEvent"."merchantId" = "Merchant"."id" ORDER BY "seq" DESC LIMIT 1),
    "auditHash" = (SELECT "hash" FROM "AuditEvent" WHERE "AuditEvent"."merchantId" = "Merchant"."id" ORDER BY "seq" DESC LIMIT 1)
WHERE EXISTS (SELECT 1 FROM "AuditEvent" WHERE "AuditEvent"."merchantId" = "Merchant"."id");
