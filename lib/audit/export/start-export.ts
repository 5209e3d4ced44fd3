// What every audit export does before its first byte (issue 10): checks the caller may export and
// may see the store asked for, records who exported what (audit.exported, on the merchant's chain)
// and signs a checkpoint of the chain head that now includes that event — the checkpoint the file
// carries. A refusal is therefore still a JSON error, and an export is never unrecorded.
import "server-only";
import { appendEvent } from "@/lib/audit/append-event";
import { type StoredCheckpoint, writeCheckpoint } from "@/lib/audit/write-checkpoint";
import type { Actor } from "@/lib/auth/actor";
import { prisma } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import type { Locale } from "@/lib/i18n/locales";
import { canSeeStore } from "@/lib/incidents/scope";
import { can } from "@/lib/rbac/permissions";
import type { AuditRange } from "@/lib/schemas/audit";

export interface ExportContext {
  merchant: { id: string; name: string; timeZone: string };
  /** Names of the merchant's stores by id (a row names its store). */
  storeNames: Map<string, string>;
  checkpoint: StoredCheckpoint;
  exportedAt: Date;
}

/** Refuses a caller without audit.export (403) or a store they cannot see (404, as if none). */
export function assertMayExport(actor: Actor, storeId: string | undefined): void {
  if (!can(actor.role, "audit.export")) throw new AppError("FORBIDDEN", { reason: "AUDIT_EXPORT_NOT_ALLOWED" });
  if (storeId !== undefined && !canSeeStore(actor, storeId)) {
    const notFound = { reason: "STORE_NOT_FOUND" } as const;
    throw new AppError("NOT_FOUND", notFound, { storeId: notFound });
  }
}

export async function startAuditExport({
  actor,
  query,
  format,
  lang,
  beforeRecording,
}: {
  actor: Actor;
  query: AuditRange;
  format: "csv" | "pdf";
  lang?: Locale;
  /** A check that must pass before the export is recorded (the PDF's size bound). */
  beforeRecording?: () => Promise<void>;
}): Promise<ExportContext> {
  assertMayExport(actor, query.storeId);
  const [merchant, stores] = await Promise.all([
    prisma.merchant.findUniqueOrThrow({
      where: { id: actor.merchantId },
      select: { id: true, name: true, timeZone: true },
    }),
    prisma.store.findMany({ where: { merchantId: actor.merchantId }, select: { id: true, name: true } }),
  ]);
  if (query.storeId !== undefined && !stores.some((store) => store.id === query.storeId)) {
    const notFound = { reason: "STORE_NOT_FOUND" } as const;
    throw new AppError("NOT_FOUND", notFound, { storeId: notFound });
  }
  await beforeRecording?.();
  const exportedAt = new Date();
  await prisma.$transaction((tx) =>
    appendEvent(tx, {
      merchantId: actor.merchantId,
      actorId: actor.userId,
      type: "audit.exported",
      after: {
        format,
        from: query.from ?? null,
        to: query.to ?? null,
        storeId: query.storeId ?? null,
        ...(lang ? { lang } : {}),
      },
    }),
  );
  const checkpoint = await writeCheckpoint({ merchantId: actor.merchantId, source: "export", now: exportedAt });
  return {
    merchant,
    storeNames: new Map(stores.map((store) => [store.id, store.name])),
    checkpoint,
    exportedAt,
  };
}
