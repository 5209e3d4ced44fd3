// Runs before every request (pages, the API, static files, 404s and errors alike) except the two
// reconciliation uploads (see `config` below):
// puts the security headers on every response, with a fresh CSP nonce per request that Next.js
// stamps on its own scripts; answers 400 for a path the router cannot decode and 403 for a
// cross-site server action, which Next.js would otherwise answer with a 500. This is not the
// security boundary — every handler and action checks the caller again — only the outer coat.
import { type NextRequest, NextResponse } from "next/server";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors/app-error";
import type { ErrorMessage } from "@/lib/errors/messages";
import { errorBody, errorText } from "@/lib/errors/translate";
import { isSameOrigin } from "@/lib/http/origin";
import {
  createNonce,
  hasNulInQuery,
  isMalformedPath,
  isPublicAsset,
  securityHeaders,
} from "@/lib/http/security-headers";
import { localeFromHeaders } from "@/lib/i18n/locales";

const https = env.BETTER_AUTH_URL?.startsWith("https:") ?? false;
const development = env.NODE_ENV === "development";

function withHeaders(response: Response, headers: Record<string, string>, pathname: string): Response {
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  if (!isPublicAsset(pathname)) response.headers.set("Cache-Control", "no-store");
  return response;
}

/** A refusal in the caller's language: the API's error shape under /api/, else plain text. */
function refuse(request: Request, pathname: string, status: 400 | 403, message: ErrorMessage, field: string): Response {
  const locale = localeFromHeaders(request.headers);
  if (pathname.startsWith("/api/")) {
    const error = new AppError(status === 400 ? "BAD_REQUEST" : "FORBIDDEN", message, { [field]: message });
    return Response.json(errorBody(error, locale), { status, headers: { "content-language": locale } });
  }
  return new Response(errorText(locale, message), {
    status,
    headers: { "Content-Type": "text/plain; charset=utf-8", "Content-Language": locale },
  });
}

/**
 * Next.js reads a multipart POST to any page (or unknown path) as a server-action form and
 * answers 500 when the body is not valid multipart; refuse that here with 400 instead.
 */
async function isUnreadableMultipart(request: NextRequest): Promise<boolean> {
  if (request.method !== "POST") return false;
  if (!request.headers.get("content-type")?.toLowerCase().startsWith("multipart/form-data")) return false;
  try {
    await request.clone().formData();
    return false;
  } catch {
    return true;
  }
}

export async function proxy(request: NextRequest) {
  const nonce = createNonce();
  const headers = securityHeaders({ nonce, https, development });
  // The raw path, escapes intact (nextUrl may hold it already decoded).
  const raw = new URL(request.url);
  const pathname = raw.pathname;

  if (isMalformedPath(pathname)) {
    return withHeaders(refuse(request, pathname, 400, { reason: "PATH_NOT_DECODABLE" }, "path"), headers, pathname);
  }
  if (hasNulInQuery(raw.search)) {
    return withHeaders(refuse(request, pathname, 400, { reason: "QUERY_HAS_NUL" }, "query"), headers, pathname);
  }
  // A server action comes as a fetch with a Next-Action header or, before hydration or without
  // JavaScript, as a plain form post to the page: so any POST outside the API (which checks its own).
  const serverAction = request.headers.has("next-action") || !pathname.startsWith("/api/");
  if (request.method === "POST" && serverAction && !isSameOrigin(request.headers)) {
    return withHeaders(refuse(request, pathname, 403, { reason: "CROSS_SITE_REFUSED" }, "Origin"), headers, pathname);
  }

  if (await isUnreadableMultipart(request)) {
    return withHeaders(refuse(request, pathname, 400, { reason: "MULTIPART_UNREADABLE" }, "body"), headers, pathname);
  }

  // Next.js reads the nonce from the request's CSP header while rendering.
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("Content-Security-Policy", headers["Content-Security-Policy"]);
  return withHeaders(NextResponse.next({ request: { headers: requestHeaders } }), headers, pathname);
}

/**
 * Every path but the reconciliation's file uploads. Next.js buffers a request's body in memory
 * for the proxy (and cuts it at 10 MB): a 200 MB import must stream straight to its route
 * instead, which checks the caller and the origin and sets these same headers itself
 * (lib/http/security-headers.ts apiSecurityHeaders).
 */
export const config = {
  matcher: ["/((?!api/reconciliation/imports$|api/reconciliation/preview$).*)"],
};
