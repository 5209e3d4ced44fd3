// Splits decoded CSV text into rows of cells, chunk by chunk. The common row (no quote) is cut with
// indexOf and String#split, which measured faster than papaparse here; a row with a quote goes
// through a small RFC 4180 state machine (quoted cells, doubled quotes, delimiters and line breaks
// inside quotes). One row = one record = one spreadsheet row, however many lines its quoted cells
// span. Pure.

/** A row that grew past this without ending is not CSV (or has a quote that never closes). */
export const MAX_ROW_CHARS = 1024 * 1024;

export class RowTooLongError extends Error {
  constructor(readonly unclosedQuote: boolean) {
    super(unclosedQuote ? "unclosed quote" : "row too long");
  }
}

const QUOTE = 34;
const CR = 13;

export class CsvSplitter {
  private carry = "";
  private readonly delimiterCode: number;
  private readonly newlineCode: number;

  constructor(
    private readonly delimiter: string,
    private readonly newline: "\n" | "\r" = "\n",
  ) {
    this.delimiterCode = delimiter.charCodeAt(0);
    this.newlineCode = newline.charCodeAt(0);
  }

  /** Appends the rows this text completes to `out`; a row not yet ended waits for the next text. */
  push(chunk: string, out: string[][]): void {
    const text = this.carry === "" ? chunk : this.carry + chunk;
    const { delimiter, newline } = this;
    const length = text.length;
    let position = 0;
    // The next quote at or after `position`, found once and reused: searching per row would make a
    // chunk without any quote quadratic.
    let nextQuote = text.indexOf('"');
    while (position < length) {
      const lineEnd = text.indexOf(newline, position);
      if (lineEnd === -1) break;
      if (nextQuote !== -1 && nextQuote < position) nextQuote = text.indexOf('"', position);
      if (nextQuote === -1 || nextQuote > lineEnd) {
        let end = lineEnd;
        if (end > position && newline === "\n" && text.charCodeAt(end - 1) === CR) end--;
        out.push(text.slice(position, end).split(delimiter));
        position = lineEnd + 1;
      } else {
        const next = this.quotedRow(text, position, out);
        if (next === -1) break;
        position = next;
      }
    }
    this.carry = position === 0 ? text : text.slice(position);
    if (this.carry.length > MAX_ROW_CHARS) throw new RowTooLongError(this.carry.includes('"'));
  }

  /** Flushes the last row (a file need not end with a line break). */
  end(out: string[][]): void {
    if (this.carry === "") return;
    this.push(this.newline, out);
    if (this.carry !== "") throw new RowTooLongError(true);
  }

  /** Reads one row that holds a quote, from `start`; returns where the next row starts, or -1 when incomplete. */
  private quotedRow(text: string, start: number, out: string[][]): number {
    const row: string[] = [];
    const length = text.length;
    let position = start;
    for (;;) {
      let cell: string;
      if (text.charCodeAt(position) === QUOTE) {
        position++;
        let close = text.indexOf('"', position);
        if (close === -1) return -1;
        // The usual quoted cell has no doubled quote inside: one slice, no concatenation.
        cell = text.slice(position, close);
        while (text.charCodeAt(close + 1) === QUOTE) {
          position = close + 2;
          close = text.indexOf('"', position);
          if (close === -1) return -1;
          cell += `"${text.slice(position, close)}`;
        }
        // A closing quote at the very end of the text may yet be a doubled quote: wait.
        if (close + 1 >= length) return -1;
        position = close + 1;
        // Text after a closing quote and before the delimiter is kept, as spreadsheets do.
        const next = text.charCodeAt(position);
        if (next !== this.delimiterCode && next !== this.newlineCode) {
          const stop = this.cellEnd(text, position);
          if (stop === -1) return -1;
          cell += text.slice(position, stop);
          position = stop;
        }
      } else {
        const stop = this.cellEnd(text, position);
        if (stop === -1) return -1;
        cell = text.slice(position, stop);
        position = stop;
      }
      const code = text.charCodeAt(position);
      if (code === this.delimiterCode) {
        row.push(cell);
        position++;
        continue;
      }
      // a line break ends the row (CR before LF belongs to it)
      if (this.newlineCode === 10 && cell.charCodeAt(cell.length - 1) === CR) cell = cell.slice(0, -1);
      row.push(cell);
      out.push(row);
      return position + 1;
    }
  }

  /** Index of the delimiter or line break that ends an unquoted cell, or -1 if the text ends first. */
  private cellEnd(text: string, from: number): number {
    for (let i = from; i < text.length; i++) {
      const code = text.charCodeAt(i);
      if (code === this.delimiterCode || code === this.newlineCode) return i;
    }
    return -1;
  }
}

/**
 * The delimiter of the head's first 30 lines: tab when some line has at least as many tabs outside
 * quotes as any line has commas (a TSV's amounts may hold thousands commas; a CSV rarely a tab).
 */
export function detectDelimiter(head: string, newline: "\n" | "\r"): "," | "\t" {
  let maxCommas = 0;
  let maxTabs = 0;
  let commas = 0;
  let tabs = 0;
  let inQuotes = false;
  let lines = 0;
  for (let i = 0; i < head.length && lines < 30; i++) {
    const char = head[i];
    if (char === '"') inQuotes = !inQuotes;
    else if (inQuotes) continue;
    else if (char === ",") commas++;
    else if (char === "\t") tabs++;
    else if (char === newline) {
      maxCommas = Math.max(maxCommas, commas);
      maxTabs = Math.max(maxTabs, tabs);
      commas = 0;
      tabs = 0;
      lines++;
    }
  }
  maxCommas = Math.max(maxCommas, commas);
  maxTabs = Math.max(maxTabs, tabs);
  return maxTabs > 0 && maxTabs >= maxCommas ? "\t" : ",";
}

/** "\r" only for a file whose head has carriage returns and no line feed (old Mac exports). */
export function detectNewline(head: string): "\n" | "\r" {
  return !head.includes("\n") && head.includes("\r") ? "\r" : "\n";
}
