// Calls the real route handlers with real Requests, signed in as a demo user through the
// sign-in handler, against the per-file test database.
import { POST as signInHandler } from "@/app/api/auth/sign-in/route";

export const DEMO_PASSWORD = "slipcase-demo-2026";

export type DemoUser = "admin" | "supervisor" | "cashier" | "cashier2" | "finance";

const cookieJar = new Map<string, string>();

/** Forgets the sessions signed in: the next call signs in again (a fake clock moved past them). */
export function forgetSessions(): void {
  cookieJar.clear();
}

/** Signs in once per user per file and returns the Cookie header value. */
export async function sessionCookie(user: DemoUser): Promise<string> {
  const cached = cookieJar.get(user);
  if (cached) return cached;
  const response = await signInHandler(
    new Request("http://localhost/api/auth/sign-in", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: `${user}@demo.test`, password: DEMO_PASSWORD }),
    }),
    {},
  );
  if (response.status !== 200) throw new Error(`sign-in as ${user} failed: ${response.status}`);
  const cookie = response.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  cookieJar.set(user, cookie);
  return cookie;
}

export function jsonRequest(
  url: string,
  {
    method = "GET",
    body,
    cookie,
    headers = {},
  }: { method?: string; body?: unknown; cookie?: string; headers?: Record<string, string> } = {},
): Request {
  return new Request(`http://localhost${url}`, {
    method,
    headers: {
      ...(body === undefined ? {} : { "content-type": "application/json" }),
      ...(cookie ? { cookie } : {}),
      ...headers,
    },
    body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
  });
}

export function params<T extends Record<string, string>>(values: T) {
  return { params: Promise.resolve(values) };
}
