// npm run bench:audit — times issue 10's audit exports on a filled database (npm run seed:scale)
// and watches the process's peak memory while the CSV streams: the whole merchant's incidents as
// CSV (every event a row, the chain verified after the last row), and a PDF of the largest range
// it allows. A benchmark, not a test; run it under the bench lock on a shared machine.
//
//   DATABASE_URL=file:./data/scale.db npm run seed:scale -- --incidents 50000 --stores 20 --days 60
//   DATABASE_URL=file:./data/scale.db npm run bench:audit
import { exportAuditCsv } from "@/lib/audit/export/export-csv";
import { exportAuditPdf } from "@/lib/audit/export/export-pdf";
import { AUDIT_PDF_MAX_INCIDENTS } from "@/lib/audit/export/limits";
import { countExportIncidents } from "@/lib/audit/export/read-incidents";
import type { Actor } from "@/lib/auth/actor";
import { prisma } from "@/lib/db/client";
import { isRole } from "@/lib/rbac/permissions";

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

async function adminActor(): Promise<Actor> {
  const membership = await prisma.membership.findFirstOrThrow({
    where: { role: "ADMIN", active: true },
    orderBy: { createdAt: "desc" },
    select: { merchantId: true, role: true, user: { select: { id: true, name: true, email: true } } },
  });
  if (!isRole(membership.role)) throw new Error("no admin");
  return {
    ...membership.user,
    userId: membership.user.id,
    merchantId: membership.merchantId,
    role: membership.role,
    storeIds: [],
  };
}

async function main() {
  const actor = await adminActor();
  const incidents = await prisma.incident.count({ where: { merchantId: actor.merchantId } });
  const events = await prisma.auditEvent.count({ where: { merchantId: actor.merchantId } });
  console.log(
    `merchant ${actor.merchantId}: ${incidents.toLocaleString("en")} incidents, ${events.toLocaleString("en")} events`,
  );

  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 20);
  const before = process.memoryUsage().rss;
  const started = performance.now();
  const { stream } = await exportAuditCsv({ actor, query: {}, locale: "zh-CN" });
  let firstByte = 0;
  let bytes = 0;
  let lines = 0;
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (!firstByte) firstByte = performance.now() - started;
    bytes += value.byteLength;
    for (const byte of value) if (byte === 10) lines++;
  }
  const total = performance.now() - started;
  clearInterval(sampler);
  console.log(
    `CSV, every incident: first byte ${firstByte.toFixed(0)} ms, whole file ${(total / 1000).toFixed(1)} s, ` +
      `${mb(bytes)}, ${lines.toLocaleString("en")} lines; RSS ${mb(before)} before, peak ${mb(peak)}`,
  );

  // The PDF of the newest days of one store that stay within the limit.
  const store = await prisma.store.findFirstOrThrow({
    where: { merchantId: actor.merchantId },
    orderBy: { name: "asc" },
  });
  const newest = await prisma.incident.findFirstOrThrow({
    where: { storeId: store.id },
    orderBy: { occurredAt: "desc" },
    select: { occurredAt: true },
  });
  const to = newest.occurredAt.toISOString().slice(0, 10);
  let days = 1;
  let from = to;
  for (; days < 366; days++) {
    const candidate = new Date(newest.occurredAt.getTime() - days * 86_400_000).toISOString().slice(0, 10);
    if ((await countExportIncidents(actor, { storeId: store.id, from: candidate, to })) > AUDIT_PDF_MAX_INCIDENTS)
      break;
    from = candidate;
  }
  const pdfStarted = performance.now();
  const pdf = await exportAuditPdf({ actor, query: { storeId: store.id, from, to }, locale: "zh-CN" });
  console.log(
    `PDF (zh-CN), ${pdf.incidents} incidents of ${store.name} ${from} – ${to}: ${((performance.now() - pdfStarted) / 1000).toFixed(1)} s, ` +
      `${mb(pdf.pdf.byteLength)}; RSS now ${mb(process.memoryUsage().rss)}`,
  );
  console.log(`load average: ${(await import("node:fs")).readFileSync("/proc/loadavg", "utf8").trim()}`);
  process.exit(0);
}

void main();
