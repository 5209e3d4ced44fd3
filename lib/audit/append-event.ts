// Appends audit events to a merchant's hash chain, inside the caller's transaction.
//
// The chain's head — seq and hash of the merchant's last event — lives on the merchant row
// (Merchant.auditSeq, Merchant.auditHash). Claiming the next link is one UPDATE … RETURNING that
// advances the seq and returns the hash to link to; writing the event also moves the head's hash
// to it. The claim serialises appends: on PostgreSQL the UPDATE holds the merchant's row lock
// until the transaction ends, so a second append (from any instance) waits and then reads the
// head the first one left. An UPDATE that changes no key column takes FOR NO KEY UPDATE, not FOR
// UPDATE: a transaction that has inserted a row referencing the merchant (a user, a store) holds
// the foreign key's KEY SHARE lock on it, and FOR UPDATE would conflict with that (it deadlocked
// once). SQLite transactions hold the write lock from BEGIN IMMEDIATE (lib/db/client.ts).
// (merchantId, seq) stays unique, so should the head ever disagree with the events an append
// fails instead of forking the chain.
import "server-only";
import { type AuditEventInput, validateAuditEvent } from "@/lib/audit/events";
import { type ChainedEventContent, canonicalJson, eventHash } from "@/lib/audit/hash";
import type { Tx } from "@/lib/db/client";
import { executeTogether } from "@/lib/db/dialect";
import { newId } from "@/lib/db/new-id";
import { Prisma } from "@/lib/generated/prisma/client";

/** Where an event belongs in the chain and who caused it. */
export interface EventContext {
  merchantId: string;
  incidentId?: string | null;
  actorId?: string | null;
}

/** An event of the catalogue (lib/audit/events.ts) with its context. */
export type AppendEventInput = EventContext & AuditEventInput;

/** A claimed place in a merchant's chain: the seq the next event takes and the hash it links to. */
export interface ChainLink {
  merchantId: string;
  seq: number;
  prevHash: string;
}

/** An audit event row as written (the AuditEvent model's columns). */
export interface ChainedEvent extends ChainedEventContent {
  id: string;
  prevHash: string;
  hash: string;
}

/** Claims the next link of the merchant's chain, locking it for the rest of the transaction. */
export async function claimChainLink(tx: Tx, merchantId: string): Promise<ChainLink> {
  const [head] = await tx.$queryRaw<{ auditSeq: number; auditHash: string }[]>`
    UPDATE "Merchant" SET "auditSeq" = "auditSeq" + 1 WHERE "id" = ${merchantId}
    RETURNING "auditSeq", "auditHash"`;
  if (!head) throw new Error(`No merchant ${merchantId} to append an audit event to.`);
  return { merchantId, seq: Number(head.auditSeq), prevHash: head.auditHash };
}

/**
 * Hands out the merchant's next incident number and claims the next link of its chain in the
 * same UPDATE (one round trip for what a create needs before it can write).
 */
export async function claimIncidentNumberAndChainLink(
  tx: Tx,
  merchantId: string,
): Promise<{ incidentNumber: number; link: ChainLink }> {
  const [head] = await tx.$queryRaw<{ incidentCounter: number; auditSeq: number; auditHash: string }[]>`
    UPDATE "Merchant" SET "incidentCounter" = "incidentCounter" + 1, "auditSeq" = "auditSeq" + 1
    WHERE "id" = ${merchantId}
    RETURNING "incidentCounter", "auditSeq", "auditHash"`;
  if (!head) throw new Error(`No merchant ${merchantId} to log an incident for.`);
  return {
    incidentNumber: Number(head.incidentCounter),
    link: { merchantId, seq: Number(head.auditSeq), prevHash: head.auditHash },
  };
}

/**
 * The event that takes a claimed link: its content, and the hash over the link and the content.
 * Throws when the event does not match its type's schema in the catalogue.
 */
export function chainedEvent(link: ChainLink, input: Omit<EventContext, "merchantId"> & AuditEventInput): ChainedEvent {
  validateAuditEvent({ type: input.type, before: input.before, after: input.after } as AuditEventInput);
  const content = {
    merchantId: link.merchantId,
    seq: link.seq,
    incidentId: input.incidentId ?? null,
    actorId: input.actorId ?? null,
    type: input.type,
    before: input.before === undefined || input.before === null ? null : canonicalJson(input.before),
    after: input.after === undefined || input.after === null ? null : canonicalJson(input.after),
    // Millisecond precision survives every database round trip, so the hash can be recomputed.
    createdAt: new Date(Math.floor(Date.now())),
  };
  return { id: newId(), ...content, prevHash: link.prevHash, hash: eventHash(link.prevHash, content) };
}

