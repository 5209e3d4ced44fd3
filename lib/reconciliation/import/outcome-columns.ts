// Line outcomes held until publish, in typed arrays (about 10 bytes a line instead of an object
// each): a statement that explains a million journal lines changes a million visible lines, and
// those changes must wait for the one publish transaction. Ids start at 1, so 0 stands for null.
import { LINE_CATEGORIES, MATCH_RULES } from "@/lib/reconciliation/types";

const CATEGORY_CODES = ["", ...LINE_CATEGORIES, "credit_unexplained"] as const;
const RULE_CODES = ["", ...MATCH_RULES] as const;
const categoryCode = new Map<string, number>(CATEGORY_CODES.map((name, code) => [name, code]));
const ruleCode = new Map<string, number>(RULE_CODES.map((name, code) => [name, code]));

export type OutcomeRow = [id: number, category: string, matchedLineId: number | null, matchRule: string | null];

export class OutcomeColumns {
  private ids = new Int32Array(1024);
  private categories = new Uint8Array(1024);
  private matched = new Int32Array(1024);
  private rules = new Uint8Array(1024);
  length = 0;

  push(id: number, category: string, matchedLineId: number | null, matchRule: string | null): void {
    const code = categoryCode.get(category);
    if (code === undefined) throw new Error(`Unknown line category ${category}`);
    if (this.length === this.ids.length) this.grow();
    this.ids[this.length] = id;
    this.categories[this.length] = code;
    this.matched[this.length] = matchedLineId ?? 0;
    this.rules[this.length] = matchRule === null ? 0 : (ruleCode.get(matchRule) ?? 0);
    this.length++;
  }

  /** The outcomes as rows, `size` at a time, so a publish never builds them all at once. */
  *chunks(size: number): Generator<OutcomeRow[]> {
    for (let start = 0; start < this.length; start += size) {
      const rows: OutcomeRow[] = [];
      for (let index = start; index < Math.min(this.length, start + size); index++) {
        rows.push([
          this.ids[index],
          CATEGORY_CODES[this.categories[index]],
          this.matched[index] === 0 ? null : this.matched[index],
          this.rules[index] === 0 ? null : RULE_CODES[this.rules[index]],
        ]);
      }
      yield rows;
    }
  }

  private grow(): void {
    const size = this.ids.length * 2;
    const grow = <T extends Int32Array | Uint8Array>(old: T, make: (n: number) => T) => {
      const next = make(size);
      next.set(old);
      return next;
    };
    this.ids = grow(this.ids, (n) => new Int32Array(n));
    this.categories = grow(this.categories, (n) => new Uint8Array(n));
    this.matched = grow(this.matched, (n) => new Int32Array(n));
    this.rules = grow(this.rules, (n) => new Uint8Array(n));
  }
}
