// Every row of issue 2's permission table, allowed and denied, through the real route handlers.
// Incidents are built into the needed state first, so the role is the only reason for a refusal.
import { describe, expect, test } from "vitest";
import { prisma } from "@/lib/db/client";
import type { StepKey } from "@/lib/incidents/rules";
import type { DemoUser } from "@/tests/helpers/api";
import {
  type ApiError,
  CLOSE_OUTCOME,
  closeAs,
  closedIncident,
  completeAllSteps,
  completeBody,
  completeSteps,
  createAs,
  getAs,
  incidentState,
  logIncident,
  reopenAs,
  stepAs,
} from "@/tests/helpers/incidents";

// Store-scoped users here work in Store 1, so every incident below (Store 1) is visible to all four.
type TableRole = Extract<DemoUser, "cashier" | "supervisor" | "finance" | "admin">;
const ROLES: readonly TableRole[] = ["cashier", "supervisor", "finance", "admin"];

const STEP_ROWS: { key: StepKey; allowed: readonly TableRole[] }[] = [
  { key: "halt", allowed: ["cashier", "supervisor", "admin"] },
  { key: "reverify", allowed: ["cashier", "supervisor", "admin"] },
  { key: "notify", allowed: ["supervisor", "admin"] },
  { key: "resign", allowed: ["supervisor", "admin"] },
  { key: "reconcile", allowed: ["finance", "admin"] },
];
const STEP_ORDER: readonly StepKey[] = ["halt", "reverify", "notify", "resign", "reconcile"];

const cases = (allowed: readonly TableRole[]) => ROLES.map((role) => ({ role, allowed: allowed.includes(role) }));

/** An unsigned slip (all five steps apply) with every step before `key` completed by admin. */
async function incidentAwaiting(key: StepKey) {
  const incident = await logIncident({ kind: "unsigned_slip" });
  return completeSteps(incident, STEP_ORDER.slice(0, STEP_ORDER.indexOf(key)));
}

async function expectDeniedWithoutChange(id: string, attempt: () => Promise<{ status: number; body: unknown }>) {
  const before = await incidentState(id);
  const response = await attempt();
  expect(response.status).toBe(403);
  expect((response.body as ApiError).error.code).toBe("FORBIDDEN");
  expect(await incidentState(id)).toEqual(before);
}

describe("completing each step", () => {
  for (const row of STEP_ROWS) {
    for (const { role, allowed } of cases(row.allowed)) {
      if (allowed) {
        test(`${role} can complete ${row.key}`, async () => {
          const incident = await incidentAwaiting(row.key);
          const response = await stepAs(role, incident.id, row.key, completeBody(row.key, incident.version));
          expect(response.status).toBe(200);
          const step = response.body.steps.find((s) => s.key === row.key);
          expect(step?.status).toBe("done");
          expect(step?.by?.name).toBeTruthy();
          expect(response.body.version).toBe(incident.version + 1);
          expect(response.body.status).toBe("IN_PROGRESS");
        });
      } else {
        test(`${role} cannot complete ${row.key}: 403 and nothing changes`, async () => {
          const incident = await incidentAwaiting(row.key);
          await expectDeniedWithoutChange(incident.id, () =>
            stepAs(role, incident.id, row.key, completeBody(row.key, incident.version)),
          );
        });
      }
    }
  }
});

describe("skipping a step (note required)", () => {
  for (const { role, allowed } of cases(["supervisor", "admin"])) {
    if (allowed) {
      test(`${role} can skip a step with a note`, async () => {
        const incident = await logIncident();
        const response = await stepAs(role, incident.id, "halt", {
          action: "skip",
          note: "Sale never went through",
          version: incident.version,
        });
        expect(response.status).toBe(200);
        expect(response.body.steps[0]).toMatchObject({
          key: "halt",
          status: "skipped",
          note: "Sale never went through",
        });
      });
    } else {
      test(`${role} cannot skip a step: 403 and nothing changes`, async () => {
        const incident = await logIncident();
        await expectDeniedWithoutChange(incident.id, () =>
          stepAs(role, incident.id, "halt", { action: "skip", note: "Not needed", version: incident.version }),
        );
      });
    }
  }
});