/**
 * The statements that write a chained event and move the head's hash to it, for the caller to
 * run with `executeTogether` beside its own writes. Both must change one row; the head's update
 * names the seq it expects, so it cannot move a head that another link has claimed.
 */
export function eventStatements(event: ChainedEvent): Prisma.Sql[] {
  return [
    Prisma.sql`INSERT INTO "AuditEvent"
      ("id", "merchantId", "seq", "incidentId", "actorId", "type", "before", "after", "createdAt", "prevHash", "hash")
      VALUES (${event.id}, ${event.merchantId}, ${event.seq}, ${event.incidentId}, ${event.actorId}, ${event.type},
        ${event.before}, ${event.after}, ${event.createdAt}, ${event.prevHash}, ${event.hash})`,
    Prisma.sql`UPDATE "Merchant" SET "auditHash" = ${event.hash}
      WHERE "id" = ${event.merchantId} AND "auditSeq" = ${event.seq}`,
  ];
}

/** Throws unless each of the event's statements changed exactly one row. */
export function assertEventWritten(changed: number[]): void {
  if (changed.length !== 2 || changed.some((count) => count !== 1)) {
    throw new Error(`Audit event not written: rows changed ${JSON.stringify(changed)}, expected [1, 1].`);
  }
}

export async function appendEvent(tx: Tx, input: AppendEventInput): Promise<ChainedEvent> {
  const event = chainedEvent(await claimChainLink(tx, input.merchantId), input);
  assertEventWritten(await executeTogether(tx, eventStatements(event)));
  return event;
}

/** Rows per multi-row INSERT of appendEvents: 11 values each, well under both databases' limits. */
const EVENTS_PER_INSERT = 500;

/**
 * Appends many events to one merchant's chain with ONE claim: a single UPDATE advances the head's
 * seq by n (taking the merchant's row lock once, not once per event), the hashes are chained in
 * process, the events go in with multi-row INSERTs and the head's hash moves once, to the last.
 * For a job that writes hundreds of events (an import resolving exceptions) this holds the chain
 * lock for a few statements instead of n round trips of it. Validates every event before claiming.
 */
export async function appendEvents(
  tx: Tx,
  merchantId: string,
  inputs: readonly (Omit<EventContext, "merchantId"> & AuditEventInput)[],
): Promise<ChainedEvent[]> {
  if (inputs.length === 0) return [];
  for (const input of inputs) {
    validateAuditEvent({ type: input.type, before: input.before, after: input.after } as AuditEventInput);
  }
  const count = inputs.length;
  const [head] = await tx.$queryRaw<{ auditSeq: number; auditHash: string }[]>`
    UPDATE "Merchant" SET "auditSeq" = "auditSeq" + ${count} WHERE "id" = ${merchantId}
    RETURNING "auditSeq", "auditHash"`;
  if (!head) throw new Error(`No merchant ${merchantId} to append audit events to.`);
  const events: ChainedEvent[] = [];
  let link: ChainLink = { merchantId, seq: Number(head.auditSeq) - count + 1, prevHash: head.auditHash };
  for (const input of inputs) {
    const event = chainedEvent(link, input);
    events.push(event);
    link = { merchantId, seq: link.seq + 1, prevHash: event.hash };
  }
  for (let start = 0; start < events.length; start += EVENTS_PER_INSERT) {
    const rows = events.slice(start, start + EVENTS_PER_INSERT).map(
      (event) => Prisma.sql`(${event.id}, ${event.merchantId}, ${event.seq}, ${event.incidentId}, ${event.actorId},
          ${event.type}, ${event.before}, ${event.after}, ${event.createdAt}, ${event.prevHash}, ${event.hash})`,
    );
    await tx.$executeRaw`INSERT INTO "AuditEvent"
      ("id", "merchantId", "seq", "incidentId", "actorId", "type", "before", "after", "createdAt", "prevHash", "hash")
      VALUES ${Prisma.join(rows)}`;
  }
  const last = events[events.length - 1];
  const moved = await tx.$executeRaw`UPDATE "Merchant" SET "auditHash" = ${last.hash}
    WHERE "id" = ${merchantId} AND "auditSeq" = ${last.seq}`;
  if (moved !== 1) throw new Error(`Audit events not written: the chain's head moved past seq ${last.seq}.`);
  return events;
}
