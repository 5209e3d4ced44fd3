// Makes an import's work visible in ONE transaction of the job's connection: the changed outcomes
// of visible lines, the final categories of the import's staged lines (the few listed, then the
// rest in one statement), the exception groups (upserted by key; their lines pointed at them), the
// settlements, the exceptions no longer produced resolved, and the publish time recorded on the
// import — so a rerun after a crash past this point only finalises (finalize.ts).
//
// An incident's link follows its exception's lines into the exception that takes them (carryLinks),
// and what the publish did to linked exceptions is kept in the import's report for their timelines
// (incident-events.ts).
//
// A withdrawal (run-withdrawal.ts) publishes the same way, with the import's lines deleted first:
// what they alone made — exceptions no longer produced, settle dates with no line left — is
// deleted rather than resolved, as if the file had never come. None of its lines is an incident's
// evidence (withdraw-import.ts refuses that), but other lines may move between linked exceptions
// (a batch whole again): those exceptions are resolved or reopened, never deleted.
import "server-only";
import { rebuildTransactionDays } from "@/lib/dashboard/transaction-rollup";
import { newId } from "@/lib/db/new-id";
import type { LineMove, LineStore, SqlParam } from "@/lib/reconciliation/import/line-store";
import type { PublishPlan } from "@/lib/reconciliation/import/publish-plan";
import { GROUPED_LINE_CATEGORIES } from "@/lib/reconciliation/types";

const CHUNK = 50_000;
const EXCEPTIONS_PER_UPSERT = 500;
const CREDIT_CATEGORIES = ["credit_short", "credit_missing", "credit_unexplained"];
function placeholders(count: number): string {
  return Array.from({ length: count }, () => "?").join(", ");
}

/**
 * What a publish did to the exceptions of incidents still worked (not closed), for their
 * timelines (incident-events.ts): kept in the import's report, so a rerun after a crash knows it.
 */
export interface IncidentMoves {
  /**
   * Lines of a linked exception now in another one, which carries the incident's link with them
   * (unless it had one): the rest of a missing batch once part of it settled, a sale missing from
   * the statement that came at another amount. The money is not explained: the case goes on.
   */
  moved: LineMove[];
  /** Linked exceptions this publish opened again (a withdrawn file's lines gone, a batch whole again). */
  reopened: string[];
}

/**
 * Upserts the exception groups by key and points their lines at them — a line another group is
 * about stays with that group (groupTakesLine), and of two groups that may take a line the one
 * that outranks the other does (outranks). The open exceptions of the matched days that this
 * publish did not produce again are resolved before the lines are pointed, so that one of them
 * never keeps a line from a group that is. A line count is the lines that point at the
 * exception, as its readers list them: counted again for these groups and for the exceptions lines
 * were taken from (perhaps of a day not matched this time). The lines' categories must be written.
 */
