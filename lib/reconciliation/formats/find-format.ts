// One saved format of the caller's merchant as the parser takes it (the upload uses this to read a
// file with the chosen format), or null when there is none with that id in this merchant.
import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { prisma } from "@/lib/db/client";
import { FORMAT_SELECT, serializeFormat } from "@/lib/reconciliation/formats/serialize";
import type { CustomFormat } from "@/lib/reconciliation/types";

export async function findFormat({
  actor,
  formatId,
}: {
  actor: Pick<Actor, "merchantId">;
  formatId: string;
}): Promise<(CustomFormat & { id: string; name: string }) | null> {
  const row = await prisma.reconFormat.findFirst({
    where: { id: formatId, merchantId: actor.merchantId },
    select: FORMAT_SELECT,
  });
  if (!row) return null;
  const { id, name, type, mapping, datePattern, amountUnit, skipRows } = serializeFormat(row);
  return { id, name, type, mapping, datePattern, amountUnit, skipRows };
}
