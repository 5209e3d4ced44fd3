// POST /api/reconciliation/lines/unpair: finance undoes a pairing (the matcher's or a person's).
// Both lines lose their partner and are marked manual = true with no pairing, so re-matching
// leaves them apart as the person decided (to pair them again, or with others, finance pairs by
// hand). The POS line becomes pos_only and the statement line statement_only, each in its
// exception (the matcher's key, reopened if it was resolved) — an unsigned or duplicate POS line
// stays unsigned or duplicate, in its exception — and a POS line whose settle
// date has not passed (the matcher's own overdue rule): it is pending, with no exception, and
// goes back to the matcher (manual = false), which makes it pos_only once the date is over or
// pairs it with a statement line still to come (never the one it was parted from: that stays
// manual). The exception the pair was in is resolved when no line is left in it. One transaction
// with a reconciliation.lines_unpaired audit event (before and after).
import "server-only";
import { appendEvent } from "@/lib/audit/append-event";
import type { Actor } from "@/lib/auth/actor";
import { prisma } from "@/lib/db/client";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors/app-error";
import {
  aloneCategory,
  incidentOf,
  type LinePairing,
  lineForChange,
  lineState,
  notPairableBecause,
  settleExceptions,
  writePairing,
} from "@/lib/reconciliation/exceptions/line-pairing";
import { lockMerchant } from "@/lib/reconciliation/exceptions/lock-merchant";
import { requireReconciliation } from "@/lib/reconciliation/exceptions/require-permission";
import { serializeLine } from "@/lib/reconciliation/exceptions/serialize-line";
import { merchantToday } from "@/lib/reconciliation/import/merchant-today";
import { assertNoImportMatching } from "@/lib/reconciliation/imports/withdraw-import";
import { overdueCheck } from "@/lib/reconciliation/match/categorize";
import type { PairingResultDto, UnpairLineInput } from "@/lib/schemas/reconciliation";

export async function unpairLine({
  actor,
  input,
}: {
  actor: Actor;
  input: UnpairLineInput;
}): Promise<PairingResultDto> {
  requireReconciliation(actor, "reconciliation.resolve");
  return prisma.$transaction(async (tx) => {
    await lockMerchant(tx, actor.merchantId);
    await assertNoImportMatching(tx, actor.merchantId);
    const line = await lineForChange(tx, actor.merchantId, input.lineId, "lineId");
    if (line.matchedLineId === null) {
      const notPaired = { reason: "LINE_NOT_PAIRED" } as const;
      throw new AppError("RULE_VIOLATION", notPaired, { lineId: notPaired });
    }
    const partner = await lineForChange(tx, actor.merchantId, Number(line.matchedLineId), "lineId");
    // A cancelled or declined sale keeps the statement line that names it: parted, it would read
    // as a sale at the till nobody was paid for (pos_only) when it was voided.
    for (const each of [line, partner]) {
      if (notPairableBecause(each)) {
        const refused = { reason: "LINE_NOT_UNPAIRABLE" } as const;
        throw new AppError("RULE_VIOLATION", refused, { lineId: refused });
      }
    }
    const now = new Date();
    const lines = [line, partner];
    const isOverdue = overdueCheck(merchantToday(env.MERCHANT_TIME_ZONE, now), env.RECON_SETTLE_LAG_DAYS);
    const pairings: LinePairing[] = [];
    for (const each of lines) pairings.push(await aloneCategory(tx, actor.merchantId, each, isOverdue));
    for (const [index, each] of lines.entries())
      await writePairing(tx, actor.merchantId, Number(each.id), pairings[index]);

    const openedExceptionIds = pairings.flatMap((pairing) => pairing.exceptionId ?? []);
    const left = lines.flatMap((each) => each.exceptionId ?? []).filter((id) => !openedExceptionIds.includes(id));
    const resolvedExceptionIds = await settleExceptions(tx, actor.merchantId, left, now);
    // A case a line stays in may have lost the other (a duplicate's statement line, now a case of
    // its own): counted again too. Each keeps the line that stayed, so none of them is resolved.
    await settleExceptions(tx, actor.merchantId, openedExceptionIds, now);
    await appendEvent(tx, {
      merchantId: actor.merchantId,
      incidentId: await incidentOf(tx, actor.merchantId, [...left, ...openedExceptionIds]),
      actorId: actor.userId,
      type: "reconciliation.lines_unpaired",
      before: { lines: lines.map((each) => lineState(each)) },
      after: {
        lines: lines.map((each, index) => lineState(each, pairings[index])),
        resolvedExceptionIds,
        openedExceptionIds,
      },
    });
    return {
      lines: lines.map((each, index) =>
        serializeLine({ ...each, ...pairings[index], manual: pairings[index].manual ?? true }),
      ),
      resolvedExceptionIds,
      openedExceptionIds,
    };
  });
}
