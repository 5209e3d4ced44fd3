import { describe, expect, test } from "vitest";
import { GET as getIncident } from "@/app/api/incidents/[id]/route";
import { POST as createIncident } from "@/app/api/incidents/route";
import { jsonRequest, params, sessionCookie } from "@/tests/helpers/api";

describe("incident API smoke", () => {
  test("cashier logs an incident on their store's terminal and reads it back", async () => {
    const cookie = await sessionCookie("cashier");
    const created = await createIncident(
      jsonRequest("/api/incidents", {
        method: "POST",
        cookie,
        body: { kind: "unsigned_slip", terminalId: "T1000001", amount: "128.50", cardLast4: "1234" },
      }),
      {},
    );
    expect(created.status).toBe(201);
    const incident = await created.json();
    expect(incident.reference).toBe("INC-000001");
    expect(incident.amount).toBe("128.50");
    const read = await getIncident(
      jsonRequest(`/api/incidents/${incident.id}`, { cookie }),
      params({ id: incident.id }),
    );
    expect(read.status).toBe(200);
    const detail = await read.json();
    expect(detail.steps.map((s: { status: string }) => s.status)).toEqual([
      "pending",
      "pending",
      "pending",
      "pending",
      "pending",
    ]);
    expect(detail.timeline[0].type).toBe("incident.created");
  });
});
