// Matching keys without building strings. A key is (text, terminal, code): text is a string the
// line already holds (rrn, trace no., masked card, batch no.), terminal its TID and code a number
// for the rest (type, amount, an interned batch or day). Building "tid|type|rrn" strings and using
// them in a Map cost more than all the matching at a million lines (concatenation, hashing the
// new strings, garbage); hashing the parts in place costs a few charCodeAt calls. KeyTable numbers
// keys for the small tables (batches, days, window buckets); line-chains.ts is the big one.
import type { TxType } from "@/lib/reconciliation/types";

const TYPE_CODE: Record<TxType, number> = { sale: 0, void: 1, refund: 2, reversal: 3 };

/** A line's type as a number below 4, to fold into a key's code. */
export function typeCode(type: TxType): number {
  return TYPE_CODE[type];
}

/** Numbers the distinct keys 0, 1, 2, … in order of first sight. */
export class KeyTable {
  // Two Int32 per slot, side by side so a probe touches one cache line: key number + 1 (0 = empty)
  // and the key's hash, compared before any string is read.
  private slots: Int32Array;
  private texts: string[] = [];
  private terminals: string[] = [];
  private codes: number[] = [];
  size = 0;

  constructor(expectedKeys: number) {
    let capacity = 16;
    while (capacity < expectedKeys * 2) capacity *= 2;
    this.slots = new Int32Array(capacity * 2);
  }

  /** The key's number, or -1 when it was never interned. */
  find(text: string, terminal: string, code: number): number {
    const slot = this.probe(hashOf(text, terminal, code), text, terminal, code);
    return this.slots[slot] - 1;
  }

  /** The key's number, adding the key when it is new. */
  intern(text: string, terminal: string, code: number): number {
    const hash = hashOf(text, terminal, code);
    const slot = this.probe(hash, text, terminal, code);
    if (this.slots[slot] !== 0) return this.slots[slot] - 1;
    const key = this.size++;
    this.texts.push(text);
    this.terminals.push(terminal);
    this.codes.push(code);
    this.slots[slot] = key + 1;
    this.slots[slot + 1] = hash;
    if (this.size * 4 > this.slots.length) this.grow();
    return key;
  }

  /** The slot holding the key, or the empty slot where it would go. */
  private probe(hash: number, text: string, terminal: string, code: number): number {
    const mask = this.slots.length - 2;
    for (let slot = (hash << 1) & mask; ; slot = (slot + 2) & mask) {
      const entry = this.slots[slot];
      if (entry === 0) return slot;
      if (this.slots[slot + 1] !== hash) continue;
      const key = entry - 1;
      if (this.codes[key] === code && this.texts[key] === text && this.terminals[key] === terminal) return slot;
    }
  }

  private grow(): void {
    const old = this.slots;
    const slots = new Int32Array(old.length * 2);
    const mask = slots.length - 2;
    for (let from = 0; from < old.length; from += 2) {
      if (old[from] === 0) continue;
      let slot = (old[from + 1] << 1) & mask;
      while (slots[slot] !== 0) slot = (slot + 2) & mask;
      slots[slot] = old[from];
      slots[slot + 1] = old[from + 1];
    }
    this.slots = slots;
  }
}

/** FNV-1a over both strings and the code's two 32-bit halves, with a final avalanche. */
export function hashOf(text: string, terminal: string, code: number): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index++) hash = Math.imul(hash ^ text.charCodeAt(index), 0x01000193);
  hash = Math.imul(hash ^ 0x1f, 0x01000193);
  for (let index = 0; index < terminal.length; index++) hash = Math.imul(hash ^ terminal.charCodeAt(index), 0x01000193);
  hash = Math.imul(hash ^ (code | 0), 0x01000193);
  hash = Math.imul(hash ^ ((code / 4294967296) | 0), 0x01000193);
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  return hash;
}
