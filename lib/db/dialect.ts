// Everything that differs between SQLite and PostgreSQL, in one place. The rest of the code
// speaks plain Prisma and works on both.
import "server-only";
import { databaseProvider, prisma, type Tx } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import { log } from "@/lib/log";

/**
 * A case-insensitive "contains" filter. SQLite's LIKE already ignores ASCII case; PostgreSQL
 * needs `mode: "insensitive"` (ILIKE), which the SQLite client's types do not know.
 */
export function containsInsensitive(value: string): Prisma.StringFilter {
  return databaseProvider === "postgresql"
    ? ({ contains: value, mode: "insensitive" } as Prisma.StringFilter)
    : { contains: value };
}

/**
 * Runs data-modifying statements (INSERT, UPDATE or DELETE, without RETURNING) that do not read one
 * another's writes, in the caller's transaction, and returns how many rows each changed.
 * PostgreSQL gets them as one statement of data-modifying CTEs — one round trip; foreign keys are
 * checked at the end of the statement, so a parent row and its children can go together. SQLite
 * runs in process and takes one statement per call, so they run in order.
 */
export async function executeTogether(tx: Tx, statements: Prisma.Sql[]): Promise<number[]> {
  if (databaseProvider === "postgresql") {
    const parts = statements.map((statement, i) => Prisma.sql`${Prisma.raw(`s${i}`)} AS (${statement} RETURNING 1)`);
    const counts = statements.map((_, i) => Prisma.raw(`(SELECT count(*) FROM s${i}) AS c${i}`));
    const [row] = await tx.$queryRaw<
      Record<string, bigint | number>[]
    >`WITH ${Prisma.join(parts)} SELECT ${Prisma.join(counts)}`;
    return statements.map((_, i) => Number(row?.[`c${i}`]));
  }
  const counts: number[] = [];
  for (const statement of statements) counts.push(await tx.$executeRaw(statement));
  return counts;
}

/**
 * Locks an incident row for the rest of the transaction, before it is read for a change.
 * PostgreSQL (READ COMMITTED) reads the incident and its steps in separate statements, so a
 * change committed between them looked like "current version, step already done" (422 instead of
 * 409); with the lock, a second writer waits and then reads the committed state whole. SQLite's
 * transactions already hold the write lock from BEGIN (lib/db/client.ts).
 */
export async function lockIncidentForChange(tx: Tx, incidentId: string): Promise<void> {
  if (databaseProvider === "postgresql") {
    await tx.$queryRaw`SELECT id FROM "Incident" WHERE id = ${incidentId} FOR NO KEY UPDATE`;
  }
}

/** Quotes a table or column name for raw SQL on the current database. */
export function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** A point in time as a raw-SQL value comparable with a DateTime column of the current database. */
export function timestampSql(date: Date): Prisma.Sql {
  // Prisma stores SQLite DateTimes as fixed-width ISO text with "+00:00", which sorts as time does.
  return databaseProvider === "postgresql"
    ? Prisma.sql`CAST(${date.toISOString()} AS timestamp(3))`
    : Prisma.sql`${date.toISOString().replace("Z", "+00:00")}`;
}

/**
 * The searched text of an incident on PostgreSQL, exactly as its trigram index is defined
 * (prisma/postgresql/migrations/20261130020000_list_indexes_search): the planner uses the index
 * only for this very expression. U+001F keeps a match from spanning two fields.
 */
const SEARCH_DOCUMENT = Prisma.raw(
  `(coalesce(i."rrn", '') || chr(31) || coalesce(i."traceNo", '') || chr(31) || coalesce(i."authCode", '') || chr(31)` +
    ` || coalesce(i."cardLast4", '') || chr(31) || coalesce(i."description", ''))`,
);

/**
 * PostgreSQL: the condition its search indexes answer (a superset of the matches), or null when
 * the text is too short for them. The trigram GIN serves three characters or more; the CJK-pair
 * GIN two Chinese characters.
 */
