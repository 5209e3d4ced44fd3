// The incidents a page of exceptions is linked to, read in one query for the whole page (the list
// and the CSV show each one's reference and status), the caller's merchant only.
import "server-only";
import { prisma } from "@/lib/db/client";
import type { IncidentStatus } from "@/lib/incidents/rules";

export type LinkedIncident = { number: number; status: IncidentStatus };

export async function linkedIncidents(
  merchantId: string,
  exceptions: { incidentId: string | null }[],
): Promise<Map<string, LinkedIncident>> {
  const incidents = await prisma.incident.findMany({
    where: { merchantId, id: { in: exceptions.flatMap((exception) => exception.incidentId ?? []) } },
    select: { id: true, number: true, status: true },
  });
  return new Map(incidents.map(({ id, ...incident }) => [id, incident]));
}
