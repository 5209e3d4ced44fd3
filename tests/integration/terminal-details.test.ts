// Issue 9: a terminal's recorded details (model, software version, last software update, support
// contact) and the merchant's software-age threshold, through the real /api/admin route handlers
// against this file's copy of the seeded database; and what a terminal_fault incident shows of them.
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { GET as getThresholdRoute, PUT as putThresholdRoute } from "@/app/api/admin/terminal-software/route";
import { PATCH as patchTerminalRoute } from "@/app/api/admin/terminals/[id]/route";
import { GET as listTerminalsRoute } from "@/app/api/admin/terminals/route";
import { todayIn } from "@/lib/admin/terminal-software";
import { verifyChain } from "@/lib/audit/verify-chain";
import { prisma } from "@/lib/db/client";
import type { AdminTerminalDto } from "@/lib/schemas/admin";
import { type DemoUser, jsonRequest, params, sessionCookie } from "@/tests/helpers/api";
import { asciiDigitsOf, writtenPan } from "@/tests/helpers/card-numbers";
import { type ApiError, getAs, logIncident } from "@/tests/helpers/incidents";

interface Result<T> {
  status: number;
  body: T;
}

async function patchTerminal<T = AdminTerminalDto>(
  user: DemoUser | null,
  id: string,
  body: unknown,
): Promise<Result<T>> {
  const request = jsonRequest(`/api/admin/terminals/${id}`, {
    method: "PATCH",
    body,
    cookie: user ? await sessionCookie(user) : undefined,
  });
  const response = await patchTerminalRoute(request, params({ id }));
  return { status: response.status, body: (await response.json()) as T };
}

async function putThreshold<T = { maxAgeDays: number }>(user: DemoUser | null, body: unknown): Promise<Result<T>> {
  const request = jsonRequest("/api/admin/terminal-software", {
    method: "PUT",
    body,
    cookie: user ? await sessionCookie(user) : undefined,
  });
  const response = await putThresholdRoute(request, {});
  return { status: response.status, body: (await response.json()) as T };
}

async function getThreshold(user: DemoUser): Promise<Result<{ maxAgeDays: number }>> {
  const response = await getThresholdRoute(
    jsonRequest("/api/admin/terminal-software", { cookie: await sessionCookie(user) }),
    {},
  );
  return { status: response.status, body: await response.json() };
}

async function listedTerminal(tid: string): Promise<AdminTerminalDto> {
  const response = await listTerminalsRoute(
    jsonRequest("/api/admin/terminals", { cookie: await sessionCookie("admin") }),
    {},
  );
  expect(response.status).toBe(200);
  const { items } = (await response.json()) as { items: AdminTerminalDto[] };
  const found = items.find((terminal) => terminal.tid === tid);
  if (!found) throw new Error(`${tid} not listed`);
  return found;
}

async function demoMerchantId(): Promise<string> {
  return (await prisma.merchant.findFirstOrThrow({ where: { name: "Demo Merchant" } })).id;
}

async function terminalIdOf(tid: string): Promise<string> {
  const merchantId = await demoMerchantId();
  return (await prisma.terminal.findUniqueOrThrow({ where: { merchantId_tid: { merchantId, tid } } })).id;
}

async function eventCount(type: string): Promise<number> {
  return prisma.auditEvent.count({ where: { merchantId: await demoMerchantId(), type } });
}

