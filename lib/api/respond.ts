// The HTTP edge of the domain: reads JSON bodies, runs a handler, and maps every error to the
// `{ error: { code, reason, params, message, fields?, fieldReasons? } }` shape in one place, with
// `message` and `fields` worded in the caller's language (the locale cookie, else
// Accept-Language, else English) and `reason`/`params` the stable keys behind them. Unexpected
// errors are logged and answered with a generic 500 that carries no stack trace. Every answer is
// `Cache-Control: no-store`: API answers are per user and must not sit in a browser's or a
// proxy's cache.
import "server-only";
import type { z } from "zod";
import { parseInput } from "@/lib/api/validation";
import { env } from "@/lib/env";
import { AppError, HTTP_STATUS, isAppError } from "@/lib/errors/app-error";
import { errorBody, errorText } from "@/lib/errors/translate";
import { isSameOrigin } from "@/lib/http/origin";
import { DEFAULT_LOCALE, type Locale, localeFromHeaders } from "@/lib/i18n/locales";
import { log } from "@/lib/log";

export function errorResponse(error: AppError, locale: Locale = DEFAULT_LOCALE): Response {
  return Response.json(errorBody(error, locale), {
    status: HTTP_STATUS[error.code],
    headers: { "content-language": locale },
  });
}

function tooLarge(limit: number): AppError {
  const tooLarge = { reason: "BODY_TOO_LARGE", params: { limit } } as const;
  return new AppError("PAYLOAD_TOO_LARGE", tooLarge, { body: tooLarge });
}

/**
 * Reads the body as UTF-8 text, refusing it with 413 before parsing when it is larger than
 * `limit`: at once when Content-Length says so, else as soon as the bytes read pass the limit
 * (a chunked body has no length), so an oversized body is never buffered whole.
 */
export async function readBodyText(request: Request, limit = env.API_JSON_BODY_LIMIT_BYTES): Promise<string> {
  const declared = request.headers.get("content-length");
  if (declared !== null && /^\d+$/.test(declared.trim()) && Number(declared) > limit) {
    await request.body?.cancel().catch(() => {});
    throw tooLarge(limit);
  }
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      throw tooLarge(limit);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, size).toString("utf8");
}

export async function readJson<T extends z.ZodType>(request: Request, schema: T): Promise<z.infer<T>> {
  const text = await readBodyText(request);
  if (!text.trim()) throw new AppError("BAD_REQUEST", { reason: "BODY_EMPTY" }, { body: { reason: "REQUIRED" } });
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new AppError("BAD_REQUEST", { reason: "BODY_NOT_JSON" }, { body: { reason: "BODY_NOT_JSON" } });
  }
  if (!body || typeof body !== "object" || Array.isArray(body)) {
    throw new AppError("BAD_REQUEST", { reason: "BODY_NOT_OBJECT" }, { body: { reason: "BODY_NOT_OBJECT" } });
  }
  return parseInput(schema, body);
}

/**
 * Rejects a cross-site state change: a browser always sends Origin on a cross-origin POST. An
 * Origin that is not a URL with a host (`null`, `::::`, `http://`) is cross-site too.
 */
function checkOrigin(request: Request) {
  if (request.method === "GET" || request.method === "HEAD") return;
  if (!isSameOrigin(request.headers)) throw new AppError("FORBIDDEN", { reason: "CROSS_SITE_REFUSED" });
}

function noStore(response: Response): Response {
  try {
    response.headers.set("cache-control", "no-store");
    return response;
  } catch {
    // A response with immutable headers (e.g. Response.redirect): copy it.
    const copy = new Response(response.body, response);
    copy.headers.set("cache-control", "no-store");
    return copy;
  }
}

export function apiHandler<C>(handler: (request: Request, context: C) => Promise<Response>) {
  return async (request: Request, context: C): Promise<Response> => {
    try {
      checkOrigin(request);
      return noStore(await handler(request, context));
    } catch (error) {
      const locale = localeFromHeaders(request.headers);
      if (isAppError(error)) return noStore(errorResponse(error, locale));
      log.error("Unhandled error in API route", { method: request.method, url: request.url, error });
      const internal = { reason: "INTERNAL_ERROR", params: {} } as const;
      return noStore(
        Response.json(
          { error: { code: "INTERNAL", ...internal, message: errorText(locale, internal) } },
          { status: 500, headers: { "content-language": locale } },
        ),
      );
    }
  };
}
