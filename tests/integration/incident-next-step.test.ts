// Incident.nextStep — the checklist's first pending step, denormalised for the finance queue's
// index — must equal what the steps say (rules.nextPendingStep) after any sequence of the real use
// cases: step actions in and out of order, skips, closes and reopens, by any role. A writer of the
// steps that forgets the column fails here. Also: the migration's backfill computes the same.
import fs from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { type Actor, getActor } from "@/lib/auth/actor";
import { databaseProvider, prisma } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { actOnStep } from "@/lib/incidents/act-on-step";
import { closeIncident } from "@/lib/incidents/close-incident";
import { stepKeyToDb } from "@/lib/incidents/codec";
import { createIncident } from "@/lib/incidents/create-incident";
import { reopenIncident } from "@/lib/incidents/reopen-incident";
import { INCIDENT_KINDS, nextPendingStep, RESOLUTIONS, STEP_KEYS } from "@/lib/incidents/rules";
import { stepStates } from "@/lib/incidents/serialize";
import { createIncidentSchema } from "@/lib/schemas/incident";
import { type DemoUser, sessionCookie } from "@/tests/helpers/api";

const actors = new Map<DemoUser, Actor>();
async function actorFor(user: DemoUser): Promise<Actor> {
  const known = actors.get(user);
  if (known) return known;
  const actor = await getActor(new Headers({ cookie: await sessionCookie(user) }));
  if (!actor) throw new Error(`no actor for ${user}`);
  actors.set(user, actor);
  return actor;
}

/** The stored column and what the stored steps say it should be. */
async function positions(id: string) {
  const row = await prisma.incident.findUniqueOrThrow({
    where: { id },
    select: { nextStep: true, version: true, steps: { select: { key: true, status: true } } },
  });
  const expected = nextPendingStep(stepStates(row.steps));
  return { stored: row.nextStep, expected: expected ? stepKeyToDb(expected) : null, version: row.version };
}

/** Runs a use case; a refusal (403/409/422) is part of the sequence, anything else fails. */
async function attempt(run: () => Promise<unknown>): Promise<void> {
  try {
    await run();
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
  }
}

const operation = fc.oneof(
  fc.record({
    type: fc.constant("step" as const),
    // Mostly the step whose turn it is, sometimes any step (refused out of order).
    key: fc.oneof({ arbitrary: fc.constant("next" as const), weight: 4 }, fc.constantFrom(...STEP_KEYS)),
    action: fc.constantFrom("complete" as const, "skip" as const),
    by: fc.oneof(
      { arbitrary: fc.constant<DemoUser>("admin"), weight: 3 },
      fc.constantFrom<DemoUser>("supervisor", "finance", "cashier"),
    ),
  }),
  fc.record({ type: fc.constant("close" as const), resolution: fc.constantFrom(...RESOLUTIONS) }),
  fc.record({ type: fc.constant("reopen" as const) }),
);

describe("Incident.nextStep", () => {
  test("equals the first pending step of its checklist after any sequence of actions", async () => {
    const cashier = await actorFor("cashier");
    let n = 0;
    const seen = new Set<string | null>();
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...INCIDENT_KINDS),
        fc.array(operation, { minLength: 1, maxLength: 14 }),
        async (kind, operations) => {
          n += 1;
          const input = createIncidentSchema.parse({
            kind,
            terminalId: "T1000001",
            occurredAt: new Date(Date.now() - 3_600_000).toISOString(),
            ...(kind === "pin_error" ? {} : { amount: `${n}.00` }),
            confirmDuplicate: true,
          });
          const { incident } = await createIncident({ actor: cashier, input });
          let state = await positions(incident.id);
          seen.add(state.stored);
          expect(state.stored).toBe("HALT");
          expect(state.stored).toBe(state.expected);

          for (const op of operations) {
            const version = state.version;
            if (op.type === "step") {
              const key = op.key === "next" ? (nextPendingStep(await stepsOf(incident.id)) ?? "reconcile") : op.key;
              const note = op.action === "skip" ? "not needed here" : undefined;
              const actor = await actorFor(op.by);
              await attempt(() =>
                actOnStep({
                  actor,
                  id: incident.id,
                  key,
                  input: {
                    action: op.action,
                    version,
                    note,
                    ...(key === "resign" ? { contactMethod: "phone", identityVerified: true } : {}),
                  },
                }),
              );
            } else if (op.type === "close") {
              const actor = await actorFor("supervisor");
              await attempt(() =>
                closeIncident({ actor, id: incident.id, input: { resolution: op.resolution, version } }),
              );
            } else {
              const actor = await actorFor("supervisor");
              await attempt(() => reopenIncident({ actor, id: incident.id, input: { note: "found more", version } }));
            }
            state = await positions(incident.id);
            expect(state.stored).toBe(state.expected);
            seen.add(state.stored);
          }
        },
      ),
      { numRuns: 30 },
    );
    // The sequences went through every position, including a checklist that is through.
    expect([...seen]).toEqual(expect.arrayContaining(["HALT", "REVERIFY", "NOTIFY", "RECONCILE", null]));
  });

  test("the migration's backfill sets every incident's column from its steps", async () => {
    const folder = databaseProvider === "postgresql" ? "prisma/postgresql/migrations" : "prisma/migrations";
    const script = fs.readFileSync(path.join(folder, "20261130140000_incident_next_step", "migration.sql"), "utf8");
    const backfill = script.match(/UPDATE "Incident"[\s\S]*?;/)?.[0];
    expect(backfill).toBeTruthy();

    // Cases at every position: fresh, part-way (with a skip), through, and a declined PIN.
    const cashier = await actorFor("cashier");
    const admin = await actorFor("admin");
    for (const [kind, steps] of [
      ["wrong_amount", 0],
      ["unsigned_slip", 3],
      ["duplicate_charge", 3],
      ["terminal_fault", 4],
      ["pin_error", 1],
    ] as const) {
      const input = createIncidentSchema.parse({ kind, terminalId: "T1000001", confirmDuplicate: true });
      const { incident } = await createIncident({ actor: cashier, input });
      let version = incident.version;
      for (const key of incident.steps.filter((step) => step.status === "pending").slice(0, steps)) {
        const updated = await actOnStep({
          actor: admin,
          id: incident.id,
          key: key.key,
          input: {
            action: key.key === "notify" ? "skip" : "complete",
            version,
            note: "n/a",
            contactMethod: "sms",
            identityVerified: true,
          },
        });
        version = updated.version;
      }
    }
    const before = await prisma.incident.findMany({ select: { id: true, nextStep: true }, orderBy: { id: "asc" } });
    await prisma.incident.updateMany({ data: { nextStep: null } });
    await prisma.$executeRawUnsafe(backfill as string);
    const after = await prisma.incident.findMany({
      select: { id: true, nextStep: true, steps: { select: { key: true, status: true } } },
      orderBy: { id: "asc" },
    });
    expect(after.map(({ id, nextStep }) => ({ id, nextStep }))).toEqual(before);
    for (const row of after) {
      const expected = nextPendingStep(stepStates(row.steps));
      expect(row.nextStep).toBe(expected ? stepKeyToDb(expected) : null);
    }
    expect(new Set(after.map((row) => row.nextStep)).size).toBeGreaterThanOrEqual(4);
  });
});

async function stepsOf(id: string) {
  const steps = await prisma.incidentStep.findMany({ where: { incidentId: id }, select: { key: true, status: true } });
  return stepStates(steps);
}
