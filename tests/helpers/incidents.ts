// Incident API calls as a demo user, through the real route handlers, and builders that put an
// incident into the state a test needs (each builder asserts every call it makes succeeded).
import { POST as closeRoute } from "@/app/api/incidents/[id]/close/route";
import { POST as reopenRoute } from "@/app/api/incidents/[id]/reopen/route";
import { GET as getRoute } from "@/app/api/incidents/[id]/route";
import { POST as stepRoute } from "@/app/api/incidents/[id]/steps/[key]/route";
import { POST as createRoute, GET as listRoute } from "@/app/api/incidents/route";
import { prisma } from "@/lib/db/client";
import type { StepKey } from "@/lib/incidents/rules";
import type { IncidentDetailDto, IncidentDto } from "@/lib/schemas/incident";
import { type DemoUser, jsonRequest, params, sessionCookie } from "@/tests/helpers/api";

export interface ApiError {
  error: {
    code: string;
    reason: string;
    params: Record<string, string | number>;
    message: string;
    fields?: Record<string, string>;
    fieldReasons?: Record<string, { reason: string; params: Record<string, string | number> }>;
  };
}

export interface ApiResult<T> {
  status: number;
  headers: Headers;
  body: T;
}

/** Who is calling: a demo user, or nobody (no session cookie). */
export type Caller = DemoUser | null;

async function cookieOf(user: Caller): Promise<string | undefined> {
  return user ? sessionCookie(user) : undefined;
}

async function result<T>(response: Response): Promise<ApiResult<T>> {
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: (text ? JSON.parse(text) : null) as T };
}

export async function createAs<T = IncidentDto>(
  user: Caller,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<ApiResult<T>> {
  const request = jsonRequest("/api/incidents", { method: "POST", cookie: await cookieOf(user), body, headers });
  return result<T>(await createRoute(request, {}));
}

export async function listAs<T = { items: IncidentDto[]; nextCursor: string | null }>(
  user: Caller,
  query: Record<string, string> = {},
): Promise<ApiResult<T>> {
  const search = new URLSearchParams(query).toString();
  const request = jsonRequest(`/api/incidents${search ? `?${search}` : ""}`, { cookie: await cookieOf(user) });
  return result<T>(await listRoute(request, {}));
}

export async function getAs<T = IncidentDetailDto>(user: Caller, id: string): Promise<ApiResult<T>> {
  const request = jsonRequest(`/api/incidents/${id}`, { cookie: await cookieOf(user) });
  return result<T>(await getRoute(request, params({ id })));
}

export async function stepAs<T = IncidentDto>(
  user: Caller,
  id: string,
  key: string,
  body: unknown,
): Promise<ApiResult<T>> {
  const request = jsonRequest(`/api/incidents/${id}/steps/${key}`, {
    method: "POST",
    cookie: await cookieOf(user),
    body,
  });
  return result<T>(await stepRoute(request, params({ id, key })));
}

export async function closeAs<T = IncidentDto>(user: Caller, id: string, body: unknown): Promise<ApiResult<T>> {
  const request = jsonRequest(`/api/incidents/${id}/close`, { method: "POST", cookie: await cookieOf(user), body });
  return result<T>(await closeRoute(request, params({ id })));
}

export async function reopenAs<T = IncidentDto>(user: Caller, id: string, body: unknown): Promise<ApiResult<T>> {
  const request = jsonRequest(`/api/incidents/${id}/reopen`, { method: "POST", cookie: await cookieOf(user), body });
  return result<T>(await reopenRoute(request, params({ id })));
}

function expectStatus<T>(what: string, response: ApiResult<T>, status: number): T {
  if (response.status !== status) {
    throw new Error(`${what} answered ${response.status}, expected ${status}: ${JSON.stringify(response.body)}`);
  }
  return response.body;
}

/** Logs an incident (admin by default, on Store 1's first terminal) and returns it. */
export async function logIncident(
  overrides: Record<string, unknown> = {},
  user: DemoUser = "admin",
): Promise<IncidentDto> {
  const body = { kind: "wrong_amount", terminalId: "T1000001", amount: "88.00", ...overrides };
  return expectStatus(`logging ${JSON.stringify(body)} as ${user}`, await createAs(user, body), 201);
}

/** The body that completes a step (re-signing needs how the cardholder was reached). */
export function completeBody(key: StepKey, version: number): Record<string, unknown> {
  return key === "resign"
    ? { action: "complete", contactMethod: "phone", identityVerified: true, version }
    : { action: "complete", version };
}

/** Completes the given steps in order as `user` (admin may do every step). */
export async function completeSteps(
  incident: IncidentDto,
  keys: readonly StepKey[],
  user: DemoUser = "admin",
): Promise<IncidentDto> {
  let current = incident;
  for (const key of keys) {
    current = expectStatus(
      `completing ${key} as ${user}`,
      await stepAs(user, current.id, key, completeBody(key, current.version)),
      200,
    );
  }
  return current;
}

/** Completes every applicable step still pending, in order, as admin. */
export async function completeAllSteps(incident: IncidentDto): Promise<IncidentDto> {
  const pending = incident.steps.filter((step) => step.status === "pending").map((step) => step.key);
  return completeSteps(incident, pending);
}

/** A close's causes and money outcome, for tests about something else (issue 9 made them required). */
export const CLOSE_OUTCOME = { causes: ["distraction"], recoveredAmount: "0", lostAmount: "0" } as const;

/** An incident walked through its checklist and closed, as admin. */
export async function closedIncident(overrides: Record<string, unknown> = {}): Promise<IncidentDto> {
  const walked = await completeAllSteps(await logIncident(overrides));
  return expectStatus(
    "closing",
    await closeAs("admin", walked.id, { ...CLOSE_OUTCOME, resolution: "voided", version: walked.version }),
    200,
  );
}

/** What a denied or failed change must leave untouched: read straight from the database. */
export async function incidentState(id: string) {
  const incident = await prisma.incident.findUniqueOrThrow({
    where: { id },
    select: {
      version: true,
      status: true,
      resolution: true,
      closedAt: true,
      updatedAt: true,
      steps: { orderBy: { position: "asc" }, select: { key: true, status: true, actorId: true, note: true } },
    },
  });
  const events = await prisma.auditEvent.count({ where: { incidentId: id } });
  return { ...incident, events };
}

/** A Luhn-valid test card number, built at runtime so no full PAN sits in the source. */
export function testPan(): string {
  return `4111${"1111".repeat(3)}`;
}