async function upsertExceptions(
  store: LineStore,
  merchantId: string,
  plan: PublishPlan,
  at: Date,
): Promise<IncidentMoves> {
  const lineExceptions: [number, string, string][] = [];
  const recount = new Set<string>();
  const reopened: string[] = [];
  for (let start = 0; start < plan.exceptions.length; start += EXCEPTIONS_PER_UPSERT) {
    const drafts = plan.exceptions.slice(start, start + EXCEPTIONS_PER_UPSERT);
    const keys = drafts.map((draft) => draft.key);
    const wasResolved = await store.all<{ id: string }>(
      `SELECT e."id" FROM "ReconException" e JOIN "Incident" i ON i."id" = e."incidentId"
       WHERE e."merchantId" = ? AND e."status" = 'resolved' AND i."status" <> 'CLOSED'
         AND e."key" IN (${placeholders(keys.length)})`,
      [merchantId, ...keys],
    );
    reopened.push(...wasResolved.map((row) => row.id));
    const params: SqlParam[] = [];
    for (const draft of drafts) {
      params.push(
        newId(),
        merchantId,
        draft.key,
        draft.category,
        draft.storeId,
        draft.tid,
        draft.batchNo,
        draft.day,
        draft.lineIds.length,
        draft.amountMinor,
        at,
        at,
      );
    }
    // Reappearing after it was resolved reopens it; updatedAt = this publish marks it as produced now.
    const rows = await store.all<{ id: string; key: string }>(
      `INSERT INTO "ReconException" ("id", "merchantId", "key", "category", "storeId", "tid", "batchNo", "day",
         "lineCount", "amountMinor", "createdAt", "updatedAt")
       VALUES ${drafts.map(() => `(${placeholders(12)})`).join(", ")}
       ON CONFLICT ("merchantId", "key") DO UPDATE SET "category" = excluded."category", "storeId" = excluded."storeId",
         "tid" = excluded."tid", "batchNo" = excluded."batchNo", "day" = excluded."day",
         "lineCount" = excluded."lineCount", "amountMinor" = excluded."amountMinor", "status" = 'open',
         "resolvedAt" = NULL, "updatedAt" = excluded."updatedAt"
       RETURNING "id", "key"`,
      params,
    );
    const idOf = new Map(rows.map((row) => [row.key, row.id]));
    for (const draft of drafts) {
      const exceptionId = idOf.get(draft.key);
      if (exceptionId === undefined) throw new Error(`Exception ${draft.key} was not written`);
      for (const lineId of draft.lineIds) lineExceptions.push([lineId, exceptionId, draft.category]);
      recount.add(exceptionId);
    }
  }
  await resolveVanished(store, merchantId, [...GROUPED_LINE_CATEGORIES], [...plan.lineDays].sort(), at);
  await resolveVanished(store, merchantId, CREDIT_CATEGORIES, [...plan.creditDays].sort(), at);
  const moves: LineMove[] = [];
  for (let start = 0; start < lineExceptions.length; start += CHUNK) {
    for (const move of await store.pointAtExceptions(lineExceptions.slice(start, start + CHUNK))) {
      recount.add(move.from);
      moves.push(move);
    }
  }
  await recountLines(store, [...recount]);
  return { moved: await carryLinks(store, merchantId, moves), reopened };
}

/**
 * An incident's link follows its lines: an exception that took lines of its own category from one
 * linked to a case still worked is linked to that case too, unless it has a case still worked of
 * its own (one closed it replaces, as opening a case from it would); of two cases whose lines it
 * took, the one opened first (the merchant's incident number). A group that only names a line (a
 * duplicate's first charge, now matched) takes no case, nor does a credit's exception take one from
 * a settle date's credit case (a credit the date no longer takes is not the date's money missing —
 * followedCreditCases in incident-events.ts is how those cases follow). The moves that carried a
 * case are returned.
 */
async function carryLinks(store: LineStore, merchantId: string, moves: readonly LineMove[]): Promise<LineMove[]> {
  const from = [...new Set(moves.filter((move) => move.own).map((move) => move.from))];
  const linked: { id: string; incidentId: string; number: number }[] = [];
  for (let start = 0; start < from.length; start += EXCEPTIONS_PER_UPSERT) {
    const some = from.slice(start, start + EXCEPTIONS_PER_UPSERT);
    linked.push(
      ...(await store.all<{ id: string; incidentId: string; number: number }>(
        `SELECT e."id", e."incidentId", i."number" FROM "ReconException" e JOIN "Incident" i ON i."id" = e."incidentId"
         WHERE e."merchantId" = ? AND i."status" <> 'CLOSED' AND e."category" NOT IN (${placeholders(CREDIT_CATEGORIES.length)})
           AND e."id" IN (${placeholders(some.length)})`,
        [merchantId, ...CREDIT_CATEGORIES, ...some],
      )),
    );
  }
  const byKey = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  linked.sort((a, b) => Number(a.number) - Number(b.number) || byKey(a.id, b.id));
  const rank = new Map(linked.map((row, index) => [row.id, index]));
  const carried = moves
    .filter((move) => move.own && rank.has(move.from))
    .sort((a, b) => (rank.get(a.from) as number) - (rank.get(b.from) as number) || byKey(a.to, b.to));
  const incidentOf = new Map(linked.map((row) => [row.id, row.incidentId]));
  const takes = new Map<string, string>();
  for (const move of carried) if (!takes.has(move.to)) takes.set(move.to, incidentOf.get(move.from) as string);
  for (const [to, incidentId] of takes) {
    await store.run(
      `UPDATE "ReconException" SET "incidentId" = ?
       WHERE "id" = ? AND "merchantId" = ? AND ("incidentId" IS NULL OR EXISTS (
         SELECT 1 FROM "Incident" i WHERE i."id" = "ReconException"."incidentId" AND i."status" = 'CLOSED'))`,
      [incidentId, to, merchantId],
    );
  }
  return carried.map(({ from, to }) => ({ from, to, own: true }));
}

