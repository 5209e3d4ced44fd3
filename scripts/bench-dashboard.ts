// The child of npm run bench:dashboard (bench/dashboard.mjs): on the database in DATABASE_URL,
// filled by npm run seed:scale, times each part of the dashboard (lib/dashboard/get-dashboard.ts)
// and the whole, then the incident list's filters and searches (the queries bench:lists sends over
// HTTP, here called in process: listIncidents), one call at a time: after --warmup calls, --runs
// timed calls per query. Prints one JSON line per query on stdout ({ role, label, p50, p95, … }).

import type { Actor } from "@/lib/auth/actor";
import {
  getDashboard,
  readIncidentFigures,
  readOpenFigures,
  readTrainingGaps,
  readTransactionFigures,
  resolveDashboardContext,
} from "@/lib/dashboard/get-dashboard";
import { prisma } from "@/lib/db/client";
import { listIncidents } from "@/lib/incidents/list-incidents";
import type { Role } from "@/lib/rbac/permissions";
import { type DashboardQuery, dashboardQuerySchema } from "@/lib/schemas/dashboard";
import { listIncidentsQuerySchema } from "@/lib/schemas/incident";
import { benchTimer } from "./bench-timer";

const { time: timed } = benchTimer({ runs: 30 });

async function actorOf(email: string): Promise<Actor> {
  const user = await prisma.user.findUniqueOrThrow({
    where: { email },
    include: { membership: { include: { stores: true } } },
  });
  if (!user.membership) throw new Error(`${email} has no membership`);
  return {
    userId: user.id,
    name: user.name,
    email: user.email,
    merchantId: user.membership.merchantId,
    role: user.membership.role as Role,
    storeIds: user.membership.stores.map((store) => store.storeId),
  };
}

const time = (role: string, label: string, work: () => Promise<unknown>) => timed({ role, label }, work);

function localDay(offsetDays: number): string {
  const day = new Date(Date.now() - offsetDays * 86_400_000);
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai" }).format(day);
}

async function main() {
  const admin = await actorOf("admin@scale.test");
  const finance = await actorOf("finance-1@scale.test");
  const supervisor = await actorOf("supervisor-001@scale.test");
  const stores = await prisma.store.findMany({
    where: { merchantId: admin.merchantId },
    select: { id: true },
    orderBy: { id: "asc" },
  });
  const query = (input: Record<string, unknown>): DashboardQuery => dashboardQuerySchema.parse(input);
  const scenarios: [string, Actor, string, DashboardQuery][] = [
    ["admin", admin, "every store, last 30 days (default)", query({})],
    ["admin", admin, "every store, 90 days", query({ from: localDay(89), to: localDay(0) })],
    ["admin", admin, "every store, 365 days", query({ from: localDay(364), to: localDay(0) })],
    ["admin", admin, "every store, 731 days (longest)", query({ from: localDay(730), to: localDay(0) })],
    ["admin", admin, "one store, 30 days", query({ storeId: stores[1].id })],
    ["admin", admin, "one store, 365 days", query({ storeId: stores[1].id, from: localDay(364), to: localDay(0) })],
    ["admin", admin, "10 stores, 30 days", query({ storeId: stores.slice(0, 10).map((store) => store.id) })],
    ["finance", finance, "every store, last 30 days (default)", query({})],
    ["supervisor", supervisor, "own store, last 30 days (default)", query({})],
    ["supervisor", supervisor, "own store, 365 days", query({ from: localDay(364), to: localDay(0) })],
  ];
  for (const [role, actor, name, dashboardQuery] of scenarios) {
    const context = await resolveDashboardContext({ actor, query: dashboardQuery });
    await time(role, `dashboard ${name}: context (permission, stores, period)`, () =>
      resolveDashboardContext({ actor, query: dashboardQuery }),
    );
    await time(role, `dashboard ${name}: incidents by kind/cause/day, money, time to close`, () =>
      readIncidentFigures(context),
    );
    await time(role, `dashboard ${name}: open cases by age, overdue, at risk`, () => readOpenFigures(context));
    await time(role, `dashboard ${name}: rates per 1,000 (store, terminal, operator, hour)`, () =>
      readTransactionFigures(context),
    );
    await time(role, `dashboard ${name}: training gaps`, () => readTrainingGaps(context));
    await time(role, `dashboard ${name}: whole getDashboard`, () => getDashboard({ actor, query: dashboardQuery }));
  }

  // The incident list's filters and searches, as bench:lists sends them (the API's queries).
  const sample = await prisma.incident.findFirstOrThrow({
    where: { storeId: "store-001" },
    orderBy: { createdAt: "desc" },
    include: { terminal: { select: { tid: true } } },
  });
  const other = await prisma.incident.findFirstOrThrow({
    where: { merchantId: admin.merchantId, storeId: { not: "store-001" } },
    orderBy: { createdAt: "desc" },
  });
  const newest = await prisma.incident.aggregate({
    where: { merchantId: admin.merchantId },
    _max: { createdAt: true },
  });
  const day = (offsetDays: number) =>
    new Date((newest._max.createdAt ?? new Date()).getTime() - offsetDays * 86_400_000).toISOString().slice(0, 10);
  const reference = (number: number) => `INC-${String(number).padStart(6, "0")}`;
  const lists: [string, Actor, string, Record<string, string>][] = [
    ["admin", admin, "list: default (newest first)", {}],
    ["admin", admin, "list: work queue (actionable, soonest due)", { actionable: "true", sort: "due" }],
    ["admin", admin, "list: sort due, all statuses", { sort: "due" }],
    ["admin", admin, "list: sort oldest", { sort: "oldest" }],
    ["admin", admin, "list: status OPEN", { status: "OPEN" }],
    ["admin", admin, "list: status CLOSED", { status: "CLOSED" }],
    ["admin", admin, "list: kind suspected_fraud (rarest)", { kind: "suspected_fraud" }],
    ["admin", admin, "list: store", { storeId: other.storeId }],
    ["admin", admin, "list: overdue true", { overdue: "true" }],
    ["admin", admin, "list: from/to one day, 3 months ago", { from: day(90), to: day(90) }],
    ["admin", admin, "list: from 7 days ago", { from: day(7) }],
    ["admin", admin, "list: status + kind + from", { status: "CLOSED", kind: "unsigned_slip", from: day(30) }],
    ["admin", admin, "search: reference", { q: reference(other.number) }],
    ["admin", admin, "search: RRN (12 digits)", { q: other.rrn ?? "" }],
    ["admin", admin, "search: RRN, last 6 digits", { q: (other.rrn ?? "").slice(-6) }],
    ["admin", admin, "search: terminal ID", { q: sample.terminal.tid }],
    ["admin", admin, "search: English words (charged twice)", { q: "charged twice" }],
    ["admin", admin, "search: Chinese word, 2 chars (签名)", { q: "签名" }],
    ["admin", admin, "search: rare English word (chargeback)", { q: "chargeback" }],
    ["admin", admin, "search: no match (zzzzz)", { q: "zzzzz" }],
    ["supervisor", supervisor, "list: default (one store)", {}],
    ["supervisor", supervisor, "list: work queue (actionable, soonest due)", { actionable: "true", sort: "due" }],
    ["supervisor", supervisor, "search: Chinese word, 2 chars (签名)", { q: "签名" }],
    ["finance", finance, "list: overdue true", { overdue: "true" }],
  ];
  for (const [role, actor, label, params] of lists) {
    const listQuery = listIncidentsQuerySchema.parse(params);
    await time(role, label, () => listIncidents({ actor, query: listQuery }));
  }
  await prisma.$disconnect();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
