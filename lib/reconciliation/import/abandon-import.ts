// When the import job has failed on every attempt for a reason that is not the file's (the
// database away, a saved format deleted after the upload, a bug): the import must not stay in
// "parsing" or "matching" for ever. Its staged lines are deleted — nothing of it was visible — and
// it ends "failed" with one error saying so, audited, its upload removed; the same file uploaded
// again is queued afresh. An import whose publish already committed is left to finish: its lines
// are visible and consistent, only its closing events are missing.
import "server-only";
import { prisma } from "@/lib/db/client";
import { failImport } from "@/lib/reconciliation/import/fail-import";
import { openLineStore } from "@/lib/reconciliation/import/line-store";
import type { RowError } from "@/lib/reconciliation/types";

export async function abandonImport(importId: string, cause: string): Promise<void> {
  const reconImport = await prisma.reconImport.findUnique({ where: { id: importId } });
  if (!reconImport || !["queued", "parsing", "matching"].includes(reconImport.status)) return;
  const report = reconImport.report ? (JSON.parse(reconImport.report) as { publishedAt?: unknown }) : {};
  if (typeof report.publishedAt === "string") return;
  const error: RowError = {
    line: 0,
    column: null,
    reason: "import_crashed",
    message: "The import stopped on an unexpected error; nothing of it was stored. Upload the file again.",
  };
  const store = await openLineStore();
  try {
    await failImport(store, reconImport, { rowsRead: 0, errors: [error], errorCount: 1, cause });
  } finally {
    await store.close();
  }
}
