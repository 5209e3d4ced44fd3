"use client";
// What the "log incident" form shows for the server's answer: a message for every refused field
// (all of them at once: the server checks the whole form in one go) and one line for the form.
// Each field has its own wording here ("Choose the terminal."); a reason this form does not know
// falls back to the catalogue's words (components/ui/error-text.ts).
import { useTranslations } from "next-intl";
import { useErrorText } from "@/components/ui/error-text";
import type { NewIncidentState } from "@/lib/actions/new-incident";
import { INCIDENT_FORM_FIELDS, type IncidentFormField } from "@/lib/schemas/incident-form";

export type FieldErrors = Partial<Record<IncidentFormField, string>>;

export type FormMessage = { kind: "fields" | "message" | "signIn" | "duplicate"; text: string } | null;

/** Reasons with a wording of this form's own, by the key under NewIncident.errors. */
const OWN_WORDING: Record<string, string> = {
  OCCURRED_IN_FUTURE: "occurredAtFuture",
  AMOUNT_NOT_A_NUMBER: "amountFormat",
  AMOUNT_NOT_POSITIVE: "amountPositive",
  AMOUNT_TOO_LARGE: "amountMax",
  TERMINAL_NOT_IN_YOUR_STORES: "terminalNotYours",
  TERMINAL_UNKNOWN: "terminalNotYours",
};

function isField(value: string): value is IncidentFormField {
  return (INCIDENT_FORM_FIELDS as readonly string[]).includes(value);
}

export function useIncidentFeedback(state: NewIncidentState | null, unreachable: boolean) {
  const t = useTranslations("NewIncident.errors");
  const errorText = useErrorText();
  const errors: FieldErrors = {};
  if (unreachable) return { errors, message: { kind: "message", text: t("network") } as FormMessage };
  if (!state) return { errors, message: null as FormMessage };

  const { code, fields, fieldReasons } = state;
  for (const field of Object.keys(fields)) {
    if (!isField(field)) continue;
    const own = OWN_WORDING[fieldReasons[field]?.reason ?? ""];
    if (own) errors[field] = t(own);
    else if (field === "terminalId" && (code === "FORBIDDEN" || code === "RULE_VIOLATION"))
      errors[field] = t("terminalNotYours");
    else if (t.has(field)) errors[field] = t(field);
    else errors[field] = errorText.field(state, field) ?? fields[field];
  }

  let message: FormMessage;
  if (code === "UNAUTHENTICATED") message = { kind: "signIn", text: t("unauthenticated") };
  else if (fields["Idempotency-Key"] || fields.idempotencyKey) message = { kind: "message", text: t("idempotency") };
  else if (Object.keys(errors).length > 0) message = { kind: "fields", text: t("summary") };
  else if (code === "DUPLICATE_SUSPECTED") message = { kind: "duplicate", text: "" };
  else if (code === "FORBIDDEN") message = { kind: "message", text: t("forbidden") };
  else message = { kind: "message", text: t("generic") };
  return { errors, message };
}
