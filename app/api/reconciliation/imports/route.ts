// POST: upload a POS journal, acquirer statement or bank file for reconciliation (multipart:
// file, type, format?) → 202 with the queued import, 200 with the earlier import when the same
// file came before, 413 past the size limit, 422 with the line errors of a refused small file.
// GET: the merchant's latest imports. This route is outside proxy.ts (its matcher), which would
// buffer the whole upload in memory: it sets the security headers itself.
// The upload form posts here without JavaScript too: a request whose Accept asks for a page (a
// browser's form navigation) is answered 303 to the import's page or back to /reconciliation
// naming the problem (lib/reconciliation/imports/upload-page-answer.ts); API clients and the
// form's script (Accept: application/json) get the JSON above.
import { apiHandler } from "@/lib/api/respond";
import { unproxiedRoute } from "@/lib/api/unproxied-route";
import { requireActor } from "@/lib/auth/actor";
import { AppError, isAppError } from "@/lib/errors/app-error";
import { errorBody } from "@/lib/errors/translate";
import { localeFromHeaders } from "@/lib/i18n/locales";
import { wakeJobWorker } from "@/lib/jobs/worker";
import { log } from "@/lib/log";
import { listImports } from "@/lib/reconciliation/imports/get-import";
import { queueImport } from "@/lib/reconciliation/imports/queue-import";
import { translateRowErrors } from "@/lib/reconciliation/imports/translate-row-errors";
import {
  errorPath,
  importPagePath,
  prefersHtml,
  refusedPath,
  seeOther,
} from "@/lib/reconciliation/imports/upload-page-answer";

export const POST = unproxiedRoute(
  apiHandler(async (request) => {
    if (!prefersHtml(request.headers)) return uploadForApi(request);
    try {
      const result = await queueImport({ actor: await requireActor(request.headers), request });
      if (result.outcome === "refused") return seeOther(refusedPath(result.errors, result.errorCount));
      if (result.outcome === "queued") wakeJobWorker();
      return seeOther(importPagePath(result.import.id, { duplicate: result.outcome === "duplicate" }));
    } catch (error) {
      if (!isAppError(error)) log.error("Unhandled error in a page upload", { url: request.url, error });
      return seeOther(errorPath(error));
    }
  }),
);

async function uploadForApi(request: Request): Promise<Response> {
  const actor = await requireActor(request.headers);
  const result = await queueImport({ actor, request });
  if (result.outcome === "refused") {
    const locale = localeFromHeaders(request.headers);
    const refused = new AppError("RULE_VIOLATION", { reason: "FILE_REFUSED", params: { count: result.errorCount } });
    const errors = await translateRowErrors(result.errors, locale);
    const body = errorBody(refused, locale);
    return Response.json(
      { ...body, error: { ...body.error, errorCount: result.errorCount, errors }, errors },
      { status: 422, headers: { "content-language": locale } },
    );
  }
  if (result.outcome === "duplicate") return Response.json({ import: result.import, duplicate: true });
  wakeJobWorker();
  return Response.json(
    { import: result.import },
    { status: 202, headers: { Location: `/api/reconciliation/imports/${result.import.id}` } },
  );
}

export const GET = unproxiedRoute(
  apiHandler(async (request) => {
    const actor = await requireActor(request.headers);
    return Response.json({ imports: await listImports({ actor }) });
  }),
);
