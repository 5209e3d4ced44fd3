-- Issue 9: a terminal's model, software version, its last update day and the provider's support
-- contact, and the merchant's threshold past which a terminal's software is flagged as outdated.
ALTER TABLE "Merchant" ADD COLUMN "terminalSoftwareMaxAgeDays" INTEGER NOT NULL DEFAULT 180;
ALTER TABLE "Terminal" ADD COLUMN "model" TEXT,
ADD COLUMN "softwareVersion" TEXT,
ADD COLUMN "softwareUpdatedAt" TIMESTAMP(3),
ADD COLUMN "supportContact" TEXT;
