// Issue 9: with SMTP_URL set, a notification is also mailed — through the job queue after the
// change commits, in the recipient's language, once — to a real SMTP server started here
// (smtp-server), each message parsed with mailparser. Nothing of the mail library is mocked.
import type { AddressInfo } from "node:net";
import { type ParsedMail, simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { prisma } from "@/lib/db/client";
import { env } from "@/lib/env";
import { runDueJobs } from "@/lib/jobs/worker";
import { EMAIL_JOB_KIND } from "@/lib/notifications/notify";
import { completeSteps, getAs, logIncident } from "@/tests/helpers/incidents";

const received: ParsedMail[] = [];
let failNext = 0;
let server: SMTPServer;

beforeAll(async () => {
  server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((mail) => {
          if (failNext > 0) {
            failNext--;
            callback(Object.assign(new Error("Mailbox busy, try later"), { responseCode: 451 }));
            return;
          }
          received.push(mail);
          callback();
        })
        .catch(callback);
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.server.address() as AddressInfo;
  // The configuration a deployment sets in the environment (lib/env.ts reads it once at start).
  env.SMTP_URL = `smtp://127.0.0.1:${port}`;
  env.SMTP_FROM = "Slipcase <slipcase@shop.example>";
  env.BETTER_AUTH_URL = "https://slipcase.shop.example";
  await prisma.membership.updateMany({ where: { user: { email: "finance@demo.test" } }, data: { locale: "zh-CN" } });
});

afterAll(async () => {
  env.SMTP_URL = undefined;
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const to = (mail: ParsedMail) => (Array.isArray(mail.to) ? mail.to : mail.to ? [mail.to] : []).flatMap((a) => a.value);

describe("e-mail when SMTP_URL is set", () => {
  test("logged: the supervisor gets one mail in English after the commit; notify: finance one in Chinese", async () => {
    received.length = 0;
    const logged = await logIncident({ kind: "wrong_card" }, "cashier");
    // Queued with the change (the outbox), not sent inside the request.
    expect(await prisma.job.count({ where: { kind: EMAIL_JOB_KIND, status: "queued" } })).toBe(1);
    expect(received).toHaveLength(0);
    await runDueJobs();
    expect(received).toHaveLength(1);
    const [mail] = received;
    expect(to(mail).map((a) => a.address)).toEqual(["supervisor@demo.test"]);
    expect(mail.from?.value[0]?.address).toBe("slipcase@shop.example");
    expect(mail.subject).toBe(`[Slipcase] ${logged.reference}: Wrong card charged logged at Store 1 by Cai Cashier`);
    expect(mail.text).toContain(`Open the incident: https://slipcase.shop.example/incidents/${logged.id}`);
    expect(mail.headers.get("content-language")).toBe("en");

    const detail = await getAs("supervisor", logged.id);
    expect(detail.body.timeline.find((event) => event.type === "notification.sent")?.after).toMatchObject({
      emailed: true,
    });

    received.length = 0;
    await completeSteps(logged, ["halt", "reverify", "notify"], "supervisor");
    await runDueJobs();
    expect(received).toHaveLength(1);
    expect(to(received[0]).map((a) => a.address)).toEqual(["finance@demo.test"]);
    expect(received[0].subject).toBe(
      `[Slipcase] ${logged.reference}：Store 1 的“刷错卡”已由 Sam Supervisor 完成通知，按应急预案请您跟进处理`,
    );
    expect(received[0].text).toContain(`打开差错单：https://slipcase.shop.example/incidents/${logged.id}`);
  });

  test("a rerun of a job that already mailed sends nothing again", async () => {
    received.length = 0;
    await logIncident({ kind: "wrong_amount", amount: "12.00" }, "cashier");
    await runDueJobs();
    expect(received).toHaveLength(1);
    // The same job run again (as after a lost lease): its notification is marked mailed.
    const job = await prisma.job.findFirstOrThrow({ where: { kind: EMAIL_JOB_KIND }, orderBy: { createdAt: "desc" } });
    await prisma.job.update({ where: { id: job.id }, data: { status: "queued", runAt: new Date(0) } });
    await runDueJobs();
    expect(received).toHaveLength(1);
    expect(
      await prisma.notification.count({
        where: { id: { in: JSON.parse(job.payload).notificationIds }, emailedAt: null },
      }),
    ).toBe(0);
  });

  test("a server that refuses for now: the queue retries the job and the mail arrives once", async () => {
    received.length = 0;
    failNext = 1;
    await logIncident({ kind: "pin_error" }, "cashier");
    await runDueJobs();
    expect(received).toHaveLength(0);
    const job = await prisma.job.findFirstOrThrow({ where: { kind: EMAIL_JOB_KIND }, orderBy: { createdAt: "desc" } });
    expect(job).toMatchObject({ status: "queued", attempts: 1 });
    expect(job.lastError).toContain("451");
    // The backoff has passed.
    await prisma.job.update({ where: { id: job.id }, data: { runAt: new Date(0) } });
    await runDueJobs();
    expect(received).toHaveLength(1);
    expect(await prisma.job.findUniqueOrThrow({ where: { id: job.id }, select: { status: true } })).toEqual({
      status: "done",
    });
  });
});
