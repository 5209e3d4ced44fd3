// POST /api/reconciliation/exceptions/incidents: opens (or links) incidents for up to 500
// exceptions, each in its own transaction, and reports per id — one refused exception (or one
// that failed unexpectedly, rolled back) does not stop the others.
import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { HTTP_STATUS, isAppError } from "@/lib/errors/app-error";
import { errorText } from "@/lib/errors/translate";
import type { Locale } from "@/lib/i18n/locales";
import type { IncidentStatus } from "@/lib/incidents/rules";
import { log } from "@/lib/log";
import { openIncidentFromException } from "@/lib/reconciliation/exceptions/open-incident";
import { requireReconciliation } from "@/lib/reconciliation/exceptions/require-permission";
import type { OpenIncidentsInput } from "@/lib/schemas/reconciliation";

export type OpenIncidentsResult =
  | {
      id: string;
      status: 200 | 201;
      incident: { id: string; reference: string; status: IncidentStatus };
      linked: boolean;
    }
  | { id: string; status: number; error: { code: string; reason: string; message: string } };

export async function openIncidentsFromExceptions({
  actor,
  input,
  locale,
}: {
  actor: Actor;
  input: OpenIncidentsInput;
  locale: Locale;
}): Promise<{ results: OpenIncidentsResult[] }> {
  requireReconciliation(actor, "reconciliation.resolve");
  const results: OpenIncidentsResult[] = [];
  for (const id of new Set(input.ids)) {
    try {
      const { incident, linked } = await openIncidentFromException({ actor, id });
      results.push({
        id,
        status: linked ? 200 : 201,
        incident: { id: incident.id, reference: incident.reference, status: incident.status },
        linked,
      });
    } catch (error) {
      if (!isAppError(error)) {
        // The ones before are done and this one rolled back: say so per id, and go on.
        log.error("Unhandled error opening an incident from an exception", { exceptionId: id, error });
        const internal = { reason: "INTERNAL_ERROR" } as const;
        results.push({
          id,
          status: 500,
          error: { code: "INTERNAL", ...internal, message: errorText(locale, internal) },
        });
        continue;
      }
      results.push({
        id,
        status: HTTP_STATUS[error.code],
        error: {
          code: error.code,
          reason: error.reason,
          message: errorText(locale, { reason: error.reason, params: error.params }),
        },
      });
    }
  }
  return { results };
}
