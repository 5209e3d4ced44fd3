-- Issue 10: the risk dashboard's summaries (lib/dashboard) and the indexes its reads walk.

-- CreateTable
CREATE TABLE "DashboardIncidentDay" (
    "merchantId" TEXT NOT NULL,
    "measure" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,
    "lostMinor" BIGINT NOT NULL DEFAULT 0,
    "recoveredMinor" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "DashboardIncidentDay_pkey" PRIMARY KEY ("merchantId","measure","day","key")
);

-- CreateTable
CREATE TABLE "DashboardTransactionDay" (
    "merchantId" TEXT NOT NULL,
    "dimension" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "storeId" TEXT NOT NULL,
    "terminal" TEXT NOT NULL,
    "operator" TEXT NOT NULL,
    "hour" TEXT NOT NULL,
    "transactions" INTEGER NOT NULL,
    "sales" INTEGER NOT NULL,
    "unsigned" INTEGER NOT NULL,
    "declines" INTEGER NOT NULL,
    "duplicates" INTEGER NOT NULL,
    "voids" INTEGER NOT NULL,
    "refunds" INTEGER NOT NULL,

    CONSTRAINT "DashboardTransactionDay_pkey" PRIMARY KEY ("merchantId","dimension","day","storeId","terminal","operator","hour")
);

-- CreateTable
CREATE TABLE "DashboardRollupState" (
    "merchantId" TEXT NOT NULL,
    "timeZone" TEXT NOT NULL,
    "builtAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "DashboardRollupState_pkey" PRIMARY KEY ("merchantId")
);

-- CreateIndex
CREATE INDEX "DashboardIncidentDay_covering_idx" ON "DashboardIncidentDay"("merchantId", "measure", "day", "key", "count", "lostMinor", "recoveredMinor");

-- CreateIndex
CREATE INDEX "DashboardTransactionDay_covering_idx" ON "DashboardTransactionDay"("merchantId", "dimension", "day", "storeId", "terminal", "operator", "hour", "transactions", "sales", "unsigned", "declines", "duplicates", "voids", "refunds");

-- CreateIndex
CREATE INDEX "DashboardTransactionDay_merchantId_dimension_storeId_day_idx" ON "DashboardTransactionDay"("merchantId", "dimension", "storeId", "day");

-- CreateIndex
CREATE INDEX "Incident_dashboard_open_idx" ON "Incident"("merchantId", "status", "drill", "createdAt", "dueAt", "currency", "amountMinor");

-- CreateIndex
CREATE INDEX "Incident_storeId_occurredAt_idx" ON "Incident"("storeId", "occurredAt");

-- CreateIndex
CREATE INDEX "Incident_storeId_closedAt_idx" ON "Incident"("storeId", "closedAt");

-- CreateIndex
CREATE INDEX "Incident_merchantId_closedAt_idx" ON "Incident"("merchantId", "closedAt");


-- Backfill: the POS lines imported before this migration, summed per day, and their running totals (the same statements the
-- import job runs for the days it matched: lib/dashboard/transaction-sql.ts). DashboardIncidentDay
-- needs each merchant's time zone, which SQLite cannot apply: the dashboard counts a merchant's
-- incidents into it the first time it is read (no DashboardRollupState row yet).
INSERT INTO "DashboardTransactionDay" ("merchantId", "dimension", "day", "storeId", "terminal", "operator", "hour", "transactions", "sales", "unsigned", "declines", "duplicates", "voids", "refunds")
    SELECT l."merchantId", 'line', l."day", COALESCE(l."storeId", ''), COALESCE(l."terminalId", l."tid", ''), COALESCE(l."operator", ''), '', COUNT(*),
      SUM(CASE WHEN l."txType" = 'sale' AND l."approved" = true THEN 1 ELSE 0 END),
      SUM(CASE WHEN l."category" = 'unsigned' THEN 1 ELSE 0 END),
      SUM(CASE WHEN l."approved" = false THEN 1 ELSE 0 END),
      SUM(CASE WHEN l."category" = 'duplicate' THEN 1 ELSE 0 END),
      SUM(CASE WHEN l."txType" = 'void' THEN 1 ELSE 0 END),
      SUM(CASE WHEN l."txType" = 'refund' THEN 1 ELSE 0 END)
    FROM "ReconLine" l
    WHERE l."source" = 'pos' AND l."category" <> 'staged'
    GROUP BY l."merchantId", l."day", COALESCE(l."storeId", ''), COALESCE(l."terminalId", l."tid", ''), COALESCE(l."operator", '');

