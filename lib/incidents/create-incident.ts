// A cashier (or anyone allowed) logs a POS mishap. The store comes from the terminal, never from
// the client. Honours an Idempotency-Key: a retry returns the first response and creates nothing.
//
// An open incident of the merchant that looks like the same mishap (lib/incidents/
// suspected-duplicates.ts) stops the create with 409 DUPLICATE_SUSPECTED naming it, unless the
// caller confirms (confirmDuplicate), and then the audit event records what it looked like.
//
// This is the busiest write, so it costs few statements: one to find the terminal with its store
// (with a used key's first response and any suspected duplicates), then the shared core
// (lib/incidents/insert-incident.ts, also used by the reconciliation): one to take the incident
// number and the audit chain's next link, then the incident, its steps, the audit event, the
// chain head and — this path's own — the idempotency key written together (one round trip on
// PostgreSQL, lib/db/dialect.ts executeTogether). The writes are plain SQL because Prisma's JS
// engine spends several times longer on a model query than on a raw one; the answer is built from
// what was written, through the same serializer as every read, instead of being read back.
import "server-only";
import { createHash } from "node:crypto";
import { canonicalJson } from "@/lib/audit/hash";
import type { Actor } from "@/lib/auth/actor";
import { maskPans } from "@/lib/card-data/mask-pan";
import { prisma } from "@/lib/db/client";
import { newId } from "@/lib/db/new-id";
import { AppError } from "@/lib/errors/app-error";
import { Prisma } from "@/lib/generated/prisma/client";
import { draftIncident, type IncidentDraft, insertIncident } from "@/lib/incidents/insert-incident";
import { canSeeStore } from "@/lib/incidents/scope";
import { referenceOf } from "@/lib/incidents/serialize";
import { suspectedDuplicatesSql } from "@/lib/incidents/suspected-duplicates";
import { can } from "@/lib/rbac/permissions";
import {
  type CreateIncidentInput,
  type IncidentDto,
  parseAmountToMinor,
  type SuspectedDuplicate,
} from "@/lib/schemas/incident";

const CLOCK_SKEW_MS = 5 * 60_000;

export interface CreateIncidentResult {
  incident: IncidentDto;
  /** True when this answers a retry with an Idempotency-Key already used. */
  replayed: boolean;
}

/** Thrown inside the transaction when the Idempotency-Key is already stored, to roll it back. */
class KeyAlreadyUsed extends Error {}

export async function createIncident({
  actor,
  input,
  idempotencyKey,
}: {
  actor: Actor;
  input: CreateIncidentInput;
  idempotencyKey?: string | null;
}): Promise<CreateIncidentResult> {
  if (!can(actor.role, "incident.create")) throw new AppError("FORBIDDEN", { reason: "ROLE_CANNOT_CREATE" });

  const requestHash = createHash("sha256").update(canonicalJson(input)).digest("hex");
  const now = new Date();
  const occurredAt = input.occurredAt ? new Date(input.occurredAt) : now;
  const amountMinor = input.amount === undefined ? null : parseAmountToMinor(input.amount);
  const tid = input.terminalId.toUpperCase();
  const found = await lookUp({
    actor,
    tid,
    idempotencyKey,
    duplicates: suspectedDuplicatesSql({
      merchantId: actor.merchantId,
      tid,
      rrn: input.rrn,
      cardLast4: input.cardLast4,
      amountMinor,
      occurredAt,
    }),
  });
  if (found.replay) return replayOf(found.replay, requestHash);
  const { terminal } = found;
  if (!terminal) {
    const unknown = { reason: "TERMINAL_UNKNOWN", params: { terminal: input.terminalId } } as const;
    throw new AppError("RULE_VIOLATION", unknown, { terminalId: unknown });
  }
  if (!canSeeStore(actor, terminal.storeId)) {
    const notYours = { reason: "TERMINAL_NOT_IN_YOUR_STORES" } as const;
    throw new AppError("FORBIDDEN", notYours, { terminalId: notYours });
  }

  if (occurredAt.getTime() > now.getTime() + CLOCK_SKEW_MS) {
    const future = { reason: "OCCURRED_IN_FUTURE" } as const;
    throw new AppError("BAD_REQUEST", future, { occurredAt: future });
  }
  if (found.duplicates.length > 0 && !input.confirmDuplicate) {
    throw new AppError(
      "DUPLICATE_SUSPECTED",
      { reason: "DUPLICATE_SUSPECTED", params: { count: found.duplicates.length } },
      undefined,
      { duplicates: found.duplicates },
    );
  }

  const draft = draftIncident({
    merchantId: actor.merchantId,
    kind: input.kind,
    terminal,
    occurredAt,
    amountMinor,
    currency: input.currency,
    cardBin: input.cardBin ?? null,
    cardLast4: input.cardLast4 ?? null,
    rrn: input.rrn ?? null,
    authCode: input.authCode?.toUpperCase() ?? null,
    traceNo: input.traceNo ?? null,
    batchNo: input.batchNo ?? null,
    description: input.description ? maskPans(input.description) : null,
    reportedBy: { id: actor.userId, name: actor.name },
    now,
  });

  try {
    const confirmedDuplicateOf = found.duplicates;
    return {
      incident: await writeIncident({ draft, actor, idempotencyKey, requestHash, now, confirmedDuplicateOf }),
      replayed: false,
    };
  } catch (error) {
    // Two requests with one key raced past the lookup above: the loser answers with the winner's response.
    if (idempotencyKey && error instanceof KeyAlreadyUsed) {
      const replay = await findReplay(actor.userId, idempotencyKey, requestHash);
      if (replay) return replay;
    }
    throw error;
  }
}