export function postgresSearchIndexSql(text: string): Prisma.Sql | null {
  const length = [...text].length;
  if (length >= 3) return Prisma.sql`${SEARCH_DOCUMENT} ILIKE ${containsPattern(text)}`;
  if (isCjkPair(text)) return Prisma.sql`"incident_cjk_bigrams"(i."description") @> ARRAY[${text}]::text[]`;
  return null;
}

/** The OR of the arms that can match at all; null when none can. */
function anyOf(arms: (Prisma.Sql | null)[]): Prisma.Sql | null {
  const present = arms.filter((arm): arm is Prisma.Sql => arm !== null);
  if (present.length === 0) return null;
  return present.length === 1 ? present[0] : Prisma.sql`(${Prisma.join(present, " OR ")})`;
}

/**
 * A full-text probe that finds at least this many incidents is a common word: walking the list's
 * own index and testing each row finds a page sooner than sorting every match.
 */
export const SEARCH_CANDIDATE_LIMIT = 5_000;
/**
 * SQLite: a probe that finds at most this many incidents (and no terminal or reference arm) is
 * read by rowid and sorted (`NOT INDEXED`). Left to itself, SQLite walked the merchant's list index
 * testing each row against the candidates: 38 ms for a word of 158 matches at a million incidents
 * (the walk stops only after a page of matches), against 0.5 ms by rowid. 2,000 lookups take ~6 ms.
 */
export const SEARCH_LOOKUP_LIMIT = 2_000;
const POSTGRES_CANDIDATE_LIMIT = 1_000;
/**
 * PostgreSQL: a search scoped to stores holding at most this many incidents skips the probe and
 * tests their rows along the list's (storeId, …) index. The GIN probe of a common phrase builds
 * its whole bitmap before any LIMIT (50–90 ms for "charged twice" at 1M incidents, whatever the
 * scope), while testing one store's ~2,000 rows takes 5–20 ms.
 */
export const POSTGRES_SCOPED_WALK_LIMIT = 5_000;

/** Two adjacent CJK ideographs (U+3400–U+9FFF): a Chinese word shorter than a trigram. */
function isCjkPair(text: string): boolean {
  const chars = [...text];
  return chars.length === 2 && chars.every((char) => /[\u3400-\u9fff]/u.test(char));
}

/** `%text%` for LIKE with `\` as the escape character, so % and _ in the search are literal. */
function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
}

/**
 * The incident search as a SQL condition on the alias `i` ("Incident"), for the merchant's list:
 * the reference number, RRN, trace number or auth code (contains), card last 4 (equals), terminal
 * ID (contains) or description (contains), case-insensitively — the same matches as a LIKE over
 * each field, found through the text index:
 *
 * Terminal IDs are matched in "Terminal" (a few hundred rows) and their incidents read through
 * the terminalId index.
 *
 * - SQLite: the FTS5 trigram table "IncidentSearch" (three or more characters) or its CJK pair
 *   column (two-character Chinese words). A probe fetches the matching rowids, up to
 *   SEARCH_CANDIDATE_LIMIT; the list then reads just those rows. A word more common than that is
 *   answered by testing rows along the list's index, which meets a page of matches quickly.
 * - PostgreSQL: pg_trgm GIN over SEARCH_DOCUMENT (three or more characters) or the GIN over
 *   incident_cjk_bigrams (two-character Chinese words), probed the same way — except for a list
 *   limited to stores with few incidents (POSTGRES_SCOPED_WALK_LIMIT), whose rows are tested
 *   along the list's index without a probe.
 *
 * Shorter searches (one character, two Latin letters or digits) have no index: they test rows
 * along the list's index, which is quick when they are common and slow when they are rare.
 */
