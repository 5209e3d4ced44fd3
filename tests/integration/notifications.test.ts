// Issue 9: the emergency plan tells exactly its people — when an incident is logged (the store's
// supervisors by default) and when notify is completed (finance) — once each, in the same
// transaction as the change, on the incident's timeline; the inbox shows a person only their own
// notifications, worded in their language.
import { describe, expect, test } from "vitest";
import { POST as readRoute } from "@/app/api/notifications/[id]/read/route";
import { GET as inboxRoute } from "@/app/api/notifications/route";
import { prisma } from "@/lib/db/client";
import { notifyIncident } from "@/lib/notifications/notify";
import type { NotificationDto, NotificationListDto } from "@/lib/notifications/schemas";
import { type DemoUser, jsonRequest, params, sessionCookie } from "@/tests/helpers/api";
import { type ApiError, completeSteps, getAs, logIncident, stepAs } from "@/tests/helpers/incidents";
import { demoMerchant, openIncidentAs, posException } from "@/tests/integration/reconciliation-exceptions-fixtures";

async function userId(user: DemoUser): Promise<string> {
  return (await prisma.user.findUniqueOrThrow({ where: { email: `${user}@demo.test` }, select: { id: true } })).id;
}

async function notificationsOf(incidentId: string) {
  return prisma.notification.findMany({
    where: { incidentId },
    select: { id: true, recipientId: true, type: true, dedupeKey: true },
    orderBy: { recipientId: "asc" },
  });
}

async function inboxAs(user: DemoUser | null, headers: Record<string, string> = {}) {
  const cookie = user ? await sessionCookie(user) : undefined;
  const response = await inboxRoute(jsonRequest("/api/notifications", { cookie, headers }), {});
  return { status: response.status, body: (await response.json()) as NotificationListDto & ApiError };
}

async function markReadAs(user: DemoUser | null, id: string) {
  const cookie = user ? await sessionCookie(user) : undefined;
  const response = await readRoute(
    jsonRequest(`/api/notifications/${id}/read`, { method: "POST", cookie }),
    params({ id }),
  );
  return { status: response.status, body: (await response.json()) as NotificationDto & ApiError };
}

describe("an incident logged", () => {
  test("tells exactly the store's supervisor, once, and the timeline says so", async () => {
    const incident = await logIncident({}, "cashier");
    const rows = await notificationsOf(incident.id);
    expect(rows.map((row) => [row.recipientId, row.type])).toEqual([[await userId("supervisor"), "INCIDENT_LOGGED"]]);

    const detail = await getAs("supervisor", incident.id);
    const sent = detail.body.timeline.filter((event) => event.type === "notification.sent");
    expect(sent).toHaveLength(1);
    expect(sent[0].after).toEqual({
      notificationType: "incident_logged",
      recipients: [{ userId: await userId("supervisor"), name: "Sam Supervisor" }],
      emailed: false,
    });
    expect(sent[0].actor?.name).toBe("Cai Cashier");
    // Recipients by id, never an e-mail address, in the audit trail.
    expect(JSON.stringify(sent[0])).not.toContain("@demo.test");
  });

  test("in another store tells nobody of Store 1 (cashier2 logs at Store 2, which has no supervisor)", async () => {
    const incident = await logIncident({ terminalId: "T2000001" }, "cashier2");
    expect(await notificationsOf(incident.id)).toEqual([]);
    const detail = await getAs("admin", incident.id);
    expect(detail.body.timeline.map((event) => event.type)).toEqual(["incident.created"]);
  });

  test("by the supervisor does not tell the supervisor of their own action", async () => {
    const incident = await logIncident({}, "supervisor");
    expect(await notificationsOf(incident.id)).toEqual([]);
  });
});

describe("an incident the reconciliation opens", () => {
  test("tells the store's supervisor too, naming the reconciliation, not finance who opened it", async () => {
    const { exception } = await posException(await demoMerchant(), "pos_only");
    const opened = await openIncidentAs("finance", exception.id);
    expect(opened.status).toBe(201);
    const incidentId: string = opened.body.incident.id;
    const rows = await notificationsOf(incidentId);
    expect(rows.map((row) => row.recipientId)).toEqual([await userId("supervisor")]);
    const inbox = await inboxAs("supervisor");
    expect(inbox.body.items.find((item) => item.incidentId === incidentId)?.message).toMatch(
      /^INC-\d{6}: Debited but not credited logged at Store 1 by the reconciliation$/,
    );
  });
});

describe("notify completed", () => {
  test("tells finance (the default plan), records who was notified on the timeline", async () => {
    const logged = await logIncident({}, "cashier");
    await completeSteps(logged, ["halt", "reverify", "notify"], "supervisor");
    const rows = await notificationsOf(logged.id);
    expect(rows.map((row) => [row.recipientId, row.type]).sort()).toEqual(
      [
        [await userId("supervisor"), "INCIDENT_LOGGED"],
        [await userId("finance"), "INCIDENT_NOTIFIED"],
      ].sort(),
    );
    const detail = await getAs("supervisor", logged.id);
    const notified = detail.body.timeline.filter(
      (event) => event.type === "notification.sent" && (event.after as { step?: string }).step === "notify",
    );
    expect(notified.map((event) => event.after)).toEqual([
      {
        notificationType: "incident_notified",
        recipients: [{ userId: await userId("finance"), name: "Fay Finance" }],
        emailed: false,
        step: "notify",
      },
    ]);
  });

  test("skipping notify tells nobody", async () => {
    const logged = await logIncident({}, "cashier");
    const halted = await completeSteps(logged, ["halt", "reverify"], "supervisor");
    const skipped = await stepAs("supervisor", logged.id, "notify", {
      action: "skip",
      note: "Finance already on the phone",
      version: halted.version,
    });
    expect(skipped.status).toBe(200);
    expect((await notificationsOf(logged.id)).map((row) => row.type)).toEqual(["INCIDENT_LOGGED"]);
  });
});

