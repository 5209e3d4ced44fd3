// The HTTP edge of the domain: reads JSON bodies, runs a handler, and maps every error to the
// `{ error: { code, message, fields? } }` shape in one place. Unexpected errors are logged and
// answered with a generic 500 that carries no stack trace.
import "server-only";
import type { z } from "zod";
import { parseInput } from "@/lib/api/validation";
import { AppError, HTTP_STATUS, isAppError } from "@/lib/errors/app-error";
import { log } from "@/lib/log";

export function errorResponse(error: AppError): Response {
  return Response.json(
    { error: { code: error.code, message: error.message, ...(error.fields ? { fields: error.fields } : {}) } },
    { status: HTTP_STATUS[error.code] },
  );
}

export async function readJson<T extends z.ZodType>(request: Request, schema: T): Promise<z.infer<T>> {
  const text = await request.text();
  if (!text.trim()) throw new AppError("BAD_REQUEST", "The request body must be a JSON object.", { body: "Required." });
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new AppError("BAD_REQUEST", "The request body is not valid JSON.", { body: "Not valid JSON." });
  }
  if (!body || typeof body !== "object" || Array.isArray(body)) {
    throw new AppError("BAD_REQUEST", "The request body must be a JSON object.", { body: "Must be an object." });
  }
  return parseInput(schema, body);
}

/** Rejects a cross-site state change: a browser always sends Origin on a cross-origin POST. */
function checkOrigin(request: Request) {
  if (request.method === "GET" || request.method === "HEAD") return;
  const origin = request.headers.get("origin");
  if (!origin) return;
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
  if (!host || new URL(origin).host !== host) {
    throw new AppError("FORBIDDEN", "Cross-site requests are not allowed.");
  }
}

export function apiHandler<C>(handler: (request: Request, context: C) => Promise<Response>) {
  return async (request: Request, context: C): Promise<Response> => {
    try {
      checkOrigin(request);
      return await handler(request, context);
    } catch (error) {
      if (isAppError(error)) return errorResponse(error);
      log.error("Unhandled error in API route", { method: request.method, url: request.url, error });
      return Response.json(
        { error: { code: "INTERNAL", message: "Something went wrong on our side. Please try again." } },
        { status: 500 },
      );
    }
  };
}
