// A file's rows as arrays of cell texts, in batches, whatever the file is: CSV (UTF-8, GB18030 or UTF-16,
// comma or tab, any line ending) or XLSX. Row i of the stream (from 1) is row i as a spreadsheet
// shows it; blank rows are kept (as [""] or []) so the count stays true. Streaming: only the
// current chunk and one unfinished row are held.
import { CsvSplitter, detectDelimiter, detectNewline } from "@/lib/reconciliation/parse/csv-splitter";
import {
  type FileKind,
  type StreamDecoder,
  sniffStream,
  textDecoderFor,
} from "@/lib/reconciliation/parse/detect-encoding";
import { readXlsxRows } from "@/lib/reconciliation/parse/read-xlsx";

export interface RowStream {
  /** The encoding read in: a file that starts all ASCII has it settled only once read past that. */
  readonly encoding: FileKind;
  delimiter: "," | "\t" | null;
  /** Consecutive rows from spreadsheet row 1 on; each batch is a fresh array. */
  batches: AsyncGenerator<string[][], void, undefined>;
}

export async function openRows(source: AsyncIterable<Uint8Array>): Promise<RowStream> {
  const sniffed = await sniffStream(source);
  if (sniffed.kind === "xlsx") {
    return { encoding: "xlsx", delimiter: null, batches: readXlsxRows(sniffed.head, sniffed.rest) };
  }
  // The BOM is skipped by hand (ignoreBOM) so GB18030's four-byte mark goes the same way as UTF-8's.
  const decoder = textDecoderFor(sniffed);
  const headText = decoder.decode(sniffed.head.subarray(sniffed.bomLength), { stream: true });
  const newline = detectNewline(headText);
  const delimiter = detectDelimiter(headText, newline);
  return {
    get encoding() {
      return decoder.kind;
    },
    delimiter,
    batches: csvBatches(headText, sniffed.rest, decoder, new CsvSplitter(delimiter, newline)),
  };
}

async function* csvBatches(
  headText: string,
  rest: AsyncIterator<Uint8Array>,
  decoder: StreamDecoder,
  splitter: CsvSplitter,
): AsyncGenerator<string[][], void, undefined> {
  try {
    yield* split(splitter, headText, false);
    for (;;) {
      const next = await rest.next();
      if (next.done) break;
      // stream: true keeps a character cut between two chunks until its last byte arrives
      yield* split(splitter, decoder.decode(next.value, { stream: true }), false);
    }
    yield* split(splitter, decoder.decode(), true);
  } finally {
    // stopping early (after a total line) releases the source
    await rest.return?.();
  }
}

/** The rows a text completes; rows completed before a RowTooLongError are still given first. */
function* split(splitter: CsvSplitter, text: string, last: boolean): Generator<string[][], void, undefined> {
  const rows: string[][] = [];
  let failure: unknown = null;
  try {
    splitter.push(text, rows);
    if (last) splitter.end(rows);
  } catch (error) {
    failure = error;
  }
  if (rows.length > 0) yield rows;
  if (failure) throw failure;
}
