// The alerts a person sees (GET /api/alerts, the /alerts page): of one status, or all with the open
// ones first, then acknowledged, then resolved; newest first within each, at most a page of each
// status (one index walk per status: (merchantId | storeId, status, createdAt, id)); one status's
// older alerts page by page after a cursor (the last alert's id).
import "server-only";
import { serializeAlerts } from "@/lib/alerts/serialize";
import { ALERT_STATUSES, type AlertStatus } from "@/lib/alerts/types";
import { requireAlertsView, visibleAlertsWhere } from "@/lib/alerts/visible-alerts";
import type { Actor } from "@/lib/auth/actor";
import { prisma } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import { ALERTS_PAGE_SIZE, type AlertListDto } from "@/lib/schemas/alerts";

export async function listAlerts({
  actor,
  status,
  cursor,
  limit = ALERTS_PAGE_SIZE,
}: {
  actor: Actor;
  status?: AlertStatus;
  /** With a status: the last alert of the page before (its older ones follow). */
  cursor?: string;
  /** At most this many of each status. */
  limit?: number;
}): Promise<AlertListDto> {
  requireAlertsView(actor);
  if (status) {
    const conditions: Prisma.AlertWhereInput[] = [visibleAlertsWhere(actor), { status }];
    if (cursor) {
      const after = await prisma.alert.findFirst({
        where: { AND: [visibleAlertsWhere(actor), { id: cursor, status }] },
        select: { id: true, createdAt: true },
      });
      if (!after) return { items: [], nextCursor: null };
      conditions.push({
        OR: [{ createdAt: { lt: after.createdAt } }, { createdAt: after.createdAt, id: { lt: after.id } }],
      });
    }
    const rows = await prisma.alert.findMany({
      where: { AND: conditions },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: limit + 1,
    });
    const page = rows.slice(0, limit);
    return {
      items: await serializeAlerts(prisma, page),
      nextCursor: rows.length > limit ? page[page.length - 1].id : null,
    };
  }
  const pages = await Promise.all(
    ALERT_STATUSES.map((each) =>
      prisma.alert.findMany({
        where: { AND: [visibleAlertsWhere(actor), { status: each }] },
        orderBy: [{ createdAt: "desc" }, { id: "desc" }],
        take: limit,
      }),
    ),
  );
  return { items: await serializeAlerts(prisma, pages.flat()), nextCursor: null };
}
