// Where a browser's plain form upload lands when no script took it over (progressive
// enhancement: the upload form posts multipart to POST /api/reconciliation/imports before the
// page's JavaScript has loaded, or without it). Such a request asks for a page — its Accept names
// text/html, as every browser's form navigation does, while the page's own XMLHttpRequest, fetch
// and API clients ask for JSON or anything (see prefersHtml) — and is answered 303 See Other:
// queued or already imported → the import's page; refused → back to /reconciliation with the
// problem in the address as keys and numbers only (a reason, a field name, a count, line numbers):
// never a cell of the file, its name or anything typed, so no card data and no secret ever
// reaches a URL, a log or a browser's history. Pure; the page reads the notice back with
// uploadNoticeOf.
import { isAppError } from "@/lib/errors/app-error";
import { ERROR_MESSAGES, isErrorReason } from "@/lib/errors/messages";
import type { RowError } from "@/lib/reconciliation/types";

/** How many line numbers the address carries (the page says how many more there are). */
export const NOTICE_MAX_LINES = 20;

/** The fields of the upload form an error may name. */
const UPLOAD_FIELDS = ["file", "type", "format"] as const;
export type UploadField = (typeof UPLOAD_FIELDS)[number];

/**
 * True when the request asks for a page rather than data: its Accept names text/html and not
 * application/json. A browser navigating (a form submitted without JavaScript) sends
 * "text/html,application/xhtml+xml,…"; the upload form's script sends "application/json"; curl
 * and most API clients send a wildcard or nothing.
 */
export function prefersHtml(headers: Headers): boolean {
  const accept = (headers.get("accept") ?? "").toLowerCase();
  return accept.includes("text/html") && !accept.includes("application/json");
}

export function importPagePath(importId: string, { duplicate = false } = {}): string {
  return `/reconciliation/imports/${encodeURIComponent(importId)}${duplicate ? "?duplicate=1" : ""}`;
}

/** Back to the upload form, saying the file was refused and on which lines. */
export function refusedPath(errors: readonly RowError[], errorCount: number): string {
  const lines = [...new Set(errors.map((error) => error.line))].sort((a, b) => a - b).slice(0, NOTICE_MAX_LINES);
  const query = new URLSearchParams({ upload: "FILE_REFUSED", count: String(errorCount) });
  if (lines.length > 0) query.set("lines", lines.join(","));
  return `/reconciliation?${query}#upload-notice`;
}

/**
 * Back to the upload form (or to sign in), naming the problem by its reason and field; anything
 * but an AppError is INTERNAL_ERROR (the caller logs it).
 */
export function errorPath(error: unknown): string {
  if (!isAppError(error)) return `/reconciliation?upload=INTERNAL_ERROR#upload-notice`;
  if (error.code === "UNAUTHENTICATED") return "/login";
  const query = new URLSearchParams();
  const field = UPLOAD_FIELDS.find((name) => error.fields?.[name]);
  if (field) {
    query.set("upload", error.fields?.[field]?.reason ?? error.reason);
    query.set("field", field);
  } else {
    query.set("upload", error.reason);
  }
  return `/reconciliation?${query}#upload-notice`;
}

/** A 303 to where a page-asking upload lands; the Location is relative (right behind any proxy). */
export function seeOther(path: string): Response {
  return new Response(null, { status: 303, headers: { Location: path } });
}

/** What /reconciliation says about an upload sent back to it. */
export interface UploadNotice {
  /** A reason of the error catalogue (lib/errors/messages.ts), or null: say it was not imported. */
  reason: string | null;
  field: UploadField | null;
  /** FILE_REFUSED: how many problems, and the first lines that have them. */
  count: number | null;
  lines: number[];
}

type Query = Record<string, string | string[] | undefined>;

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

/**
 * The notice in the address, or null. Only what the page can word without trusting the address
 * with text: a reason whose words need no parameter, FILE_TOO_LARGE (the page knows the limit)
 * and FILE_REFUSED (a count and line numbers); any other reason reads "not imported".
 */
export function uploadNoticeOf(query: Query): UploadNotice | null {
  const upload = first(query.upload);
  if (!upload) return null;
  const fieldText = first(query.field);
  const field = UPLOAD_FIELDS.find((name) => name === fieldText) ?? null;
  const wordable =
    isErrorReason(upload) &&
    (Object.keys(ERROR_MESSAGES[upload]).length === 0 || upload === "FILE_TOO_LARGE" || upload === "FILE_REFUSED");
  const reason = wordable ? upload : null;
  if (reason !== "FILE_REFUSED") return { reason, field, count: null, lines: [] };
  const count = Number(first(query.count));
  const lines = (first(query.lines) ?? "")
    .split(",")
    .filter((text) => /^\d{1,9}$/.test(text))
    .map(Number)
    .slice(0, NOTICE_MAX_LINES);
  return {
    reason,
    field,
    count: Number.isSafeInteger(count) && count > 0 ? count : Math.max(lines.length, 1),
    lines,
  };
}
