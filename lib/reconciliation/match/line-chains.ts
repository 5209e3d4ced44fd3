// Chains of line indices by key (text, terminal, code; see key-table.ts), for the million-line
// passes: the duplicate check, the rrn and trace rules and the window rule's buckets. Everything lives in typed arrays that the passes
// share one after the other (ChainMemory), and a key is compared against the first line added
// with it rather than stored: a million keys in JS arrays, or fresh typed arrays per pass, pushed
// V8 into a full collection of the caller's whole heap of lines (0.7–1 s at a million lines).
import { hashOf } from "./key-table";

const EMPTY = -1;

/** The arrays one LineChains at a time works in; sized once for the larger side. */
export class ChainMemory {
  /**
   * Four Int32 per slot, side by side: first line + 1 (0 = free slot), key hash, chain head, and
   * one number the user of the chains may keep per key (`extra`, -1 until set).
   */
  readonly slots: Int32Array;
  readonly next: Int32Array;
  readonly capacity: number;

  constructor(lines: number) {
    let capacity = 16;
    while (capacity < lines * 2) capacity *= 2;
    this.capacity = capacity;
    this.slots = new Int32Array(capacity * 4);
    this.next = new Int32Array(Math.max(1, lines));
  }
}

/** Says whether `line` (one already added) has the key (text, terminal, code). */
export type SameKey = (line: number, text: string, terminal: string, code: number) => boolean;

/**
 * At most one key per line, so the table is never more than half full. Lines are added from the
 * last index down so that each chain runs in ascending index (= ascending id). Starting a new
 * LineChains on a ChainMemory ends the previous one.
 */
export class LineChains {
  private readonly slots: Int32Array;
  private readonly next: Int32Array;
  private readonly mask: number;

  constructor(
    memory: ChainMemory,
    private readonly sameKey: SameKey,
  ) {
    memory.slots.fill(0);
    this.slots = memory.slots;
    this.next = memory.next;
    this.mask = memory.capacity - 1;
  }

  add(text: string, terminal: string, code: number, index: number): void {
    const hash = hashOf(text, terminal, code);
    const slot = this.probe(hash, text, terminal, code);
    if (this.slots[slot] === 0) {
      this.slots[slot] = index + 1;
      this.slots[slot + 1] = hash;
      this.slots[slot + 3] = EMPTY;
      this.next[index] = EMPTY;
    } else {
      this.next[index] = this.slots[slot + 2];
    }
    this.slots[slot + 2] = index;
  }

  /** Takes the first (lowest) index off the key's chain; -1 when there is none. */
  take(text: string, terminal: string, code: number): number {
    const slot = this.probe(hashOf(text, terminal, code), text, terminal, code);
    if (this.slots[slot] === 0) return EMPTY;
    const head = this.slots[slot + 2];
    if (head !== EMPTY) this.slots[slot + 2] = this.next[head];
    return head;
  }

  /** The slot of the key (a number standing for it), or -1 when no line was added with it. */
  slotOf(text: string, terminal: string, code: number): number {
    const slot = this.probe(hashOf(text, terminal, code), text, terminal, code);
    return this.slots[slot] === 0 ? EMPTY : slot;
  }

  /** Every key's slot, in table order. */
  forEachSlot(visit: (slot: number) => void): void {
    for (let slot = 0; slot < this.slots.length; slot += 4) if (this.slots[slot] !== 0) visit(slot);
  }

  headAt(slot: number): number {
    return this.slots[slot + 2];
  }

  nextOf(index: number): number {
    return this.next[index];
  }

  extraAt(slot: number): number {
    return this.slots[slot + 3];
  }

  setExtraAt(slot: number, value: number): void {
    this.slots[slot + 3] = value;
  }

  /** Calls `visit` with the members of every chain of two or more lines, in chain order. */
  forEachShared(visit: (members: number[]) => void): void {
    for (let slot = 0; slot < this.slots.length; slot += 4) {
      if (this.slots[slot] === 0) continue;
      const head = this.slots[slot + 2];
      if (head === EMPTY || this.next[head] === EMPTY) continue;
      const members: number[] = [];
      for (let index = head; index !== EMPTY; index = this.next[index]) members.push(index);
      visit(members);
    }
  }

  /** The slot (offset into `slots`) holding the key, or the free slot where it would go. */
  private probe(hash: number, text: string, terminal: string, code: number): number {
    for (let position = hash & this.mask; ; position = (position + 1) & this.mask) {
      const slot = position * 4;
      const first = this.slots[slot];
      if (first === 0) return slot;
      if (this.slots[slot + 1] === hash && this.sameKey(first - 1, text, terminal, code)) return slot;
    }
  }
}
