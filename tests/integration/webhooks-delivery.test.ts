// Alert webhooks delivered for real (issue 10): a node:http receiver on 127.0.0.1 (so the file runs
// with WEBHOOK_ALLOW_PRIVATE=1) that fails twice then answers 200 — three attempts recorded, the
// third delivered, the same body and webhook-id every time, each signature verified with the
// secret by the standardwebhooks library; two workers racing send each delivery once; a delivery
// queued in a transaction that rolls back is never sent; after eight failures a delivery is failed;
// no redirect is followed; a hanging receiver times out; and the SSRF guard runs again at delivery.
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, beforeEach, describe, expect, test, vi } from "vitest";
import { GET as getWebhookRoute, PUT as putWebhookRoute } from "@/app/api/alerts/webhook/route";
import { containsPan } from "@/lib/card-data/mask-pan";
import { prisma } from "@/lib/db/client";
import { startJobWorker } from "@/lib/jobs/worker";
import { WEBHOOK_MAX_ATTEMPTS } from "@/lib/webhooks/backoff";
import { claimDelivery, deliverDueWebhooks } from "@/lib/webhooks/deliver";
import { enqueueWebhookEvent } from "@/lib/webhooks/enqueue";
import type { WebhookSavedDto, WebhookStatusDto } from "@/lib/webhooks/schemas";
import { jsonRequest, params, sessionCookie } from "@/tests/helpers/api";

vi.hoisted(() => {
  process.env.WEBHOOK_ALLOW_PRIVATE = "1";
  process.env.WEBHOOK_RETRY_BASE_MS = "40";
  process.env.WEBHOOK_TIMEOUT_MS = "700";
});

interface Received {
  path: string;
  headers: IncomingMessage["headers"];
  body: string;
}

/** What the receiver answers to the n-th request it gets (0-based) for a path. */
let answer: (request: Received, n: number) => { status: number; headers?: Record<string, string>; hang?: boolean } =
  () => ({ status: 200 });
let received: Received[] = [];
let server: Server;
let base: string;
const sockets = new Set<import("node:net").Socket>();

beforeAll(async () => {
  server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const entry = { path: request.url ?? "", headers: request.headers, body: Buffer.concat(chunks).toString("utf8") };
      const n = received.filter((item) => item.path === entry.path).length;
      received.push(entry);
      const reply = answer(entry, n);
      if (reply.hang) return;
      response.writeHead(reply.status, reply.headers).end("ok");
    });
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  await new Promise((resolve) => server.close(resolve));
});

let merchantId: string;
let secret: string;

async function configure(url: string): Promise<WebhookSavedDto> {
  const response = await putWebhookRoute(
    jsonRequest("/api/alerts/webhook", { method: "PUT", body: { url }, cookie: await sessionCookie("admin") }),
    params({}),
  );
  expect(response.status).toBe(200);
  return (await response.json()) as WebhookSavedDto;
}