/**
 * One statement for what a create reads before it writes: the merchant's active terminal with its
 * store, the first response to the Idempotency-Key when one came and was used before, and the
 * suspected duplicates (one row per duplicate, the rest repeated; one row when there are none).
 */
async function lookUp({
  actor,
  tid,
  idempotencyKey,
  duplicates,
}: {
  actor: Actor;
  tid: string;
  idempotencyKey?: string | null;
  duplicates: Prisma.Sql | null;
}): Promise<{
  terminal: { id: string; tid: string; storeId: string; storeName: string } | null;
  replay: { requestHash: string; responseBody: string } | null;
  duplicates: SuspectedDuplicate[];
}> {
  const rows = await prisma.$queryRaw<
    {
      terminalId: string | null;
      tid: string | null;
      storeId: string | null;
      storeName: string | null;
      requestHash: string | null;
      responseBody: string | null;
      duplicateId: string | null;
      duplicateNumber: number | bigint | null;
    }[]
  >`
    SELECT t."id" AS "terminalId", t."tid", t."storeId", s."name" AS "storeName", k."requestHash", k."responseBody",
      ${duplicates ? Prisma.sql`d."id"` : Prisma.sql`NULL`} AS "duplicateId",
      ${duplicates ? Prisma.sql`d."number"` : Prisma.sql`NULL`} AS "duplicateNumber"
    FROM (SELECT 1 AS "one") AS request
    LEFT JOIN "Terminal" t ON t."merchantId" = ${actor.merchantId} AND t."tid" = ${tid} AND t."active" = TRUE
    LEFT JOIN "Store" s ON s."id" = t."storeId"
    LEFT JOIN "IdempotencyKey" k ON k."userId" = ${actor.userId} AND k."key" = ${idempotencyKey ?? null}
    ${duplicates ? Prisma.sql`LEFT JOIN (${duplicates}) AS d ON 1 = 1` : Prisma.empty}`;
  const [found] = rows;
  return {
    duplicates: rows.flatMap((row) =>
      row.duplicateId === null || row.duplicateNumber === null
        ? []
        : [{ id: row.duplicateId, reference: referenceOf(Number(row.duplicateNumber)) }],
    ),
    terminal:
      found?.terminalId && found.tid && found.storeId && found.storeName !== null
        ? { id: found.terminalId, tid: found.tid, storeId: found.storeId, storeName: found.storeName }
        : null,
    replay:
      found?.requestHash && found.responseBody !== null
        ? { requestHash: found.requestHash, responseBody: found.responseBody }
        : null,
  };
}

/**
 * The create's transaction (lib/incidents/insert-incident.ts) with the Idempotency-Key's first
 * response written in the same batch. Holds the merchant's row (PostgreSQL) or the write lock
 * (SQLite) for two round trips only.
 */
async function writeIncident({
  draft,
  actor,
  idempotencyKey,
  requestHash,
  now,
  confirmedDuplicateOf,
}: {
  draft: IncidentDraft;
  actor: Actor;
  idempotencyKey?: string | null;
  requestHash: string;
  now: Date;
  /** The suspected duplicates the caller confirmed it knew of (empty when there were none). */
  confirmedDuplicateOf: SuspectedDuplicate[];
}): Promise<IncidentDto> {
  return prisma.$transaction(async (tx) => {
    const { incident, changed } = await insertIncident(tx, {
      draft,
      actorId: actor.userId,
      now,
      snapshotExtras: confirmedDuplicateOf.length > 0 ? { confirmedDuplicateOf } : {},
      alsoWrite: (dto) =>
        idempotencyKey
          ? [
              Prisma.sql`INSERT INTO "IdempotencyKey" ("id", "userId", "key", "requestHash", "statusCode", "responseBody", "createdAt")
                VALUES (${newId()}, ${actor.userId}, ${idempotencyKey}, ${requestHash}, 201, ${JSON.stringify(dto)}, ${now})
                ON CONFLICT ("userId", "key") DO NOTHING`,
            ]
          : [],
    });
    if (idempotencyKey && changed[0] !== 1) throw new KeyAlreadyUsed();
    return incident;
  });
}

async function findReplay(userId: string, key: string, requestHash: string): Promise<CreateIncidentResult | null> {
  const stored = await prisma.idempotencyKey.findUnique({
    where: { userId_key: { userId, key } },
    select: { requestHash: true, responseBody: true },
  });
  return stored ? replayOf(stored, requestHash) : null;
}

/** The first response to a key, or 422 when the key came with another body. */
function replayOf(stored: { requestHash: string; responseBody: string }, requestHash: string): CreateIncidentResult {
  if (stored.requestHash !== requestHash) {
    const reused = { reason: "IDEMPOTENCY_KEY_REUSED" } as const;
    throw new AppError("RULE_VIOLATION", reused, { "Idempotency-Key": reused });
  }
  return { incident: JSON.parse(stored.responseBody) as IncidentDto, replayed: true };
}
