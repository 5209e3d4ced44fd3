// POST /api/reconciliation/lines/pair: finance pairs a POS line with a statement line by hand
// (an ambiguous tie, a line the rules missed). Both must be the merchant's, not staged, of the
// right source, unpaired, pairable as the matcher would have them (neither declined nor a void or
// reversal or a sale they cancelled; one terminal). They become `matched` (or `amount_mismatch`
// when the amounts differ, with its exception opened) — an unsigned or duplicate POS line stays
// unsigned or duplicate, as the matcher keeps it —, matchRule "manual", manual = true — the
// matcher leaves them as the person set them. The other lines of a tie the pair was in have lost
// their counterpart: each becomes what it is alone (pos_only, pending, statement_only) and goes
// back to the matcher. An exception they were in is resolved once every line of it is matched
// (the rest of a missing batch keeps it open). One transaction with a
// reconciliation.lines_paired audit event (before and after, the tie's other lines too).
import "server-only";
import { appendEvent } from "@/lib/audit/append-event";
import type { Actor } from "@/lib/auth/actor";
import { prisma, type Tx } from "@/lib/db/client";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors/app-error";
import { Prisma } from "@/lib/generated/prisma/client";
import { LINE_COLUMNS } from "@/lib/reconciliation/exceptions/first-lines";
import {
  aloneCategory,
  assertPairable,
  incidentOf,
  type LinePairing,
  lineForChange,
  lineState,
  openException,
  type PairableLine,
  resolveExplained,
  writePairing,
} from "@/lib/reconciliation/exceptions/line-pairing";
import { lockMerchant } from "@/lib/reconciliation/exceptions/lock-merchant";
import { requireReconciliation } from "@/lib/reconciliation/exceptions/require-permission";
import { serializeLine } from "@/lib/reconciliation/exceptions/serialize-line";
import { merchantToday } from "@/lib/reconciliation/import/merchant-today";
import { assertNoImportMatching } from "@/lib/reconciliation/imports/withdraw-import";
import { overdueCheck } from "@/lib/reconciliation/match/categorize";
import type { PairingResultDto, PairLinesInput } from "@/lib/schemas/reconciliation";

export async function pairLines({ actor, input }: { actor: Actor; input: PairLinesInput }): Promise<PairingResultDto> {
  requireReconciliation(actor, "reconciliation.resolve");
  return prisma.$transaction(async (tx) => {
    await lockMerchant(tx, actor.merchantId);
    await assertNoImportMatching(tx, actor.merchantId);
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
    assertPairable(pos, statement);

    const now = new Date();
    const posId = Number(pos.id);
    const statementId = Number(statement.id);
    const mismatch = Math.abs(Number(pos.amountMinor)) - Math.abs(Number(statement.amountMinor));
    // An unsigned slip or a second charge stays what it is once its statement line is found, as
    // the matcher has it (categorize.ts): settled or not, the slip is unsigned and the customer
    // was charged twice — the pair does not explain that case away.
    const keepsOwn = pos.category === "unsigned" || pos.category === "duplicate";
    const opened =
      mismatch === 0
        ? null
        : await openException(tx, actor.merchantId, {
            key: `amount_mismatch:${posId}:${statementId}`,
            category: "amount_mismatch",
            line: pos,
            lineCount: keepsOwn ? 1 : 2,
            amountMinor: mismatch,
          });
    const category = opened ? "amount_mismatch" : "matched";
    // A matched line keeps the exception it explains (an incident's evidence stays linked, as the
    // import job leaves it); a mismatched pair moves to its own exception.
    const posPairing: LinePairing = keepsOwn
      ? { category: pos.category, matchedLineId: statementId, matchRule: "manual", exceptionId: pos.exceptionId }
      : { category, matchedLineId: statementId, matchRule: "manual", exceptionId: opened ?? pos.exceptionId };
    const statementPairing: LinePairing = {
      category,
      matchedLineId: posId,
      matchRule: "manual",
      exceptionId: opened ?? statement.exceptionId,
    };
    await writePairing(tx, actor.merchantId, posId, posPairing);
    await writePairing(tx, actor.merchantId, statementId, statementPairing);

    const left = [pos.exceptionId, statement.exceptionId].filter((id): id is string => id !== null && id !== opened);
    const tie = await tiedLines(tx, actor.merchantId, left, [posId, statementId]);
    const isOverdue = overdueCheck(merchantToday(env.MERCHANT_TIME_ZONE, now), env.RECON_SETTLE_LAG_DAYS);
    const tiePairings: LinePairing[] = [];
    for (const line of tie) {
      // Back to the matcher: the person decided the pair, not these.
      const alone = { ...(await aloneCategory(tx, actor.merchantId, line, isOverdue)), manual: false };
      await writePairing(tx, actor.merchantId, Number(line.id), alone);
      tiePairings.push(alone);
    }
    const resolvedExceptionIds = await resolveExplained(tx, actor.merchantId, left, now);
    const openedExceptionIds = [
      ...(opened ? [opened] : []),
      ...new Set(tiePairings.flatMap((pairing) => pairing.exceptionId ?? [])),
    ];
    await appendEvent(tx, {
      merchantId: actor.merchantId,
      incidentId: await incidentOf(tx, actor.merchantId, [...left, ...openedExceptionIds]),
      actorId: actor.userId,
      type: "reconciliation.lines_paired",
      before: { lines: [lineState(pos), lineState(statement), ...tie.map((line) => lineState(line))] },
      after: {
        lines: [
          lineState(pos, posPairing),
          lineState(statement, statementPairing),
          ...tie.map((line, index) => lineState(line, tiePairings[index])),
        ],
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

/** The other lines still ambiguous in the exceptions the pair was in: their tie is gone. */
async function tiedLines(tx: Tx, merchantId: string, exceptionIds: string[], pairIds: number[]) {
  if (exceptionIds.length === 0) return [];
  return tx.$queryRaw<PairableLine[]>`
    SELECT ${LINE_COLUMNS}, l."approved" FROM "ReconLine" l
    WHERE l."merchantId" = ${merchantId} AND l."exceptionId" IN (${Prisma.join(exceptionIds)})
      AND l."category" = 'ambiguous' AND l."id" NOT IN (${Prisma.join(pairIds)})
    ORDER BY l."id"`;
}
