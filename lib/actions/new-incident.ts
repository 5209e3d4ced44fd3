"use server";
// The "log incident" form's server action. The form posts here with or without JavaScript: the
// fields are read with the same schema as the API and the incident is created by the same use
// case, under the form's Idempotency-Key (made by the server for each render), so the same form
// sent twice logs one incident. Success goes to the new incident's page; a refusal answers the
// form with what was typed, any card number masked.
import { redirect } from "next/navigation";
import { getTimeZone } from "next-intl/server";
import { parseIdempotencyKey } from "@/lib/api/idempotency-key";
import { type ActionFailure, runServerAction } from "@/lib/api/server-action";
import { parseInput } from "@/lib/api/validation";
import { createIncident } from "@/lib/incidents/create-incident";
import { createIncidentSchema } from "@/lib/schemas/incident";
import {
  confirmsDuplicate,
  IDEMPOTENCY_KEY_FIELD,
  type IncidentFormValues,
  incidentFormValues,
  incidentInputFromForm,
  valuesToShowAgain,
} from "@/lib/schemas/incident-form";

/**
 * A refused form: the reason, and what was typed so the form can show it again. When open
 * incidents look like the same mishap the failure is `code: "DUPLICATE_SUSPECTED"` with
 * `details.duplicates: [{ id, reference }]` (read with suspectedDuplicates, lib/api/action-result.ts);
 * the form sends itself again with confirmDuplicate=true to log it anyway.
 */
export type NewIncidentState = ActionFailure & { values: IncidentFormValues };

export async function createIncidentAction(_state: NewIncidentState | null, form: FormData): Promise<NewIncidentState> {
  const values = incidentFormValues(form);
  // A browser without JavaScript sends the time as typed: it is read in the merchant's zone.
  const timeZone = await getTimeZone();
  const created: { id?: string } = {};
  const result = await runServerAction("createIncident", async (actor) => {
    const idempotencyKey = parseIdempotencyKey(form.get(IDEMPOTENCY_KEY_FIELD));
    const input = parseInput(createIncidentSchema, {
      ...incidentInputFromForm(values, { timeZone }),
      ...(confirmsDuplicate(form) ? { confirmDuplicate: true } : {}),
    });
    const { incident } = await createIncident({ actor, input, idempotencyKey });
    created.id = incident.id;
  });
  if (!result.ok) return { ...result, values: valuesToShowAgain(values) };
  redirect(`/incidents/${created.id}`);
}