/** Sets each exception's line count to the lines that point at it. */
async function recountLines(store: LineStore, ids: readonly string[]) {
  for (let start = 0; start < ids.length; start += EXCEPTIONS_PER_UPSERT) {
    const some = ids.slice(start, start + EXCEPTIONS_PER_UPSERT);
    await store.run(
      `UPDATE "ReconException" SET "lineCount" =
         (SELECT COUNT(*) FROM "ReconLine" l WHERE l."exceptionId" = "ReconException"."id")
       WHERE "id" IN (${placeholders(some.length)})`,
      some,
    );
  }
}

async function upsertSettlements(store: LineStore, merchantId: string, plan: PublishPlan, at: Date) {
  for (const gone of plan.settlementsGone) {
    await store.run(`DELETE FROM "ReconSettlement" WHERE "merchantId" = ? AND "acquirerMid" = ? AND "settleDate" = ?`, [
      merchantId,
      gone.acquirerMid,
      gone.settleDate,
    ]);
  }
  for (const settlement of plan.settlements) {
    await store.run(
      `INSERT INTO "ReconSettlement" ("id", "merchantId", "acquirerMid", "settleDate", "expectedMinor", "category",
         "creditLineId", "shortByMinor", "updatedAt") VALUES (${placeholders(9)})
       ON CONFLICT ("merchantId", "acquirerMid", "settleDate") DO UPDATE SET "expectedMinor" = excluded."expectedMinor",
         "category" = excluded."category", "creditLineId" = excluded."creditLineId",
         "shortByMinor" = excluded."shortByMinor", "updatedAt" = excluded."updatedAt"`,
      [
        newId(),
        merchantId,
        settlement.acquirerMid,
        settlement.settleDate,
        settlement.expectedMinor,
        settlement.category,
        settlement.creditLineId,
        settlement.shortByMinor,
        at,
      ],
    );
  }
}

/**
 * Open exceptions of the days matching covered that this publish did not produce again: whatever
 * they stood for is explained now. Ones with a line a person paired or unpaired are theirs to close.
 */
async function resolveVanished(store: LineStore, merchantId: string, categories: string[], days: string[], at: Date) {
  if (days.length === 0) return;
  for (let start = 0; start < days.length; start += 500) {
    const someDays = days.slice(start, start + 500);
    await store.run(
      `UPDATE "ReconException" SET "status" = 'resolved', "resolvedAt" = ?, "updatedAt" = ?
       WHERE "merchantId" = ? AND "status" = 'open' AND "category" IN (${placeholders(categories.length)})
         AND "day" IN (${placeholders(someDays.length)}) AND "updatedAt" < ?
         AND NOT EXISTS (SELECT 1 FROM "ReconLine" l WHERE l."exceptionId" = "ReconException"."id" AND l."manual" = true)`,
      [at, at, merchantId, ...categories, ...someDays, at],
    );
  }
}