INSERT INTO "DashboardTransactionDay" ("merchantId", "dimension", "day", "storeId", "terminal", "operator", "hour", "transactions", "sales", "unsigned", "declines", "duplicates", "voids", "refunds")
    SELECT l."merchantId", 'hour', l."day", COALESCE(l."storeId", ''), '', '', COALESCE(substr(l."txAt", 12, 2), ''), COUNT(*),
      SUM(CASE WHEN l."txType" = 'sale' AND l."approved" = true THEN 1 ELSE 0 END),
      SUM(CASE WHEN l."category" = 'unsigned' THEN 1 ELSE 0 END),
      SUM(CASE WHEN l."approved" = false THEN 1 ELSE 0 END),
      SUM(CASE WHEN l."category" = 'duplicate' THEN 1 ELSE 0 END),
      SUM(CASE WHEN l."txType" = 'void' THEN 1 ELSE 0 END),
      SUM(CASE WHEN l."txType" = 'refund' THEN 1 ELSE 0 END)
    FROM "ReconLine" l
    WHERE l."source" = 'pos' AND l."category" <> 'staged'
    GROUP BY l."merchantId", l."day", COALESCE(l."storeId", ''), COALESCE(substr(l."txAt", 12, 2), '');

INSERT INTO "DashboardTransactionDay" ("merchantId", "dimension", "day", "storeId", "terminal", "operator", "hour", "transactions", "sales", "unsigned", "declines", "duplicates", "voids", "refunds")
    SELECT l."merchantId", 'hour', l."day", '*', '', '', COALESCE(substr(l."txAt", 12, 2), ''), COUNT(*),
      SUM(CASE WHEN l."txType" = 'sale' AND l."approved" = true THEN 1 ELSE 0 END),
      SUM(CASE WHEN l."category" = 'unsigned' THEN 1 ELSE 0 END),
      SUM(CASE WHEN l."approved" = false THEN 1 ELSE 0 END),
      SUM(CASE WHEN l."category" = 'duplicate' THEN 1 ELSE 0 END),
      SUM(CASE WHEN l."txType" = 'void' THEN 1 ELSE 0 END),
      SUM(CASE WHEN l."txType" = 'refund' THEN 1 ELSE 0 END)
    FROM "ReconLine" l
    WHERE l."source" = 'pos' AND l."category" <> 'staged'
    GROUP BY l."merchantId", l."day", COALESCE(substr(l."txAt", 12, 2), '');

WITH
    days AS (SELECT DISTINCT "merchantId", "day" FROM "DashboardTransactionDay" WHERE "dimension" = 'line'),
    keys AS (SELECT DISTINCT "merchantId", "storeId", "terminal", "operator" FROM "DashboardTransactionDay"
      WHERE "dimension" = 'line'),
    base AS (SELECT * FROM "DashboardTransactionDay" b WHERE 1 = 0)
  INSERT INTO "DashboardTransactionDay" ("merchantId", "dimension", "day", "storeId", "terminal", "operator", "hour", "transactions", "sales", "unsigned", "declines", "duplicates", "voids", "refunds")
  SELECT k."merchantId", 'total', d."day", k."storeId", k."terminal", k."operator", '',
    COALESCE(b."transactions", 0) + SUM(COALESCE(r."transactions", 0)) OVER (
        PARTITION BY k."merchantId", k."storeId", k."terminal", k."operator" ORDER BY d."day" ROWS UNBOUNDED PRECEDING),
    COALESCE(b."sales", 0) + SUM(COALESCE(r."sales", 0)) OVER (
        PARTITION BY k."merchantId", k."storeId", k."terminal", k."operator" ORDER BY d."day" ROWS UNBOUNDED PRECEDING),
    COALESCE(b."unsigned", 0) + SUM(COALESCE(r."unsigned", 0)) OVER (
        PARTITION BY k."merchantId", k."storeId", k."terminal", k."operator" ORDER BY d."day" ROWS UNBOUNDED PRECEDING),
    COALESCE(b."declines", 0) + SUM(COALESCE(r."declines", 0)) OVER (
        PARTITION BY k."merchantId", k."storeId", k."terminal", k."operator" ORDER BY d."day" ROWS UNBOUNDED PRECEDING),
    COALESCE(b."duplicates", 0) + SUM(COALESCE(r."duplicates", 0)) OVER (
        PARTITION BY k."merchantId", k."storeId", k."terminal", k."operator" ORDER BY d."day" ROWS UNBOUNDED PRECEDING),
    COALESCE(b."voids", 0) + SUM(COALESCE(r."voids", 0)) OVER (
        PARTITION BY k."merchantId", k."storeId", k."terminal", k."operator" ORDER BY d."day" ROWS UNBOUNDED PRECEDING),
    COALESCE(b."refunds", 0) + SUM(COALESCE(r."refunds", 0)) OVER (
        PARTITION BY k."merchantId", k."storeId", k."terminal", k."operator" ORDER BY d."day" ROWS UNBOUNDED PRECEDING)
  FROM keys k
  JOIN days d ON d."merchantId" = k."merchantId"
  LEFT JOIN "DashboardTransactionDay" r ON r."merchantId" = k."merchantId" AND r."dimension" = 'line'
    AND r."day" = d."day" AND r."storeId" = k."storeId" AND r."terminal" = k."terminal" AND r."operator" = k."operator"
  LEFT JOIN base b ON b."merchantId" = k."merchantId" AND b."storeId" = k."storeId" AND b."terminal" = k."terminal"
    AND b."operator" = k."operator";
