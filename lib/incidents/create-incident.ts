// A cashier (or anyone allowed) logs a POS mishap. The store comes from the terminal, never from
// the client. Honours an Idempotency-Key: a retry returns the first response and creates nothing.
import "server-only";
import { createHash } from "node:crypto";
import { appendEvent } from "@/lib/audit/append-event";
import { canonicalJson } from "@/lib/audit/hash";
import type { Actor } from "@/lib/auth/actor";
import { maskPans } from "@/lib/card-data/mask-pan";
import { prisma } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { Prisma } from "@/lib/generated/prisma/client";
import type {
  IncidentKind as DbIncidentKind,
  StepKey as DbStepKey,
  StepStatus as DbStepStatus,
} from "@/lib/generated/prisma/enums";
import { dueAtFor, initialSteps } from "@/lib/incidents/rules";
import { canSeeStore, incidentInclude } from "@/lib/incidents/scope";
import { serializeIncident } from "@/lib/incidents/serialize";
import { can } from "@/lib/rbac/permissions";
import { type CreateIncidentInput, type IncidentDto, parseAmountToMinor } from "@/lib/schemas/incident";

const CLOCK_SKEW_MS = 5 * 60_000;

export interface CreateIncidentResult {
  incident: IncidentDto;
  /** True when this answers a retry with an Idempotency-Key already used. */
  replayed: boolean;
}

export async function createIncident({
  actor,
  input,
  idempotencyKey,
}: {
  actor: Actor;
  input: CreateIncidentInput;
  idempotencyKey?: string | null;
}): Promise<CreateIncidentResult> {
  if (!can(actor.role, "incident.create")) throw new AppError("FORBIDDEN", "Your role cannot log incidents.");

  const requestHash = createHash("sha256").update(canonicalJson(input)).digest("hex");
  if (idempotencyKey) {
    const replay = await findReplay(actor.userId, idempotencyKey, requestHash);
    if (replay) return replay;
  }

  const terminal = await prisma.terminal.findUnique({
    where: { merchantId_tid: { merchantId: actor.merchantId, tid: input.terminalId.toUpperCase() } },
    select: { id: true, storeId: true, active: true },
  });
  if (!terminal?.active) {
    throw new AppError("RULE_VIOLATION", `Terminal ${input.terminalId} is not one of this merchant's terminals.`, {
      terminalId: "Unknown terminal.",
    });
  }
  if (!canSeeStore(actor, terminal.storeId)) {
    throw new AppError("FORBIDDEN", "That terminal belongs to a store you do not work in.", {
      terminalId: "Not one of your stores' terminals.",
    });
  }

  const now = new Date();
  const occurredAt = input.occurredAt ? new Date(input.occurredAt) : now;
  if (occurredAt.getTime() > now.getTime() + CLOCK_SKEW_MS) {
    throw new AppError("BAD_REQUEST", "occurredAt: cannot be in the future.", {
      occurredAt: "Cannot be in the future.",
    });
  }
  const kind = input.kind.toUpperCase() as DbIncidentKind;

  try {
    const incident = await prisma.$transaction(async (tx) => {
      const merchant = await tx.merchant.update({
        where: { id: actor.merchantId },
        data: { incidentCounter: { increment: 1 } },
        select: { incidentCounter: true },
      });
      const created = await tx.incident.create({
        data: {
          merchantId: actor.merchantId,
          storeId: terminal.storeId,
          terminalId: terminal.id,
          number: merchant.incidentCounter,
          kind,
          occurredAt,
          dueAt: dueAtFor(input.kind, occurredAt),
          amountMinor: input.amount === undefined ? null : parseAmountToMinor(input.amount),
          currency: input.currency,
          cardBin: input.cardBin ?? null,
          cardLast4: input.cardLast4 ?? null,
          rrn: input.rrn ?? null,
          authCode: input.authCode?.toUpperCase() ?? null,
          traceNo: input.traceNo ?? null,
          batchNo: input.batchNo ?? null,
          description: input.description ? maskPans(input.description) : null,
          reportedById: actor.userId,
          steps: {
            create: initialSteps(input.kind).map((step) => ({
              key: step.key.toUpperCase() as DbStepKey,
              position: step.position,
              status: step.status.toUpperCase() as DbStepStatus,
            })),
          },
        },
        include: incidentInclude,
      });
      const dto = serializeIncident(created, now);
      await appendEvent(tx, {
        merchantId: actor.merchantId,
        incidentId: created.id,
        actorId: actor.userId,
        type: "incident.created",
        after: snapshotForAudit(dto),
      });
      if (idempotencyKey) {
        await tx.idempotencyKey.create({
          data: {
            userId: actor.userId,
            key: idempotencyKey,
            requestHash,
            statusCode: 201,
            responseBody: JSON.stringify(dto),
          },
        });
      }
      return dto;
    });
    return { incident, replayed: false };
  } catch (error) {
    // Two requests with the same key raced: the loser answers with the winner's response.
    if (idempotencyKey && error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      const replay = await findReplay(actor.userId, idempotencyKey, requestHash);
      if (replay) return replay;
    }
    throw error;
  }
}

async function findReplay(userId: string, key: string, requestHash: string): Promise<CreateIncidentResult | null> {
  const stored = await prisma.idempotencyKey.findUnique({ where: { userId_key: { userId, key } } });
  if (!stored) return null;
  if (stored.requestHash !== requestHash) {
    throw new AppError("RULE_VIOLATION", "This Idempotency-Key was already used with a different request body.", {
      "Idempotency-Key": "Already used for another request.",
    });
  }
  return { incident: JSON.parse(stored.responseBody) as IncidentDto, replayed: true };
}

/** What the audit trail keeps of an incident: the slip fields and state, never more card data. */
export function snapshotForAudit(incident: IncidentDto) {
  return {
    reference: incident.reference,
    kind: incident.kind,
    status: incident.status,
    version: incident.version,
    storeId: incident.storeId,
    terminalId: incident.terminalId,
    amount: incident.amount,
    currency: incident.currency,
    occurredAt: incident.occurredAt,
    cardBin: incident.cardBin,
    cardLast4: incident.cardLast4,
    rrn: incident.rrn,
    authCode: incident.authCode,
    traceNo: incident.traceNo,
    batchNo: incident.batchNo,
    description: incident.description,
  };
}
