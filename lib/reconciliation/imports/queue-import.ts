// Finance (or an admin) uploads a file: it is received into the spool, checked in the request
// when it is small, and queued as a job — the import row, its job and the audit event in one
// transaction, so a job never exists without its import or the other way round. The same file
// (same bytes, same type) again creates nothing and answers with the earlier import; a failed
// earlier import of it is queued again (the terminal it lacked may have been added since).
import "server-only";
import { appendEvent } from "@/lib/audit/append-event";
import type { Actor } from "@/lib/auth/actor";
import { prisma } from "@/lib/db/client";
import { newId } from "@/lib/db/new-id";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors/app-error";
import { Prisma } from "@/lib/generated/prisma/client";
import { enqueueJob } from "@/lib/jobs/enqueue-job";
import { assertCanImport } from "@/lib/reconciliation/formats/access";
import { checkFile } from "@/lib/reconciliation/imports/check-file";
import { loadFormat } from "@/lib/reconciliation/imports/load-format";
import { readUpload } from "@/lib/reconciliation/imports/read-upload";
import { type ImportDto, serializeImport } from "@/lib/reconciliation/imports/serialize-import";
import { commitSpool, discardTmp, removeSpool } from "@/lib/reconciliation/spool";
import { IMPORT_TYPES, type ImportType, type RowError } from "@/lib/reconciliation/types";

export const IMPORT_JOB_KIND = "reconciliation.import";

export type QueueImportResult =
  | { outcome: "queued"; import: ImportDto }
  | { outcome: "duplicate"; import: ImportDto }
  | { outcome: "refused"; errors: RowError[]; errorCount: number };

function importTypeOf(value: string | undefined): ImportType {
  if (value && (IMPORT_TYPES as readonly string[]).includes(value)) return value as ImportType;
  const message = value
    ? ({ reason: "NOT_ONE_OF", params: { field: "type", options: IMPORT_TYPES.join(", ") } } as const)
    : ({ reason: "REQUIRED" } as const);
  throw new AppError("BAD_REQUEST", message, { type: message });
}

export async function queueImport({ actor, request }: { actor: Actor; request: Request }): Promise<QueueImportResult> {
  assertCanImport(actor);
  const upload = await readUpload(request, { limitBytes: env.IMPORT_MAX_BYTES });
  const { file } = upload;
  try {
    const type = importTypeOf(upload.fields.type);
    if (!file || file.byteSize === 0) {
      // A browser sends an empty file input (a form posted without JavaScript) as a part with no
      // name and no bytes: no file chosen, not an empty file.
      const chosen = file !== null && file.fileName !== "";
      const message = { reason: chosen ? "FILE_EMPTY" : "REQUIRED" } as const;
      throw new AppError("BAD_REQUEST", message, { file: message });
    }
    const formatId = upload.fields.format?.trim() || null;
    const format = formatId ? await loadFormat(actor.merchantId, formatId, type) : null;

    const earlier = await prisma.reconImport.findUnique({
      where: { merchantId_type_contentHash: { merchantId: actor.merchantId, type, contentHash: file.contentHash } },
    });
    if (earlier && earlier.status !== "failed") {
      await discardTmp(file.tmpPath);
      return { outcome: "duplicate", import: serializeImport(earlier) };
    }

    if (file.byteSize <= env.IMPORT_INLINE_CHECK_BYTES) {
      const check = await checkFile({
        path: file.tmpPath,
        merchantId: actor.merchantId,
        type,
        format,
        fromWorkbook: file.fromWorkbook,
      });
      if (check.errorCount > 0) {
        await discardTmp(file.tmpPath);
        return { outcome: "refused", errors: check.errors, errorCount: check.errorCount };
      }
    }

    const importId = earlier?.id ?? newId();
    await commitSpool(file.tmpPath, importId);
    const row = await writeImport(importId).catch(async (error: unknown) => {
      // No import row, so no spooled file: nothing would ever read or remove it. (A retry of a
      // failed import shares its id with any other retry of it running now: its file is left.)
      if (!earlier) await removeSpool(importId);
      // The same file uploaded twice at once: the second answers with the first.
      if (!(error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002")) throw error;
      return null;
    });
    if (!row) {
      const winner = await prisma.reconImport.findUniqueOrThrow({
        where: { merchantId_type_contentHash: { merchantId: actor.merchantId, type, contentHash: file.contentHash } },
      });
      return { outcome: "duplicate", import: serializeImport(winner) };
    }
    return { outcome: "queued", import: serializeImport(row) };

    async function writeImport(importId: string) {
      if (!file) throw new Error("unreachable");
      return prisma.$transaction(async (tx) => {
        const jobId = await enqueueJob(tx, { kind: IMPORT_JOB_KIND, payload: { importId } });
        const data = {
          formatId,
          fileName: file.fileName,
          byteSize: file.byteSize,
          status: "queued",
          rowsRead: 0,
          rowsTotal: file.lineCount,
          errors: null,
          // fromWorkbook tells the job how to read the spooled CSV (parse-file.ts), as the check above did
          report: JSON.stringify({
            pansMaskedOnUpload: file.pansMasked,
            ...(file.fromWorkbook ? { fromWorkbook: true } : {}),
          }),
          jobId,
          createdById: actor.userId,
          startedAt: null,
          finishedAt: null,
        };
        const saved = earlier
          ? await tx.reconImport.update({ where: { id: earlier.id }, data })
          : await tx.reconImport.create({
              data: { id: importId, merchantId: actor.merchantId, type, contentHash: file.contentHash, ...data },
            });
        await appendEvent(tx, {
          merchantId: actor.merchantId,
          actorId: actor.userId,
          type: "reconciliation.import_queued",
          after: {
            importId,
            type,
            fileName: saved.fileName,
            byteSize: file.byteSize,
            contentHash: file.contentHash,
            formatId,
            retry: Boolean(earlier),
          },
        });
        return saved;
      });
    }
  } catch (error) {
    if (file) await discardTmp(file.tmpPath);
    throw error;
  }
}