export async function incidentSearchSql({
  text,
  merchantId,
  number,
  storeIds = "all",
}: {
  text: string;
  merchantId: string;
  /** The incident number when the search is a reference (INC-000123), else null. */
  number: number | null;
  /** The stores the list is limited to (the caller's or the store filter's), or all. */
  storeIds?: string[] | "all";
}): Promise<IncidentSearch> {
  const postgres = databaseProvider === "postgresql";
  const pattern = containsPattern(text);
  const like = postgres ? Prisma.raw("ILIKE") : Prisma.raw("LIKE");
  const contains = (column: string) =>
    Prisma.sql`i.${Prisma.raw(quoteIdentifier(column))} ${like} ${pattern} ESCAPE '\\'`;
  const onIncident = Prisma.sql`(${Prisma.join(
    [
      contains("rrn"),
      contains("traceNo"),
      contains("authCode"),
      Prisma.sql`i."cardLast4" = ${text}`,
      contains("description"),
    ],
    " OR ",
  )})`;
  // Terminals whose TID matches, looked up first (a few hundred rows): the list then reads
  // their incidents through the terminalId index. Passed as values, not as a subquery, so both
  // planners know how few rows they are (a subquery made PostgreSQL walk the whole list).
  const terminalIds = (
    await prisma.$queryRaw<{ id: string }[]>`
      SELECT t."id" FROM "Terminal" t WHERE t."merchantId" = ${merchantId} AND t."tid" ${like} ${pattern} ESCAPE '\\'`
  ).map((row) => row.id);
  const onTerminal =
    terminalIds.length === 0
      ? null
      : postgres
        ? Prisma.sql`i."terminalId" = ANY (${terminalIds}::text[])`
        : Prisma.sql`i."terminalId" IN (${Prisma.join(terminalIds)})`;
  const exact = anyOf([onIncident, onTerminal]);
  const length = [...text].length;

  let matches: Prisma.Sql | null;
  if (postgres && (await fewIncidentsIn(storeIds))) {
    // A store's or a few stores' incidents: the list tests each along its index (no probe).
    matches = exact;
  } else if (postgres) {
    const indexed = postgresSearchIndexSql(text);
    // A probe like SQLite's: for a rare word the planner walked the whole list (0.6 s at 1M)
    // instead of using the GIN index. The probe reads the GIN index only (a bitmap scan); it
    // stops at POSTGRES_CANDIDATE_LIMIT, lower than SQLite's because each candidate is rechecked
    // against its heap row (5,000 took 65–90 ms at 1M).
    const rows =
      indexed === null
        ? null
        : await prisma.$transaction(async (tx) => {
            await tx.$executeRawUnsafe("SET LOCAL enable_seqscan = off");
            await tx.$executeRawUnsafe("SET LOCAL enable_indexscan = off");
            return tx.$queryRaw<{ id: string }[]>`
              SELECT i."id" FROM "Incident" i WHERE i."merchantId" = ${merchantId} AND ${indexed}
              LIMIT ${POSTGRES_CANDIDATE_LIMIT}`;
          });
    if (rows === null) {
      matches = exact;
    } else if (rows.length >= POSTGRES_CANDIDATE_LIMIT) {
      // A common word: the list's order is walked, each row tested. Without the index's condition
      // (implied by the row test): beside it the planner multiplied the two selectivities, guessed
      // a hundredth of the matches, and either walked in parallel (workers' start-up, 20–24 ms for
      // "charged twice" at 1M against 6 ms) or, along one status, built the GIN's whole bitmap (a
      // due-sorted "签名" 35–41 ms against 2–6 ms). A word of ~1,000 matches walks ~50,000 rows.
      matches = exact;
    } else if (rows.length === 0) {
      matches = onTerminal;
    } else {
      const candidates = rows.map((row) => row.id);
      matches = anyOf([Prisma.sql`(i."id" = ANY (${candidates}::text[]) AND ${onIncident})`, onTerminal]);
    }
  } else {
    const ftsQuery =
      length >= 3
        ? `{rrn traceNo authCode cardLast4 description} : "${text.replaceAll('"', '""')}"`
        : isCjkPair(text)
          ? `{cjk} : "${text}\u001f"`
          : null;
    const rows =
      ftsQuery === null
        ? null
        : await prisma.$queryRaw<{ rowid: bigint | number }[]>`
            SELECT "rowid" FROM "IncidentSearch" WHERE "IncidentSearch" MATCH ${ftsQuery} LIMIT ${SEARCH_CANDIDATE_LIMIT}`;
    if (rows === null || rows.length >= SEARCH_CANDIDATE_LIMIT) {
      matches = exact;
    } else if (rows.length === 0) {
      matches = onTerminal;
    } else {
      // The index finds candidates; the row test keeps the exact meaning (last 4 equals, not contains).
      const candidates = Prisma.join(rows.map((row) => Number(row.rowid)));
      matches = anyOf([Prisma.sql`(i."rowid" IN (${candidates}) AND ${onIncident})`, onTerminal]);
      if (number === null && onTerminal === null && rows.length <= SEARCH_LOOKUP_LIMIT) {
        return { condition: matches ?? Prisma.sql`1 = 0`, byRowid: true };
      }
    }
  }
  // Every branch is an index lookup (or a walk along the list), so SQLite and PostgreSQL can OR
  // the reference's number (its unique index) with it.
  // A constant-false arm is left out: inside an OR it kept SQLite from using the indexes.
  return {
    condition: anyOf([number === null ? null : Prisma.sql`i."number" = ${number}`, matches]) ?? Prisma.sql`1 = 0`,
    byRowid: false,
  };
}

