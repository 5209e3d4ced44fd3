// The security headers every response carries, built as plain data so they are unit-tested
// without a server; proxy.ts applies them. Pure: no I/O, no process.env.

export interface SecurityHeaderOptions {
  /** The per-request nonce that lets Next.js's own scripts (and only they) run. */
  nonce: string;
  /** The public URL is https: send HSTS and upgrade any stray http subresource. */
  https: boolean;
  /** `next dev` needs eval for its error overlay; production never does. */
  development?: boolean;
}

/**
 * A strict Content-Security-Policy: scripts only by nonce ('strict-dynamic' lets them load the
 * chunks they import), nothing embedded, no <base>, never framed, forms post only to us.
 * Styles: 'unsafe-inline' (without a nonce, which would void it) because Next.js's built-in 404
 * and error pages inline a <style> without the nonce and use style attributes. CSS cannot run
 * script, so script injection stays closed.
 */
export function contentSecurityPolicy({ nonce, https, development = false }: SecurityHeaderOptions): string {
  const directives: [string, ...string[]][] = [
    ["default-src", "'self'"],
    ["script-src", "'self'", `'nonce-${nonce}'`, "'strict-dynamic'", ...(development ? ["'unsafe-eval'"] : [])],
    ["style-src", "'self'", "'unsafe-inline'"],
    ["img-src", "'self'", "data:", "blob:"],
    ["font-src", "'self'"],
    ["connect-src", "'self'"],
    ["manifest-src", "'self'"],
    ["worker-src", "'self'"],
    ["object-src", "'none'"],
    ["base-uri", "'none'"],
    ["frame-src", "'none'"],
    ["frame-ancestors", "'none'"],
    ["form-action", "'self'"],
    ...(https ? [["upgrade-insecure-requests"] as [string]] : []),
  ];
  return directives.map((directive) => directive.join(" ")).join("; ");
}

/** Browser features the app never uses, switched off for it and anything it could embed. */
export const PERMISSIONS_POLICY = [
  "camera=()",
  "microphone=()",
  "geolocation=()",
  "payment=()",
  "usb=()",
  "serial=()",
  "bluetooth=()",
  "hid=()",
  "midi=()",
  "accelerometer=()",
  "gyroscope=()",
  "magnetometer=()",
  "display-capture=()",
  "browsing-topics=()",
].join(", ");

/** Two years, the HSTS preload list's minimum. */
const HSTS_MAX_AGE_SECONDS = 63_072_000;

export function securityHeaders(options: SecurityHeaderOptions): Record<string, string> {
  return {
    "Content-Security-Policy": contentSecurityPolicy(options),
    "X-Content-Type-Options": "nosniff",
    // Not no-referrer: with it a browser sends `Origin: null` on same-origin form posts, which
    // the same-origin check (and Next.js's server actions) must refuse.
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "Permissions-Policy": PERMISSIONS_POLICY,
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
    ...(options.https ? { "Strict-Transport-Security": `max-age=${HSTS_MAX_AGE_SECONDS}; includeSubDomains` } : {}),
  };
}

/** A fresh nonce: 128 random bits, base64. */
export function createNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes));
}

/**
 * Files that are the same for everyone and may be cached (build output, the manifest, icons);
 * every other answer — pages and the API — is per user and gets `Cache-Control: no-store`.
 */
export function isPublicAsset(pathname: string): boolean {
  return (
    pathname.startsWith("/_next/static/") ||
    pathname === "/manifest.webmanifest" ||
    pathname === "/icon.svg" ||
    pathname === "/favicon.ico" ||
    pathname.startsWith("/icons/")
  );
}

/**
 * A path whose segments do not all percent-decode to text (`/incidents/%ZZ`, an escaped NUL or
 * invalid UTF-8): the router would throw on it, so it is answered 400 before routing.
 */
export function isMalformedPath(rawPathname: string): boolean {
  for (const segment of rawPathname.split("/")) {
    if (!segment.includes("%")) continue;
    let decoded: string;
    try {
      decoded = decodeURIComponent(segment);
    } catch {
      return true;
    }
    if (decoded.includes("\u0000")) return true;
  }
  return false;
}

/** A query that smuggles a NUL character, which no text column (PostgreSQL) can hold. */
export function hasNulInQuery(rawSearch: string): boolean {
  return /%00/i.test(rawSearch) || rawSearch.includes("\u0000");
}
