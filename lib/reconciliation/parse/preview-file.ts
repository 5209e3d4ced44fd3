// The first rows of a file as the custom-format editor shows them: decoded, split, card numbers
// masked as the import will store them (first six, last four), and the row that most looks like a header suggested. Reads only what it shows.
import { maskFileText } from "@/lib/card-data/mask-pan-bytes";
import type { FileKind } from "@/lib/reconciliation/parse/detect-encoding";
import { headerScore } from "@/lib/reconciliation/parse/headers";
import { openRows } from "@/lib/reconciliation/parse/read-rows";

export interface FilePreview {
  encoding: FileKind;
  delimiter: "," | "\t" | null;
  /** rows[i] is spreadsheet row i + 1 (blank rows included, as []). */
  rows: string[][];
  /** The 1-based row that matches the most header aliases (at least two), or null. */
  suggestedHeaderLine: number | null;
}

export async function previewFile(source: AsyncIterable<Uint8Array>, options: { rows?: number } = {}) {
  const limit = Math.max(1, options.rows ?? 20);
  const stream = await openRows(source);
  const rows: string[][] = [];
  try {
    reading: for await (const batch of stream.batches) {
      for (const row of batch) {
        rows.push(row.length === 1 && row[0].trim() === "" ? [] : row.map((cell) => maskFileText(cell)));
        if (rows.length >= limit) break reading;
      }
    }
  } catch {
    // a damaged tail does not spoil the rows already read; the import reports it by line
  }
  let suggestedHeaderLine: number | null = null;
  let bestScore = 1;
  rows.forEach((row, index) => {
    const score = headerScore(row);
    if (score > bestScore) {
      bestScore = score;
      suggestedHeaderLine = index + 1;
    }
  });
  const preview: FilePreview = { encoding: stream.encoding, delimiter: stream.delimiter, rows, suggestedHeaderLine };
  return preview;
}
