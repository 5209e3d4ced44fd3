-- Lists at a million incidents: indexes that end in the list order (createdAt, id), and a
-- full-text index for the search box. Queries: lib/incidents/list-incidents.ts,
-- lib/incidents/list-finance-queue.ts, the SQLite half of the search is in lib/db/dialect.ts.

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

-- The index of the search box: FTS5 with the trigram tokenizer, so any substring of three or more
-- characters matches (case-insensitively) in any language, Chinese included. Contentless (the
-- text stays in "Incident"), keyed by the rowid of the incident, kept in step by the triggers below.
-- Terminal IDs are not in it: every TID of a chain shares its leading digits, which made each of
-- their trigrams common to all rows, so a TID is matched in "Terminal" (a few hundred rows).
-- "cjk" holds each pair of adjacent CJK ideographs of the description followed by U+001F, so a
-- two-character Chinese word (签名) is a three-character trigram query: `{cjk}: "签名␟"`.
-- Note: VACUUM may renumber the rowids of "Incident", after one, rebuild this index with the
-- DELETE + INSERT … SELECT at the end of this file.
CREATE VIRTUAL TABLE "IncidentSearch" USING fts5(
    "rrn", "traceNo", "authCode", "cardLast4", "description", "cjk",
    content = '', contentless_delete = 1, tokenize = 'trigram'
);

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

-- The incidents that exist already.
DELETE FROM "IncidentSearch";
INSERT INTO "IncidentSearch" ("rowid", "rrn", "traceNo", "authCode", "cardLast4", "description", "cjk")
SELECT i."rowid", i."rrn", i."traceNo", i."authCode", i."cardLast4", i."description",
    (SELECT group_concat(substr(i."description", j."key" + 1, 2) || char(31), '')
     FROM json_each('[' || replace(hex(zeroblob(max(length(i."description") - 1, 0))), '00', '0,') || '0]') AS j
     WHERE j."key" < length(i."description") - 1
       AND unicode(substr(i."description", j."key" + 1, 1)) BETWEEN 13312 AND 40959
       AND unicode(substr(i."description", j."key" + 2, 1)) BETWEEN 13312 AND 40959)
FROM "Incident" i;
