// The incidents an audit export covers, with their whole timelines, read in keyset pages: the
// incidents the caller may see (their stores), of one store if asked, that occurred in [from, to]
// (UTC days, as the incident list's date filter), in (occurredAt, createdAt, id) order — the
// (merchantId, occurredAt, createdAt, id) index's — and each page's events in one query by
// (incidentId, seq). Memory stays one page deep however many incidents there are.
import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { prisma } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import { visibleIncidentsWhere } from "@/lib/incidents/scope";
import { stepStates } from "@/lib/incidents/serialize";
import type { AuditRange } from "@/lib/schemas/audit";

export interface ExportIncident {
  id: string;
  number: number;
  storeId: string;
  terminal: string;
  kind: string;
  status: string;
  occurredAt: Date;
  createdAt: Date;
  amountMinor: number | null;
  currency: string;
  cardBin: string | null;
  cardLast4: string | null;
  rrn: string | null;
  description: string | null;
  resolution: string | null;
  closedAt: Date | null;
  reportedBy: string | null;
  /** The checklist in order: lower-case step key and status (read only when asked: the PDF). */
  steps: { key: string; status: string }[];
  events: ExportEvent[];
}

export interface ExportEvent {
  seq: number;
  type: string;
  before: string | null;
  after: string | null;
  createdAt: Date;
  actor: string | null;
  hash: string;
}

/** Incidents per page: one page's events (about six each) stay a few thousand rows. */
export const EXPORT_INCIDENT_PAGE = 200;

export function exportWhere(actor: Actor, query: AuditRange): Prisma.IncidentWhereInput {
  const occurredAt: Prisma.DateTimeFilter = {};
  if (query.from) occurredAt.gte = new Date(`${query.from}T00:00:00.000Z`);
  if (query.to) occurredAt.lt = new Date(new Date(`${query.to}T00:00:00.000Z`).getTime() + 86_400_000);
  return {
    AND: [
      visibleIncidentsWhere(actor),
      // Issue 10: drills (practice) are not part of the record an auditor is given.
      { merchantId: actor.merchantId, drill: false },
      query.storeId ? { storeId: query.storeId } : {},
      query.from || query.to ? { occurredAt } : {},
    ],
  };
}

/** How many incidents the export covers (the PDF's bound). */
export function countExportIncidents(actor: Actor, query: AuditRange): Promise<number> {
  return prisma.incident.count({ where: exportWhere(actor, query) });
}

/** The export's incidents, page by page, each with its timeline oldest first. */
export async function* exportIncidentPages(
  actor: Actor,
  query: AuditRange,
  { pageSize = EXPORT_INCIDENT_PAGE, withSteps = false }: { pageSize?: number; withSteps?: boolean } = {},
): AsyncGenerator<ExportIncident[]> {
  const where = exportWhere(actor, query);
  let after: { occurredAt: Date; createdAt: Date; id: string } | null = null;
  for (;;) {
    const keyset: Prisma.IncidentWhereInput = after
      ? {
          OR: [
            { occurredAt: { gt: after.occurredAt } },
            { occurredAt: after.occurredAt, createdAt: { gt: after.createdAt } },
            { occurredAt: after.occurredAt, createdAt: after.createdAt, id: { gt: after.id } },
          ],
        }
      : {};
    const rows = await prisma.incident.findMany({
      where: { AND: [where, keyset] },
      orderBy: [{ occurredAt: "asc" }, { createdAt: "asc" }, { id: "asc" }],
      take: pageSize,
      select: {
        id: true,
        number: true,
        storeId: true,
        kind: true,
        status: true,
        occurredAt: true,
        createdAt: true,
        amountMinor: true,
        currency: true,
        cardBin: true,
        cardLast4: true,
        rrn: true,
        description: true,
        resolution: true,
        closedAt: true,
        terminal: { select: { tid: true } },
        reportedBy: { select: { name: true } },
        steps: withSteps ? { orderBy: { position: "asc" }, select: { key: true, status: true } } : false,
      },
    });
    if (rows.length === 0) return;
    const events = await prisma.auditEvent.findMany({
      where: { merchantId: actor.merchantId, incidentId: { in: rows.map((row) => row.id) } },
      orderBy: [{ incidentId: "asc" }, { seq: "asc" }],
      select: {
        incidentId: true,
        seq: true,
        type: true,
        before: true,
        after: true,
        createdAt: true,
        hash: true,
        actor: { select: { name: true } },
      },
    });
    const byIncident = new Map<string, ExportEvent[]>();
    for (const event of events) {
      const list = byIncident.get(event.incidentId as string) ?? [];
      list.push({
        seq: event.seq,
        type: event.type,
        before: event.before,
        after: event.after,
        createdAt: event.createdAt,
        actor: event.actor?.name ?? null,
        hash: event.hash,
      });
      byIncident.set(event.incidentId as string, list);
    }
    yield rows.map((row) => ({
      id: row.id,
      number: row.number,
      storeId: row.storeId,
      terminal: row.terminal.tid,
      kind: row.kind,
      status: row.status,
      occurredAt: row.occurredAt,
      createdAt: row.createdAt,
      amountMinor: row.amountMinor,
      currency: row.currency,
      cardBin: row.cardBin,
      cardLast4: row.cardLast4,
      rrn: row.rrn,
      description: row.description,
      resolution: row.resolution,
      closedAt: row.closedAt,
      reportedBy: row.reportedBy?.name ?? null,
      steps: row.steps ? stepStates(row.steps) : [],
      events: byIncident.get(row.id) ?? [],
    }));
    const last = rows[rows.length - 1];
    after = { occurredAt: last.occurredAt, createdAt: last.createdAt, id: last.id };
    if (rows.length < pageSize) return;
  }
}
