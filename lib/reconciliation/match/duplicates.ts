// Duplicate charges: two approved sales on one terminal, same card and same amount within a few
// seconds of each other (two identical swipes a minute apart, each with its own rrn). The later is
// the duplicate; the first keeps its own category. A cancelled (voided) sale is left out: voiding
// the second charge is exactly how a duplicate is put right.
import { typeCode } from "./key-table";
import { type ChainMemory, LineChains } from "./line-chains";
import type { PosLine } from "./lines";
import { wallClockSeconds } from "./local-time";

/** Amount and type in one number (exact while |amount| < 2^51 minor units). */
const codeOf = (line: PosLine) => Math.abs(line.amountMinor) * 4 + typeCode(line.txType);

/**
 * For each line (by index into `pos`, sorted by id): the index of the first sale of the burst it
 * duplicates, or -1. A burst is a run of identical sales each at most `windowSeconds` after the
 * previous one, so three swipes a minute apart are the first and two duplicates of it.
 */
export function findDuplicates(
  pos: readonly PosLine[],
  voided: Uint8Array,
  windowSeconds: number,
  memory: ChainMemory,
): Int32Array {
  const duplicateOf = new Int32Array(pos.length).fill(-1);
  const byCard = new LineChains(
    memory,
    (index, card, terminal, code) =>
      pos[index].cardMasked === card && pos[index].tid === terminal && codeOf(pos[index]) === code,
  );
  for (let index = pos.length - 1; index >= 0; index--) {
    const line = pos[index];
    if (!line.approved || line.txType !== "sale" || line.cardMasked === null || voided[index]) continue;
    byCard.add(line.cardMasked, line.tid, codeOf(line), index);
  }
  byCard.forEachShared((indices) => {
    const members = indices.map((index) => ({ index, at: wallClockSeconds(pos[index].txAt) }));
    members.sort((a, b) => a.at - b.at || a.index - b.index);
    let first = members[0];
    for (let position = 1; position < members.length; position++) {
      const member = members[position];
      if (member.at - members[position - 1].at <= windowSeconds) duplicateOf[member.index] = first.index;
      else first = member;
    }
  });
  return duplicateOf;
}