export async function publish({
  store,
  merchantId,
  importId,
  plan,
  at,
  report,
  withdraw,
}: {
  store: LineStore;
  merchantId: string;
  importId: string;
  plan: PublishPlan;
  at: Date;
  /** The import's report so far, with publishedAt: a rerun that finds it only finalises. */
  report: Record<string, unknown>;
  /**
   * The import is withdrawn: its lines deleted, and what only they made (the plan left them out);
   * `since` is when its lines became visible (its own publish).
   */
  withdraw?: { since: Date };
}): Promise<IncidentMoves> {
  return store.transaction(async () => {
    const lostLines = withdraw ? await deleteLines(store, importId) : [];
    for (const rows of plan.visibleChanges.chunks(CHUNK)) {
      await store.updateLines(
        [
          { name: "category", pgType: "text" },
          { name: "matchedLineId", pgType: "integer" },
          { name: "matchRule", pgType: "text" },
        ],
        rows,
      );
    }
    const common = plan.commonStagedCategory();
    for (const rows of plan.stagedCategories.chunks(CHUNK)) {
      await store.updateLines(
        [{ name: "category", pgType: "text" }],
        rows.filter(([, category]) => category !== common).map(([id, category]) => [id, category]),
      );
    }
    if (common !== null) {
      await store.run(`UPDATE "ReconLine" SET "category" = ? WHERE "importId" = ? AND "category" = 'staged'`, [
        common,
        importId,
      ]);
    }
    // After every category is written: which group takes a line follows from its category.
    const incidentMoves = await upsertExceptions(store, merchantId, plan, at);
    await recountLines(store, lostLines);
    await upsertSettlements(store, merchantId, plan, at);
    if (withdraw) await deleteVanished(store, merchantId, at, withdraw.since, lostLines);
    await store.run(`UPDATE "ReconImport" SET "report" = ? WHERE "id" = ?`, [
      JSON.stringify({ ...report, incidentMoves }),
      importId,
    ]);
    // Issue 10: the dashboard's per-day sums of the POS lines, counted again for the days they changed.
    await rebuildTransactionDays(store, merchantId, [...plan.tallyDays]);
    return incidentMoves;
  });
}

/** Deletes an import's lines; returns the exceptions they pointed at (their line counts change). */
async function deleteLines(store: LineStore, importId: string): Promise<string[]> {
  const pointed = await store.all<{ exceptionId: string }>(
    `SELECT DISTINCT "exceptionId" FROM "ReconLine" WHERE "importId" = ? AND "exceptionId" IS NOT NULL`,
    [importId],
  );
  await store.run(`DELETE FROM "ReconLine" WHERE "importId" = ?`, [importId]);
  return pointed.map((row) => row.exceptionId);
}

/**
 * A withdrawal's vanished exceptions (resolved by this publish) that came with or after the
 * withdrawn lines stood for them: deleted. One from before (a case the file only reopened) is
 * resolved, as it was before the file came. So is deleted an exception the withdrawn lines leave
 * with no line (one a later file had resolved: nothing to show). The lines of other files that
 * still name a deleted one (a line explained meanwhile keeps its exception) let go. One linked to
 * an incident is kept (the case's record), resolved.
 */
async function deleteVanished(
  store: LineStore,
  merchantId: string,
  at: Date,
  since: Date,
  lostLines: readonly string[],
) {
  const deleted = await store.all<{ id: string }>(
    `DELETE FROM "ReconException" WHERE "merchantId" = ? AND "status" = 'resolved' AND "resolvedAt" = ?
       AND "createdAt" >= ? AND "incidentId" IS NULL RETURNING "id"`,
    [merchantId, at, since],
  );
  for (let start = 0; start < lostLines.length; start += EXCEPTIONS_PER_UPSERT) {
    const some = lostLines.slice(start, start + EXCEPTIONS_PER_UPSERT);
    deleted.push(
      ...(await store.all<{ id: string }>(
        `DELETE FROM "ReconException" WHERE "merchantId" = ? AND "lineCount" = 0 AND "incidentId" IS NULL
           AND "id" IN (${placeholders(some.length)}) RETURNING "id"`,
        [merchantId, ...some],
      )),
    );
  }
  const ids = deleted.map((row) => row.id);
  for (let start = 0; start < ids.length; start += EXCEPTIONS_PER_UPSERT) {
    const some = ids.slice(start, start + EXCEPTIONS_PER_UPSERT);
    await store.run(
      `UPDATE "ReconLine" SET "exceptionId" = NULL WHERE "merchantId" = ? AND "exceptionId" IN (${placeholders(some.length)})`,
      [merchantId, ...some],
    );
  }
}