describe("each notification once", () => {
  test("running the same notification again (a rerun) or twice at once inserts nothing more", async () => {
    const logged = await logIncident({}, "cashier");
    const row = await prisma.incident.findUniqueOrThrow({ where: { id: logged.id }, select: { merchantId: true } });
    const ref = {
      id: logged.id,
      merchantId: row.merchantId,
      reference: logged.reference,
      kind: logged.kind,
      storeId: logged.storeId,
      storeName: logged.storeName,
    };
    const actor = { userId: await userId("cashier"), name: "Cai Cashier" };
    const eventsBefore = await prisma.auditEvent.count({ where: { incidentId: logged.id } });
    const again = () =>
      prisma.$transaction((tx) => notifyIncident(tx, { type: "incident_logged", incident: ref, actor }));
    expect(await again()).toEqual([]);
    const raced = await Promise.all([
      prisma.$transaction((tx) => notifyIncident(tx, { type: "incident_notified", incident: ref, actor })),
      prisma.$transaction((tx) => notifyIncident(tx, { type: "incident_notified", incident: ref, actor })),
    ]);
    // One of the two told finance; the other found the row there and told nobody.
    expect(raced.map((told) => told.length).sort()).toEqual([0, 1]);
    const rows = await notificationsOf(logged.id);
    expect(rows.map((r) => r.type).sort()).toEqual(["INCIDENT_LOGGED", "INCIDENT_NOTIFIED"]);
    expect(new Set(rows.map((r) => r.dedupeKey)).size).toBe(rows.length);
    // One more event (the race's winner), none for the rerun or the loser.
    expect(await prisma.auditEvent.count({ where: { incidentId: logged.id } })).toBe(eventsBefore + 1);
  });
});

describe("the inbox", () => {
  test("lists only the caller's own, newest first, worded in their language, with the unread count", async () => {
    const logged = await logIncident({ kind: "unsigned_slip" }, "cashier");
    const english = await inboxAs("supervisor");
    expect(english.status).toBe(200);
    const mine = english.body.items.find((item) => item.incidentId === logged.id);
    expect(mine).toMatchObject({ type: "incident_logged", readAt: null, reference: logged.reference });
    expect(mine?.message).toBe(`${logged.reference}: Unsigned slip logged at Store 1 by Cai Cashier`);
    expect(english.body.unreadCount).toBe(english.body.items.filter((item) => item.readAt === null).length);
    const times = english.body.items.map((item) => item.createdAt);
    expect([...times].sort().reverse()).toEqual(times);

    const chinese = await inboxAs("supervisor", { "accept-language": "zh-CN" });
    expect(chinese.body.items.find((item) => item.incidentId === logged.id)?.message).toBe(
      `${logged.reference}：Store 1 登记了一起“签购单未签名”，登记人 Cai Cashier`,
    );
    // The cashier who logged it was not told; the finance user neither (not yet notified).
    expect((await inboxAs("cashier")).body.items.some((item) => item.incidentId === logged.id)).toBe(false);
    expect((await inboxAs("finance")).body.items.some((item) => item.incidentId === logged.id)).toBe(false);
  });

  test("marking read: the recipient's own only; another's or an unknown id is 404; no session is 401", async () => {
    const logged = await logIncident({}, "cashier");
    const [row] = await notificationsOf(logged.id);
    const before = (await inboxAs("supervisor")).body.unreadCount;

    for (const other of ["cashier", "finance", "admin", "cashier2"] as const) {
      const refused = await markReadAs(other, row.id);
      expect(refused.status, other).toBe(404);
      expect(refused.body.error.reason).toBe("NOTIFICATION_NOT_FOUND");
    }
    expect((await markReadAs(null, row.id)).status).toBe(401);
    expect((await markReadAs("supervisor", "no-such-notification")).status).toBe(404);
    expect(await prisma.notification.findUniqueOrThrow({ where: { id: row.id }, select: { readAt: true } })).toEqual({
      readAt: null,
    });

    const read = await markReadAs("supervisor", row.id);
    expect(read.status).toBe(200);
    expect(read.body.readAt).not.toBeNull();
    expect((await inboxAs("supervisor")).body.unreadCount).toBe(before - 1);
    // Again: still read, the first time kept.
    const again = await markReadAs("supervisor", row.id);
    expect(again.body.readAt).toBe(read.body.readAt);
    // Audited once, on the incident's timeline, by the reader; the refused and repeated ones left nothing.
    const events = await prisma.auditEvent.findMany({
      where: { type: "notification.read", incidentId: logged.id },
      select: { actorId: true, after: true },
    });
    expect(events).toHaveLength(1);
    expect(events[0].actorId).toBe(
      (await prisma.user.findUniqueOrThrow({ where: { email: "supervisor@demo.test" } })).id,
    );
    expect(JSON.parse(events[0].after ?? "null")).toEqual({ notificationId: row.id, readAt: read.body.readAt });
    expect((await inboxAs(null)).status).toBe(401);
  });
});
