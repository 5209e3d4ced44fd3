// Where a plain (no-JavaScript) upload lands, and what the page reads back from the address.
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { AppError } from "@/lib/errors/app-error";
import { ERROR_MESSAGES, isErrorReason } from "@/lib/errors/messages";
import {
  errorPath,
  importPagePath,
  NOTICE_MAX_LINES,
  prefersHtml,
  refusedPath,
  uploadNoticeOf,
} from "@/lib/reconciliation/imports/upload-page-answer";
import type { RowError } from "@/lib/reconciliation/types";

const query = (path: string) => Object.fromEntries(new URL(path, "http://x").searchParams);

describe("who gets a page", () => {
  test.each([
    ["text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8", true],
    ["text/html", true],
    ["application/json", false],
    ["*/*", false],
    ["", false],
    ["text/html, application/json", false],
  ])("Accept %j → page: %s", (accept, page) => {
    expect(prefersHtml(new Headers(accept ? { accept } : {}))).toBe(page);
  });
});

describe("the address", () => {
  test("a refused file: the count and its first lines in order, once each, and nothing of the rows", () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ line: fc.integer({ min: 1, max: 1_000_000 }), value: fc.string({ minLength: 1 }) }), {
          minLength: 1,
          maxLength: 150,
        }),
        (rows) => {
          const errors: RowError[] = rows.map(({ line, value }) => ({
            line,
            column: "交易金额",
            message: `Not an amount: ${value}`,
            reason: "amount_invalid",
            params: { value },
          }));
          const path = refusedPath(errors, errors.length);
          expect(Object.keys(query(path)).sort()).toEqual(["count", "lines", "upload"]);
          const notice = uploadNoticeOf(query(path));
          const expected = [...new Set(rows.map((row) => row.line))].sort((a, b) => a - b).slice(0, NOTICE_MAX_LINES);
          expect(notice).toEqual({ reason: "FILE_REFUSED", field: null, count: errors.length, lines: expected });
        },
      ),
    );
  });

  test("an error names its reason and the form's field; signed out goes to sign in; anything else is an internal error", () => {
    const required = { reason: "REQUIRED" } as const;
    expect(errorPath(new AppError("BAD_REQUEST", required, { file: required }))).toBe(
      "/reconciliation?upload=REQUIRED&field=file#upload-notice",
    );
    expect(errorPath(new AppError("FORBIDDEN", { reason: "RECONCILIATION_ONLY" }))).toBe(
      "/reconciliation?upload=RECONCILIATION_ONLY#upload-notice",
    );
    expect(errorPath(new AppError("UNAUTHENTICATED", { reason: "SIGN_IN_REQUIRED" }))).toBe("/login");
    expect(errorPath(new Error("boom"))).toBe("/reconciliation?upload=INTERNAL_ERROR#upload-notice");
    expect(importPagePath("abc", { duplicate: true })).toBe("/reconciliation/imports/abc?duplicate=1");
  });

  test("the page words only reasons it knows, and takes no text from the address", () => {
    fc.assert(
      fc.property(
        fc.dictionary(fc.constantFrom("upload", "field", "count", "lines", "limit"), fc.string()),
        (address) => {
          const notice = uploadNoticeOf(address);
          if (!address.upload) {
            expect(notice).toBeNull();
            return;
          }
          const reason = notice?.reason ?? null;
          // A reason the page words with no parameter from the address, or one of the two it fills.
          if (reason !== null && reason !== "FILE_REFUSED" && reason !== "FILE_TOO_LARGE") {
            expect(isErrorReason(reason) && Object.keys(ERROR_MESSAGES[reason])).toEqual([]);
          }
          expect([null, "file", "type", "format"]).toContain(notice?.field);
          for (const line of notice?.lines ?? []) expect(Number.isInteger(line)).toBe(true);
        },
      ),
    );
    expect(uploadNoticeOf({ upload: "TERMINAL_UNKNOWN", terminal: "call 555" })?.reason).toBeNull();
    expect(uploadNoticeOf({ upload: "constructor" })?.reason).toBeNull();
    expect(uploadNoticeOf({ upload: "FILE_EMPTY", field: "file" })).toEqual({
      reason: "FILE_EMPTY",
      field: "file",
      count: null,
      lines: [],
    });
  });
});
