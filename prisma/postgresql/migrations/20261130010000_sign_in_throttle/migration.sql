-- Sign-in protection (lib/auth/throttle.ts, lib/auth/hashed-session-tokens.ts).
--
-- Session tokens are stored as their SHA-256 from now on. Rows written before hold the raw token
-- and could never match again: delete them, so no usable token stays in the table. Everyone
-- signs in once more after this migration.
DELETE FROM "session";

-- CreateTable
CREATE TABLE "SignInThrottle" (
    "key" TEXT NOT NULL,
    "accountHash" TEXT,
    "failures" INTEGER NOT NULL DEFAULT 0,
    "nextAllowedAt" TIMESTAMP(3),
    "lastFailureAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SignInThrottle_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE INDEX "SignInThrottle_accountHash_idx" ON "SignInThrottle"("accountHash");

-- CreateIndex
CREATE INDEX "SignInThrottle_lastFailureAt_idx" ON "SignInThrottle"("lastFailureAt");

