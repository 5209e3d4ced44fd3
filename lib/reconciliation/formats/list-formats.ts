// The merchant's saved import formats, by name (the upload form's format select and the list).
import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { prisma } from "@/lib/db/client";
import { assertCanImport } from "@/lib/reconciliation/formats/access";
import type { ReconFormatDto } from "@/lib/reconciliation/formats/schema";
import { FORMAT_SELECT, serializeFormat } from "@/lib/reconciliation/formats/serialize";

export async function listFormats({ actor }: { actor: Actor }): Promise<ReconFormatDto[]> {
  assertCanImport(actor);
  const rows = await prisma.reconFormat.findMany({
    where: { merchantId: actor.merchantId },
    select: FORMAT_SELECT,
    orderBy: [{ name: "asc" }, { id: "asc" }],
  });
  return rows.map(serializeFormat);
}
