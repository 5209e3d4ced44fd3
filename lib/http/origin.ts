// Same-origin check for state-changing requests, shared by the API edge (lib/api/respond.ts) and
// proxy.ts (server actions). Pure: headers in, a boolean out; never throws on garbage.

/** The host the request was addressed to: the first X-Forwarded-Host, else Host (lower case). */
export function requestHost(headers: Headers): string | null {
  const forwarded = headers.get("x-forwarded-host")?.split(",")[0]?.trim();
  const host = forwarded || headers.get("host")?.trim();
  return host ? host.toLowerCase() : null;
}

/** The host of an Origin header value, or null when it is not an http(s) URL with a host. */
export function originHost(origin: string): string | null {
  if (!URL.canParse(origin)) return null;
  const url = new URL(origin);
  if ((url.protocol !== "http:" && url.protocol !== "https:") || !url.host) return null;
  return url.host.toLowerCase();
}

/**
 * True when the request carries no Origin (not sent by a browser across sites) or an Origin whose
 * host is the host the request was sent to. `null`, `::::`, `http://` and the like are never same.
 */
export function isSameOrigin(headers: Headers): boolean {
  const origin = headers.get("origin");
  if (origin === null) return true;
  const host = requestHost(headers);
  return host !== null && originHost(origin) === host;
}
