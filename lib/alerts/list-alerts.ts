// The alerts a person sees (GET /api/alerts, the /alerts page): of one status, or all with the open
// ones first, then acknowledged, then resolved; newest first within each, at most LIST_SIZE of each
// status (one index walk per status: (merchantId | storeId, status, createdAt, id)).
import "server-only";
import { serializeAlerts } from "@/lib/alerts/serialize";
import { ALERT_STATUSES, type AlertStatus } from "@/lib/alerts/types";
import { requireAlertsView, visibleAlertsWhere } from "@/lib/alerts/visible-alerts";
import type { Actor } from "@/lib/auth/actor";
import { prisma } from "@/lib/db/client";
import type { AlertListDto } from "@/lib/schemas/alerts";

export const LIST_SIZE = 100;

export async function listAlerts({ actor, status }: { actor: Actor; status?: AlertStatus }): Promise<AlertListDto> {
  requireAlertsView(actor);
  const statuses = status ? [status] : ALERT_STATUSES;
  const pages = await Promise.all(
    statuses.map((each) =>
      prisma.alert.findMany({
        where: { AND: [visibleAlertsWhere(actor), { status: each }] },
        orderBy: [{ createdAt: "desc" }, { id: "desc" }],
        take: LIST_SIZE,
      }),
    ),
  );
  return { items: await serializeAlerts(prisma, pages.flat()) };
}