async function enqueue(data: Record<string, unknown> = { alertId: "a1" }, type = "alert.raised") {
  await prisma.$transaction((tx) => enqueueWebhookEvent(tx, { merchantId, type, data }));
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs the sender until nothing is pending (or the deadline passes). */
async function deliverUntilSettled(owner = "worker-a", limitMs = 10_000) {
  const until = Date.now() + limitMs;
  while (Date.now() < until) {
    await deliverDueWebhooks({ owner });
    if ((await prisma.webhookDelivery.count({ where: { status: "pending" } })) === 0) return;
    await sleep(20);
  }
  throw new Error("deliveries still pending");
}

beforeAll(async () => {
  merchantId = (await prisma.merchant.findFirstOrThrow({ select: { id: true } })).id;
});

beforeEach(async () => {
  await prisma.webhookDelivery.deleteMany({});
  received = [];
  answer = () => ({ status: 200 });
  secret = (await configure(`${base}/hooks/slipcase`)).secret;
});

describe("delivery with retries", () => {
  test("a receiver that fails twice then answers 200: three attempts, the third delivered, same id and body, each signed", async () => {
    answer = (_, n) => ({ status: n < 2 ? 500 : 200 });
    await enqueue({ alertId: "a1", rule: "unsigned_streak", card: "4111 1111 1111 1111" });
    await deliverUntilSettled();

    expect(received).toHaveLength(3);
    const ids = new Set(received.map((request) => request.headers["webhook-id"]));
    expect(ids.size).toBe(1);
    expect(new Set(received.map((request) => request.body)).size).toBe(1);
    const verifier = new Webhook(secret);
    for (const request of received) {
      const headers = {
        "webhook-id": String(request.headers["webhook-id"]),
        "webhook-timestamp": String(request.headers["webhook-timestamp"]),
        "webhook-signature": String(request.headers["webhook-signature"]),
      };
      expect(verifier.verify(request.body, headers)).toMatchObject({ type: "alert.raised" });
      expect(request.headers["content-type"]).toBe("application/json");
    }
    const body = JSON.parse(received[0].body);
    expect(body).toMatchObject({ type: "alert.raised", data: { alertId: "a1", rule: "unsigned_streak" } });
    expect(Number.isNaN(Date.parse(body.timestamp))).toBe(false);
    expect(containsPan(received[0].body)).toBe(false);

    const [delivery] = await prisma.webhookDelivery.findMany({ include: { attemptsLog: { orderBy: { at: "asc" } } } });
    expect(delivery).toMatchObject({ id: [...ids][0], status: "delivered", attempts: 3, leaseOwner: null });
    expect(delivery.deliveredAt).not.toBeNull();
    expect(delivery.attemptsLog.map((attempt) => attempt.statusCode)).toEqual([500, 500, 200]);
    expect(delivery.attemptsLog.map((attempt) => attempt.error)).toEqual(["HTTP 500", "HTTP 500", null]);

    // the admin sees the delivery and its attempts, never the secret
    const response = await getWebhookRoute(
      jsonRequest("/api/alerts/webhook", { cookie: await sessionCookie("admin") }),
      params({}),
    );
    const text = await response.text();
    expect(text).not.toContain(secret);
    const status = JSON.parse(text) as WebhookStatusDto;
    expect(status.url).toBe(`${base}/hooks/slipcase`);
    expect(status.deliveries[0]).toMatchObject({ id: delivery.id, status: "delivered", nextAttemptAt: null });
    expect(status.deliveries[0].attempts.map((attempt) => attempt.statusCode)).toEqual([500, 500, 200]);
  });

  test("a receiver that never answers 2xx: eight attempts, then failed and never tried again", async () => {
    answer = () => ({ status: 503 });
    await enqueue();
    for (let attempt = 1; attempt <= WEBHOOK_MAX_ATTEMPTS + 2; attempt++) {
      // the wait after a failure grows to hours: let the clock "pass" by making the delivery due
      await prisma.webhookDelivery.updateMany({ where: { status: "pending" }, data: { nextAttemptAt: new Date() } });
      await deliverDueWebhooks({ owner: "worker-a" });
    }
    const [delivery] = await prisma.webhookDelivery.findMany({ include: { attemptsLog: true } });
    expect(delivery).toMatchObject({ status: "failed", attempts: WEBHOOK_MAX_ATTEMPTS, deliveredAt: null });
    expect(delivery.attemptsLog).toHaveLength(WEBHOOK_MAX_ATTEMPTS);
    expect(received).toHaveLength(WEBHOOK_MAX_ATTEMPTS);
  });

  test("the backoff waits before the next attempt: a failed delivery is not due again at once", async () => {
    answer = () => ({ status: 500 });
    await enqueue();
    await deliverDueWebhooks({ owner: "worker-a" });
    const attempt = await prisma.webhookAttempt.findFirstOrThrow();
    // looked at again within the wait (WEBHOOK_RETRY_BASE_MS = 40 here): not sent
    await deliverDueWebhooks({ owner: "worker-a", now: new Date(attempt.at.getTime() + attempt.durationMs + 30) });
    expect(received).toHaveLength(1);
    const delivery = await prisma.webhookDelivery.findFirstOrThrow();
    expect(delivery).toMatchObject({ status: "pending", attempts: 1 });
    expect(delivery.nextAttemptAt.getTime() - attempt.at.getTime()).toBeGreaterThanOrEqual(40 + attempt.durationMs);
  });
});

describe("the worker", () => {
  test("every instance's job worker sends due deliveries on its own (no one calls the sender)", async () => {
    const worker = startJobWorker();
    try {
      await enqueue({ alertId: "from-the-worker" });
      const until = Date.now() + 10_000;
      while (received.length === 0 && Date.now() < until) await sleep(50);
      expect(received).toHaveLength(1);
      expect(JSON.parse(received[0].body).data).toEqual({ alertId: "from-the-worker" });
    } finally {
      worker.stop();
    }
  });
});

describe("exactly once", () => {
  test("two workers racing over twelve deliveries: the receiver gets each webhook-id once", async () => {
    answer = () => ({ status: 200 });
    for (let index = 0; index < 12; index++) await enqueue({ alertId: `a${index}` });
    await Promise.all([deliverUntilSettled("worker-a"), deliverUntilSettled("worker-b")]);
    const ids = received.map((request) => String(request.headers["webhook-id"]));
    expect(ids).toHaveLength(12);
    expect(new Set(ids).size).toBe(12);
    const attempts = await prisma.webhookAttempt.groupBy({ by: ["deliveryId"], _count: { _all: true } });
    expect(attempts).toHaveLength(12);
    expect(attempts.every((row) => row._count._all === 1)).toBe(true);
    expect(await prisma.webhookDelivery.count({ where: { status: "delivered" } })).toBe(12);
  });

  test("ten claims of one due delivery at once: exactly one wins", async () => {
    await enqueue();
    const { id } = await prisma.webhookDelivery.findFirstOrThrow();
    const wins = await Promise.all(Array.from({ length: 10 }, (_, index) => claimDelivery(id, `worker-${index}`)));
    expect(wins.filter(Boolean)).toHaveLength(1);
    // a worker whose lease ran out loses the delivery to the next claim
    const later = new Date(Date.now() + 60 * 60_000);
    expect(await claimDelivery(id, "late-worker", later)).toBe(true);
  });

  test("an event queued in a transaction that rolls back is never sent", async () => {
    await expect(
      prisma.$transaction(async (tx) => {
        await enqueueWebhookEvent(tx, { merchantId, type: "alert.raised", data: { alertId: "gone" } });
        throw new Error("roll back");
      }),
    ).rejects.toThrow("roll back");
    expect(await prisma.webhookDelivery.count()).toBe(0);
    await deliverDueWebhooks({ owner: "worker-a" });
    expect(received).toEqual([]);
  });

  test("a merchant without a webhook gets no delivery row", async () => {
    await prisma.webhookEndpoint.deleteMany({});
    await enqueue();
    expect(await prisma.webhookDelivery.count()).toBe(0);
  });
});

describe("what an attempt will not do", () => {
  test("a redirect is not followed: the attempt fails and the target is never asked", async () => {
    answer = (request) =>
      request.path === "/hooks/slipcase"
        ? { status: 307, headers: { location: `${base}/elsewhere` } }
        : { status: 200 };
    await enqueue();
    await deliverDueWebhooks({ owner: "worker-a" });
    expect(received.map((request) => request.path)).toEqual(["/hooks/slipcase"]);
    const attempt = await prisma.webhookAttempt.findFirstOrThrow();
    expect(attempt).toMatchObject({ statusCode: 307, error: "redirect not followed" });
  });

  test("a receiver that hangs is cut at the timeout and the attempt recorded", async () => {
    answer = () => ({ status: 200, hang: true });
    await enqueue();
    const started = Date.now();
    await deliverDueWebhooks({ owner: "worker-a" });
    expect(Date.now() - started).toBeLessThan(5_000);
    const attempt = await prisma.webhookAttempt.findFirstOrThrow();
    expect(attempt.statusCode).toBeNull();
    expect(attempt.error).toMatch(/timed out/);
    expect((await prisma.webhookDelivery.findFirstOrThrow()).status).toBe("pending");
  });

  test("without WEBHOOK_ALLOW_PRIVATE the delivery itself refuses a loopback receiver, by address or by name", async () => {
    for (const url of [`${base}/hooks/slipcase`, `${base.replace("127.0.0.1", "localhost")}/hooks/slipcase`]) {
      await prisma.webhookDelivery.deleteMany({});
      await configure(url);
      await enqueue();
      await deliverDueWebhooks({ owner: "worker-a", allowPrivate: false });
      const attempt = await prisma.webhookAttempt.findFirstOrThrow();
      expect(attempt.statusCode).toBeNull();
      expect(attempt.error).toMatch(/WEBHOOK_URL_PRIVATE_ADDRESS|loopback/);
    }
    expect(received).toEqual([]);
  });
});
