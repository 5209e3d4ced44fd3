// POST /api/reconciliation/lines/pair: finance pairs a POS line with a statement line by hand
// (an ambiguous tie, a line the rules missed). Both must be the merchant's, not staged, of the
// right source and unpaired. They become `matched` (or `amount_mismatch` when the amounts differ,
// with its exception opened), matchRule "manual", manual = true — the matcher leaves them as the
// person set them — and the exceptions they were in are resolved (a person explained them). One
// transaction with a reconciliation.lines_paired audit event (before and after).
import "server-only";
import { appendEvent } from "@/lib/audit/append-event";
import type { Actor } from "@/lib/auth/actor";
import { prisma } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import {
  incidentOf,
  type LinePairing,
  lineForChange,
  lineState,
  openException,
  resolveExceptions,
  writePairing,
} from "@/lib/reconciliation/exceptions/line-pairing";
import { lockMerchant } from "@/lib/reconciliation/exceptions/lock-merchant";
import { requireReconciliation } from "@/lib/reconciliation/exceptions/require-permission";
import { serializeLine } from "@/lib/reconciliation/exceptions/serialize-line";
import type { PairingResultDto, PairLinesInput } from "@/lib/schemas/reconciliation";

export async function pairLines({ actor, input }: { actor: Actor; input: PairLinesInput }): Promise<PairingResultDto> {
  requireReconciliation(actor, "reconciliation.resolve");
  return prisma.$transaction(async (tx) => {
    await lockMerchant(tx, actor.merchantId);
    const pos = await lineForChange(tx, actor.merchantId, input.posLineId, "posLineId");
    const statement = await lineForChange(tx, actor.merchantId, input.statementLineId, "statementLineId");
    for (const [line, field, expected] of [
      [pos, "posLineId", "pos"],
      [statement, "statementLineId", "statement"],
    ] as const) {
      if (line.source !== expected) {
        const wrong = { reason: "LINE_WRONG_SOURCE", params: { expected } } as const;
        throw new AppError("RULE_VIOLATION", wrong, { [field]: wrong });
      }
      if (line.matchedLineId !== null) {
        const paired = { reason: "LINE_ALREADY_PAIRED" } as const;
        throw new AppError("RULE_VIOLATION", paired, { [field]: paired });
      }
    }

    const now = new Date();
    const posId = Number(pos.id);
    const statementId = Number(statement.id);
    const mismatch = Math.abs(Number(pos.amountMinor)) - Math.abs(Number(statement.amountMinor));
    const opened =
      mismatch === 0
        ? null
        : await openException(tx, actor.merchantId, {
            key: `amount_mismatch:${posId}:${statementId}`,
            category: "amount_mismatch",
            line: pos,
            lineCount: 2,
            amountMinor: mismatch,
          });
    const category = opened ? "amount_mismatch" : "matched";
    // A matched line keeps the exception it explains (an incident's evidence stays linked, as the
    // import job leaves it); a mismatched pair moves to its own exception.
    const posPairing: LinePairing = {
      category,
      matchedLineId: statementId,
      matchRule: "manual",
      exceptionId: opened ?? pos.exceptionId,
    };
    const statementPairing: LinePairing = {
      category,
      matchedLineId: posId,
      matchRule: "manual",
      exceptionId: opened ?? statement.exceptionId,
    };
    await writePairing(tx, actor.merchantId, posId, posPairing);
    await writePairing(tx, actor.merchantId, statementId, statementPairing);

    const left = [pos.exceptionId, statement.exceptionId].filter((id): id is string => id !== null && id !== opened);
    const resolvedExceptionIds = await resolveExceptions(tx, actor.merchantId, left, now);
    const openedExceptionIds = opened ? [opened] : [];
    await appendEvent(tx, {
      merchantId: actor.merchantId,
      incidentId: await incidentOf(tx, actor.merchantId, [...left, ...openedExceptionIds]),
      actorId: actor.userId,
      type: "reconciliation.lines_paired",
      before: { lines: [lineState(pos), lineState(statement)] },
      after: {
        lines: [lineState(pos, posPairing), lineState(statement, statementPairing)],
        resolvedExceptionIds,
        openedExceptionIds,
      },
    });
    return {
      lines: [
        serializeLine({ ...pos, ...posPairing, manual: true }),
        serializeLine({ ...statement, ...statementPairing, manual: true }),
      ],
      resolvedExceptionIds,
      openedExceptionIds,
    };
  });
}
