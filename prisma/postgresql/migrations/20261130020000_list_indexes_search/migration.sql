-- Lists at a million incidents: indexes that end in the list order (createdAt, id), and
-- trigram indexes for the search box. Queries: lib/incidents/list-incidents.ts,
-- lib/incidents/list-finance-queue.ts, the PostgreSQL half of the search is in lib/db/dialect.ts.

-- DropIndex
DROP INDEX "Incident_merchantId_status_createdAt_idx";

-- DropIndex
DROP INDEX "Incident_storeId_status_createdAt_idx";

-- DropIndex
DROP INDEX "Incident_merchantId_dueAt_idx";

-- DropIndex
DROP INDEX "Incident_merchantId_status_occurredAt_idx";

-- CreateIndex
CREATE INDEX "Incident_merchantId_createdAt_id_idx" ON "Incident"("merchantId", "createdAt", "id");

-- CreateIndex
CREATE INDEX "Incident_merchantId_status_createdAt_id_idx" ON "Incident"("merchantId", "status", "createdAt", "id");

-- CreateIndex
CREATE INDEX "Incident_merchantId_kind_createdAt_id_idx" ON "Incident"("merchantId", "kind", "createdAt", "id");

-- CreateIndex
CREATE INDEX "Incident_storeId_createdAt_id_idx" ON "Incident"("storeId", "createdAt", "id");

-- CreateIndex
CREATE INDEX "Incident_merchantId_occurredAt_idx" ON "Incident"("merchantId", "occurredAt");

-- CreateIndex
CREATE INDEX "Incident_merchantId_status_occurredAt_id_idx" ON "Incident"("merchantId", "status", "occurredAt", "id");

-- ---- Raw SQL only (not in the Prisma model, tests/integration/schema-drift.test.ts lists them) ----

-- pg_trgm is a trusted extension (PostgreSQL 13+): the owner of the database may create it, no superuser.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- The search box: any substring of three or more characters of the slip numbers, card last 4 or
-- description, case-insensitively (ILIKE). The expression must stay exactly the one in
-- lib/db/dialect.ts (SEARCH_DOCUMENT), or the planner cannot use the index. U+001F separates
-- the fields so that a match never spans two of them.
CREATE INDEX "Incident_search_trgm_idx" ON "Incident" USING gin ((
    coalesce("rrn", '') || chr(31) || coalesce("traceNo", '') || chr(31) || coalesce("authCode", '') || chr(31)
    || coalesce("cardLast4", '') || chr(31) || coalesce("description", '')
) gin_trgm_ops);

-- Two-character Chinese words (签名) are shorter than a trigram: index each pair of adjacent CJK
-- ideographs of the description (U+3400–U+9FFF) as an array element.
CREATE FUNCTION "incident_cjk_bigrams"(body text) RETURNS text[]
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    RETURN ARRAY(
        SELECT DISTINCT substr(body, i, 2) FROM generate_series(1, length(body) - 1) AS i
        WHERE ascii(substr(body, i, 1)) BETWEEN 13312 AND 40959
          AND ascii(substr(body, i + 1, 1)) BETWEEN 13312 AND 40959
    );

CREATE INDEX "Incident_search_cjk_bigrams_idx" ON "Incident" USING gin ("incident_cjk_bigrams"("description"));