describe("closing", () => {
  for (const { role, allowed } of cases(["supervisor", "admin"])) {
    if (allowed) {
      test(`${role} can close an incident whose steps are done`, async () => {
        const incident = await completeAllSteps(await logIncident({ kind: "pin_error" }));
        const response = await closeAs(role, incident.id, {
          ...CLOSE_OUTCOME,
          resolution: "no_loss",
          version: incident.version,
        });
        expect(response.status).toBe(200);
        expect(response.body).toMatchObject({ status: "CLOSED", resolution: "no_loss" });
        expect(response.body.closedAt).not.toBeNull();
      });
    } else {
      test(`${role} cannot close an incident: 403 and nothing changes`, async () => {
        const incident = await completeAllSteps(await logIncident({ kind: "pin_error" }));
        await expectDeniedWithoutChange(incident.id, () =>
          closeAs(role, incident.id, { ...CLOSE_OUTCOME, resolution: "no_loss", version: incident.version }),
        );
        // The role before the body: garbage from a role that may not close is still 403.
        await expectDeniedWithoutChange(incident.id, () => closeAs(role, incident.id, { resolution: 7 }));
      });
    }
  }
});

describe("reopening", () => {
  for (const { role, allowed } of cases(["supervisor", "admin"])) {
    if (allowed) {
      test(`${role} can reopen a closed incident`, async () => {
        const incident = await closedIncident({ kind: "pin_error" });
        const response = await reopenAs(role, incident.id, {
          note: "Customer disputes it",
          version: incident.version,
        });
        expect(response.status).toBe(200);
        expect(response.body).toMatchObject({ status: "IN_PROGRESS", resolution: null, closedAt: null });
      });
    } else {
      test(`${role} cannot reopen an incident: 403 and nothing changes`, async () => {
        const incident = await closedIncident({ kind: "pin_error" });
        await expectDeniedWithoutChange(incident.id, () =>
          reopenAs(role, incident.id, { note: "Customer disputes it", version: incident.version }),
        );
        // The role before the body: garbage from a role that may not reopen is still 403.
        await expectDeniedWithoutChange(incident.id, () => reopenAs(role, incident.id, { version: "x" }));
      });
    }
  }
});

describe("seeing incidents", () => {
  test("every role sees an incident of Store 1", async () => {
    const incident = await logIncident();
    for (const role of ROLES) {
      const response = await getAs(role, incident.id);
      expect(response.status, role).toBe(200);
      expect(response.body.id).toBe(incident.id);
    }
  });

  test("only finance and admin see an incident of Store 2", async () => {
    const incident = await logIncident({ terminalId: "T2000001" });
    const statuses = Object.fromEntries(
      await Promise.all(ROLES.map(async (role) => [role, (await getAs(role, incident.id)).status] as const)),
    );
    expect(statuses).toEqual({ cashier: 404, supervisor: 404, finance: 200, admin: 200 });
  });
});

describe("logging an incident", () => {
  const LOGGING: { role: TableRole; store2: number }[] = [
    { role: "cashier", store2: 403 },
    { role: "supervisor", store2: 403 },
    { role: "finance", store2: 201 },
    { role: "admin", store2: 201 },
  ];

  for (const { role, store2 } of LOGGING) {
    test(`${role} can log an incident on an own store's terminal`, async () => {
      const response = await createAs(role, { kind: "wrong_card", terminalId: "T1000002" });
      expect(response.status).toBe(201);
      expect(response.body.terminalId).toBe("T1000002");
    });

    test(`${role} ${store2 === 201 ? "can" : "cannot"} log an incident on another store's terminal`, async () => {
      const before = await prisma.incident.count();
      const response = await createAs(role, { kind: "wrong_card", terminalId: "T2000001" });
      expect(response.status).toBe(store2);
      expect(await prisma.incident.count()).toBe(store2 === 201 ? before + 1 : before);
    });
  }
});
