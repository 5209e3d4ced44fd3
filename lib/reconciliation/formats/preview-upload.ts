// The first rows of an uploaded file, for making a format from them: finance picks the header row
// and maps columns to fields. The browser sends only the head of a CSV (an XLSX whole, as a zip
// cannot be cut), so the body is capped; nothing is stored and every cell is masked.
import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { AppError } from "@/lib/errors/app-error";
import { assertCanImport } from "@/lib/reconciliation/formats/access";
import { readMultipartFile } from "@/lib/reconciliation/formats/read-multipart-file";
import { type FilePreviewDto, PREVIEW_ROWS } from "@/lib/reconciliation/formats/schema";
import { previewFile } from "@/lib/reconciliation/parse/preview-file";

/** An XLSX of a few thousand rows fits; a preview never needs more. */
export const PREVIEW_BODY_LIMIT_BYTES = 20 * 1024 * 1024;

async function* chunksOf(stream: ReadableStream<Uint8Array>): AsyncGenerator<Uint8Array> {
  const reader = stream.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      yield value;
    }
  } finally {
    reader.releaseLock();
  }
}

export async function previewUpload({ actor, request }: { actor: Actor; request: Request }): Promise<FilePreviewDto> {
  assertCanImport(actor);
  const file = await readMultipartFile(request, { field: "file", limitBytes: PREVIEW_BODY_LIMIT_BYTES });
  let preview: Awaited<ReturnType<typeof previewFile>>;
  try {
    preview = await previewFile(chunksOf(file.stream()), { rows: PREVIEW_ROWS });
  } catch {
    const unreadable = { reason: "FILE_NOT_READABLE" } as const;
    throw new AppError("RULE_VIOLATION", unreadable, { file: unreadable });
  }
  return {
    encoding: preview.encoding,
    delimiter: preview.delimiter ?? "",
    // previewFile masked every cell
    rows: preview.rows.slice(0, PREVIEW_ROWS),
    suggestedHeaderLine: preview.suggestedHeaderLine ?? null,
  };
}