/** The calendar day `days` before today in the merchant's time zone. */
function daysAgo(days: number): string {
  const today = todayIn("Asia/Shanghai");
  return new Date(Date.parse(`${today}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);
}

const TID = "T1000001";

describe("admin records a terminal's details", () => {
  test("the details are stored, listed with the software's state, and audited with before and after", async () => {
    const id = await terminalIdOf(TID);
    const before = await eventCount("terminal.details_changed");
    const details = {
      model: "PAX A920",
      softwareVersion: "V2.3.1",
      softwareUpdatedAt: daysAgo(10),
      supportContact: "Lakala hotline 400-666-8888",
    };
    const changed = await patchTerminal("admin", id, details);
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ ...details, tid: TID, softwareStatus: "current" });
    expect(await listedTerminal(TID)).toMatchObject({ ...details, softwareStatus: "current" });

    expect(await eventCount("terminal.details_changed")).toBe(before + 1);
    const event = await prisma.auditEvent.findFirstOrThrow({
      where: { type: "terminal.details_changed" },
      orderBy: { seq: "desc" },
    });
    expect(JSON.parse(event.after ?? "null")).toEqual({ terminalId: id, tid: TID, ...details });
    expect(JSON.parse(event.before ?? "null")).toMatchObject({ terminalId: id, tid: TID });
  });

  test("a field left out stays, null and an empty string clear, and an unchanged send records nothing", async () => {
    const id = await terminalIdOf(TID);
    await patchTerminal("admin", id, { model: "Verifone V200c", softwareVersion: "1.0", supportContact: "Ms Li" });
    const partial = await patchTerminal("admin", id, { softwareVersion: "1.1" });
    expect(partial.body).toMatchObject({ model: "Verifone V200c", softwareVersion: "1.1", supportContact: "Ms Li" });

    const cleared = await patchTerminal("admin", id, { model: null, supportContact: "", softwareUpdatedAt: "" });
    expect(cleared.status).toBe(200);
    expect(cleared.body).toMatchObject({
      model: null,
      softwareVersion: "1.1",
      supportContact: null,
      softwareUpdatedAt: null,
      softwareStatus: "unknown",
    });

    const count = await eventCount("terminal.details_changed");
    expect((await patchTerminal("admin", id, { softwareVersion: "1.1", model: null })).status).toBe(200);
    expect(await eventCount("terminal.details_changed")).toBe(count);
  });

  test("software last updated longer ago than the threshold is outdated; no day recorded is unknown", async () => {
    const id = await terminalIdOf(TID);
    expect((await patchTerminal("admin", id, { softwareUpdatedAt: daysAgo(180) })).body.softwareStatus).toBe("current");
    expect((await patchTerminal("admin", id, { softwareUpdatedAt: daysAgo(181) })).body.softwareStatus).toBe(
      "outdated",
    );
    expect((await patchTerminal("admin", id, { softwareUpdatedAt: null })).body.softwareStatus).toBe("unknown");
  });

  test("a card number typed into any text field is stored masked, never in full", async () => {
    const id = await terminalIdOf(TID);
    await fc.assert(
      fc.asyncProperty(
        writtenPan,
        fc.constantFrom("model", "softwareVersion", "supportContact"),
        async ({ number, written }, field) => {
          fc.pre(written.length <= 75);
          const sent = `call ${written}`;
          const changed = await patchTerminal("admin", id, { [field]: sent });
          expect(changed.status).toBe(200);
          const stored = await prisma.terminal.findUniqueOrThrow({ where: { id } });
          const value = stored[field as "model" | "softwareVersion" | "supportContact"] ?? "";
          expect(asciiDigitsOf(value)).not.toContain(number);
          const events = await prisma.auditEvent.findMany({
            where: { type: "terminal.details_changed" },
            orderBy: { seq: "desc" },
            take: 1,
          });
          expect(asciiDigitsOf(events[0]?.after ?? "")).not.toContain(number);
        },
      ),
      { numRuns: 15 },
    );
  });

  test.each([
    ["softwareUpdatedAt", { softwareUpdatedAt: "2026-13-45" }],
    ["softwareUpdatedAt", { softwareUpdatedAt: "last week" }],
    ["softwareUpdatedAt", { softwareUpdatedAt: "2999-01-01" }],
    ["model", { model: "x".repeat(81) }],
    ["softwareVersion", { softwareVersion: 2 }],
    ["supportContact", { supportContact: "y".repeat(201) }],
    ["colour", { colour: "black" }],
  ])("bad input answers 400 naming %s, and changes nothing", async (field, body) => {
    const id = await terminalIdOf(TID);
    const before = await prisma.terminal.findUniqueOrThrow({ where: { id } });
    const refused = await patchTerminal<ApiError>("admin", id, body);
    expect(refused.status).toBe(400);
    expect(Object.keys(refused.body.error.fields ?? {})).toContain(field);
    expect(await prisma.terminal.findUniqueOrThrow({ where: { id } })).toEqual(before);
  });

  test("two admins changing different fields at once keep both changes, and each event's before is what it replaced", async () => {
    const id = await terminalIdOf(TID);
    for (let round = 0; round < 5; round++) {
      await patchTerminal("admin", id, { model: null, softwareVersion: null });
      const [first, second] = await Promise.all([
        patchTerminal("admin", id, { model: `M${round}` }),
        patchTerminal("admin", id, { softwareVersion: `V${round}` }),
      ]);
      expect([first.status, second.status]).toEqual([200, 200]);
      const stored = await prisma.terminal.findUniqueOrThrow({ where: { id } });
      expect({ model: stored.model, softwareVersion: stored.softwareVersion }).toEqual({
        model: `M${round}`,
        softwareVersion: `V${round}`,
      });
      const [earlier, later] = await prisma.auditEvent.findMany({
        where: { type: "terminal.details_changed" },
        orderBy: { seq: "desc" },
        take: 2,
      });
      expect(JSON.parse(later?.after ?? "null")).toEqual(JSON.parse(earlier?.before ?? "null"));
    }
  });

  test("any JSON body answers 200 or 400, never a server error, and a 400 changes nothing", async () => {
    const id = await terminalIdOf(TID);
    const fieldValue = fc.oneof(
      fc.string({ maxLength: 220 }),
      fc.constant(null),
      fc.integer(),
      fc.boolean(),
      fc.date({ noInvalidDate: true }).map((date) => date.toISOString().slice(0, 10)),
    );
    const body = fc.oneof(
      fc.record(
        { model: fieldValue, softwareVersion: fieldValue, softwareUpdatedAt: fieldValue, supportContact: fieldValue },
        { requiredKeys: [] },
      ),
      fc.jsonValue(),
    );
    await fc.assert(
      fc.asyncProperty(body, async (sent) => {
        const before = await prisma.terminal.findUniqueOrThrow({ where: { id } });
        const answer = await patchTerminal<unknown>("admin", id, sent);
        expect([200, 400]).toContain(answer.status);
        if (answer.status === 400) expect(await prisma.terminal.findUniqueOrThrow({ where: { id } })).toEqual(before);
      }),
      { numRuns: 60 },
    );
  });

  test("a terminal of another merchant, or none, answers 404", async () => {
    const merchant = await prisma.merchant.create({ data: { name: `Other ${Math.random()}` } });
    const store = await prisma.store.create({
      data: {
        merchantId: merchant.id,
        name: "Elsewhere",
        terminals: { create: { merchantId: merchant.id, tid: "T9000009" } },
      },
      include: { terminals: true },
    });
    const theirs = store.terminals[0];
    expect((await patchTerminal("admin", theirs.id, { model: "Mine now" })).status).toBe(404);
    expect((await prisma.terminal.findUniqueOrThrow({ where: { id: theirs.id } })).model).toBeNull();
    expect((await patchTerminal("admin", "no-such-terminal", { model: "X" })).status).toBe(404);
  });
});

describe("only an admin changes terminal details and the threshold", () => {
  test.each(["supervisor", "cashier", "finance"] satisfies DemoUser[])(
    "%s is refused with 403 and nothing changes",
    async (user) => {
      const id = await terminalIdOf(TID);
      const before = await prisma.terminal.findUniqueOrThrow({ where: { id } });
      const threshold = await prisma.merchant.findUniqueOrThrow({ where: { id: await demoMerchantId() } });
      expect((await patchTerminal(user, id, { model: "Sneaky" })).status).toBe(403);
      expect((await putThreshold(user, { maxAgeDays: 7 })).status).toBe(403);
      expect((await getThreshold(user)).status).toBe(403);
      expect(await prisma.terminal.findUniqueOrThrow({ where: { id } })).toEqual(before);
      expect(
        (await prisma.merchant.findUniqueOrThrow({ where: { id: threshold.id } })).terminalSoftwareMaxAgeDays,
      ).toBe(threshold.terminalSoftwareMaxAgeDays);
    },
  );

  test("without a session both answer 401", async () => {
    const id = await terminalIdOf(TID);
    expect((await patchTerminal(null, id, { model: "X" })).status).toBe(401);
    expect((await putThreshold(null, { maxAgeDays: 7 })).status).toBe(401);
  });
});

describe("the software-age threshold", () => {
  test("defaults to 180 days; the admin changes it, audited, and the flags follow", async () => {
    expect((await getThreshold("admin")).body).toEqual({ maxAgeDays: 180 });
    const id = await terminalIdOf(TID);
    await patchTerminal("admin", id, { softwareUpdatedAt: daysAgo(100) });
    expect((await listedTerminal(TID)).softwareStatus).toBe("current");

    const before = await eventCount("terminal.software_threshold_changed");
    const changed = await putThreshold("admin", { maxAgeDays: 90 });
    expect(changed).toEqual({ status: 200, body: { maxAgeDays: 90 } });
    expect((await getThreshold("admin")).body).toEqual({ maxAgeDays: 90 });
    expect((await listedTerminal(TID)).softwareStatus).toBe("outdated");
    expect(await eventCount("terminal.software_threshold_changed")).toBe(before + 1);
    const event = await prisma.auditEvent.findFirstOrThrow({
      where: { type: "terminal.software_threshold_changed" },
      orderBy: { seq: "desc" },
    });
    expect(JSON.parse(event.before ?? "null")).toEqual({ maxAgeDays: 180 });
    expect(JSON.parse(event.after ?? "null")).toEqual({ maxAgeDays: 90 });

    // Two changes at once: each event's before is the value the other left.
    await Promise.all([putThreshold("admin", { maxAgeDays: 60 }), putThreshold("admin", { maxAgeDays: 45 })]);
    const [newer, older] = await prisma.auditEvent.findMany({
      where: { type: "terminal.software_threshold_changed" },
      orderBy: { seq: "desc" },
      take: 2,
    });
    expect(JSON.parse(newer?.before ?? "null")).toEqual(JSON.parse(older?.after ?? "null"));
    expect((await getThreshold("admin")).body).toEqual(JSON.parse(newer?.after ?? "null"));
    await putThreshold("admin", { maxAgeDays: 90 });

    // The same value again changes nothing and records nothing.
    const count = await eventCount("terminal.software_threshold_changed");
    expect((await putThreshold("admin", { maxAgeDays: 90 })).status).toBe(200);
    expect(await eventCount("terminal.software_threshold_changed")).toBe(count);
    await putThreshold("admin", { maxAgeDays: 180 });
  });

  test.each([0, -5, 3651, 1.5, "soon", null])("the threshold %s answers 400 naming maxAgeDays", async (value) => {
    const refused = await putThreshold<ApiError>("admin", { maxAgeDays: value });
    expect(refused.status).toBe(400);
    expect(Object.keys(refused.body.error.fields ?? {})).toContain("maxAgeDays");
  });
});

describe("a terminal_fault incident shows its terminal's details", () => {
  test("the supervisor reads the model, software, last update, contact and the flag in the incident's JSON", async () => {
    const id = await terminalIdOf(TID);
    await putThreshold("admin", { maxAgeDays: 180 });
    await patchTerminal("admin", id, {
      model: "PAX A920",
      softwareVersion: "V1.0.0",
      softwareUpdatedAt: daysAgo(400),
      supportContact: "400-666-8888",
    });
    const incident = await logIncident({ kind: "terminal_fault", amount: undefined }, "cashier");
    const read = await getAs("supervisor", incident.id);
    expect(read.status).toBe(200);
    expect(read.body.terminalDetails).toEqual({
      tid: TID,
      model: "PAX A920",
      softwareVersion: "V1.0.0",
      softwareUpdatedAt: daysAgo(400),
      supportContact: "400-666-8888",
      softwareStatus: "outdated",
      maxAgeDays: 180,
    });

    // Once the admin records an update, the same incident shows it current.
    await patchTerminal("admin", id, { softwareVersion: "V2.0.0", softwareUpdatedAt: daysAgo(0) });
    const again = await getAs("supervisor", incident.id);
    expect(again.body.terminalDetails).toMatchObject({ softwareVersion: "V2.0.0", softwareStatus: "current" });
  });

  test("an incident of another kind carries no terminal details", async () => {
    const incident = await logIncident({ kind: "wrong_amount" }, "cashier");
    const read = await getAs("supervisor", incident.id);
    expect(read.status).toBe(200);
    expect(read.body).not.toHaveProperty("terminalDetails");
  });
});

test("every change above is in the merchant's audit chain, which still verifies", async () => {
  const result = await verifyChain({ merchantId: await demoMerchantId() });
  expect(result.ok).toBe(true);
});
