// The one way a CSV file is streamed to its reader (the audit export, the reconciliation's
// exceptions): a pull-driven ReadableStream that sends the BOM and header at once, then asks for
// the next chunk only when the reader has taken the last one (backpressure: a slow reader slows
// the reads instead of filling the server's memory). A failure mid-file can no longer become a
// JSON error — the status line is sent — so it is logged and the stream errors, which cuts the
// download short where the reader sees it (the file has no end) rather than handing over a file
// that looks whole.
import "server-only";
import { CSV_BOM } from "@/lib/incidents/export-csv";
import { log } from "@/lib/log";

export function csvStream({
  header,
  nextChunk,
  onCancel,
  failure,
}: {
  /** The first line(s), CRLF-terminated, without the BOM. */
  header: string;
  /** The next piece of the file, CRLF-terminated lines; null when the file is through. */
  nextChunk: () => Promise<string | null>;
  /** The reader went away: release what the reads hold (a cursor, a generator). */
  onCancel?: () => void | Promise<void>;
  /** What to log if a read fails mid-file. */
  failure: { message: string; context: Record<string, unknown> };
}): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        controller.enqueue(encoder.encode(`${CSV_BOM}${header}`));
      },
      async pull(controller) {
        try {
          const chunk = await nextChunk();
          if (chunk === null) controller.close();
          else controller.enqueue(encoder.encode(chunk));
        } catch (error) {
          log.error(failure.message, { ...failure.context, error });
          controller.error(error);
        }
      },
      async cancel() {
        await onCancel?.();
      },
    },
    // One chunk ahead at most: the next page is read only when the reader has taken this one.
    { highWaterMark: 1 },
  );
}