export interface IncidentSearch {
  /** The search as a condition on the alias `i`. */
  condition: Prisma.Sql;
  /** SQLite: the matches are a few candidates named by rowid, best read `NOT INDEXED` (SEARCH_LOOKUP_LIMIT). */
  byRowid: boolean;
}

/**
 * Whether the stores hold at most POSTGRES_SCOPED_WALK_LIMIT incidents (false for all stores):
 * counted from the (storeId, …) index alone, stopping past the limit. It only picks the plan; the
 * list's own conditions (merchant included) decide what is found.
 */
async function fewIncidentsIn(storeIds: string[] | "all"): Promise<boolean> {
  if (storeIds === "all") return false;
  if (storeIds.length === 0) return true;
  const [row] = await prisma.$queryRaw<{ n: bigint | number }[]>`
    SELECT count(*) AS "n" FROM (SELECT 1 FROM "Incident" i WHERE i."storeId" = ANY (${storeIds}::text[])
      LIMIT ${POSTGRES_SCOPED_WALK_LIMIT + 1}) AS scoped`;
  return Number(row?.n ?? 0) <= POSTGRES_SCOPED_WALK_LIMIT;
}

const STATISTICS_REFRESH_MS = 3_600_000;
let statisticsRefreshedAt = 0;

/**
 * Keeps SQLite's planner statistics current, at most once an hour per process, without waiting
 * for it. SQLite chooses between the list's indexes (and between the search's candidate rowids
 * and a walk along the list's order) by the statistics ANALYZE stores; without them a search at
 * a million incidents walked the whole table. Nothing refreshes them on its own (PostgreSQL's
 * autovacuum does): `PRAGMA optimize` analyses the tables never analysed or whose size changed a
 * lot, sampling at most analysis_limit rows per index (about 0.1 s), and does nothing otherwise.
 */
export function refreshPlannerStatistics(now: number = Date.now()): void {
  if (databaseProvider !== "sqlite" || now - statisticsRefreshedAt < STATISTICS_REFRESH_MS) return;
  statisticsRefreshedAt = now;
  void (async () => {
    await prisma.$queryRawUnsafe("PRAGMA analysis_limit = 1000");
    await prisma.$queryRawUnsafe("PRAGMA optimize = 0x10002");
  })().catch((error: unknown) => {
    // Only the plans' quality depends on it: try again at the next list.
    statisticsRefreshedAt = 0;
    log.warn("Refreshing the SQLite planner statistics failed", { error });
  });
}
