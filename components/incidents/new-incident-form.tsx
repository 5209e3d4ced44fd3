"use client";
// The cashier's "log incident" form: mobile-first, two required choices (kind and terminal), the
// rest optional and adapted to the kind, the submit button always in reach. It posts to a server
// action (components/ui/use-form-action.ts), so it logs the incident before the page's script has
// loaded or without it. The server checks every field at once and the form shows all it refused,
// beside each field and in a summary; the browser holds no schema (nothing heavy to download).
// One Idempotency-Key per form fill (made by the server, renewed in the browser) so a double tap
// or a retry never logs two incidents.
import { useTranslations } from "next-intl";
import { type FormEvent, useEffect, useId, useRef, useState } from "react";
import { FormFeedback } from "@/components/ui/form-feedback";
import { TextField } from "@/components/ui/input";
import { useFormAction } from "@/components/ui/use-form-action";
import { createIncidentAction } from "@/lib/actions/new-incident";
import { suspectedDuplicates } from "@/lib/api/action-result";
import { newIdempotencyKey } from "@/lib/api/new-idempotency-key";
import { IDEMPOTENCY_KEY_FIELD, INCIDENT_FORM_FIELDS, type IncidentFormField } from "@/lib/schemas/incident-form";
import { AmountField } from "./new-incident/amount-field";
import { CardLast4Field } from "./new-incident/card-last4-field";
import { DescriptionField } from "./new-incident/description-field";
import { DuplicateWarning } from "./new-incident/duplicate-warning";
import { KindField } from "./new-incident/kind-field";
import { DETAIL_FIELDS, SlipDetails } from "./new-incident/slip-details";
import { SubmitBar } from "./new-incident/submit-bar";
import { rememberTerminal, type TerminalOption, TerminalPicker } from "./new-incident/terminal-picker";
import { type FieldErrors, useIncidentFeedback } from "./new-incident/use-incident-feedback";

export type { TerminalOption };

/** Kinds where the amount is the heart of the case, so it is shown large. */
const AMOUNT_FIRST: readonly string[] = ["wrong_amount", "duplicate_charge"];

export function NewIncidentForm({
  terminals,
  idempotencyKey: renderedKey,
}: {
  terminals: TerminalOption[];
  /** Made by the server for this render: a form posted before hydration carries it. */
  idempotencyKey: string;
}) {
  const t = useTranslations("NewIncident");
  const formId = useId();
  const idOf = (field: IncidentFormField) => `${formId}-${field}`;
  const timeEdited = useRef(false);
  const { state, pending, unreachable, formProps } = useFormAction(createIncidentAction, { prepare });
  // After a refused post without JavaScript, the server renders what was typed; with JavaScript
  // the fields simply keep it.
  const [initial] = useState(() => state?.values ?? {});
  const [kind, setKind] = useState(initial.kind ?? "");
  const [currency, setCurrency] = useState(initial.currency || "CNY");
  const [idempotencyKey, setIdempotencyKey] = useState(renderedKey);
  const feedback = useIncidentFeedback(state, unreachable);
  const [moreOpen, setMoreOpen] = useState(() => DETAIL_FIELDS.some((field) => feedback.errors[field]));
  // Fields changed since the server's last answer: their errors are no longer shown.
  const [edited, setEdited] = useState<ReadonlySet<string>>(new Set());
  const [answer, setAnswer] = useState(state);
  if (state !== answer) {
    // A new answer: show all of it, and open the details if one of them was refused.
    setAnswer(state);
    setEdited(new Set());
    if (DETAIL_FIELDS.some((field) => feedback.errors[field])) setMoreOpen(true);
  }

  // A form mounted again (the back button) must not reuse a key another incident was logged with.
  useEffect(() => {
    setIdempotencyKey(newIdempotencyKey());
    if (initial.occurredAt) timeEdited.current = true;
  }, [initial.occurredAt]);

  /** The form as the server reads it: the time only when changed, with its zone. */
  function prepare(form: FormData): FormData {
    const typed = form.get("occurredAt");
    if (!timeEdited.current || typeof typed !== "string" || typed === "") form.delete("occurredAt");
    else if (!Number.isNaN(new Date(typed).getTime())) form.set("occurredAt", new Date(typed).toISOString());
    rememberTerminal(form.get("terminalId"));
    return form;
  }

  function onChange(event: FormEvent<HTMLFormElement>) {
    const { name, value } = event.target as HTMLInputElement;
    if (name === "currency") setCurrency(value);
    if (name && !edited.has(name)) setEdited(new Set(edited).add(name));
  }

  const errors: FieldErrors = Object.fromEntries(
    Object.entries(feedback.errors).filter(([field]) => !edited.has(field)),
  );
  const problems = INCIDENT_FORM_FIELDS.filter((field) => errors[field]).map((field) => ({
    id: idOf(field),
    message: errors[field] as string,
  }));
  const duplicates = suspectedDuplicates(state);
  const { message } = feedback;
  // A declined PIN moved no money: no amount and no RRN to record.
  const movedMoney = kind !== "pin_error";

  return (
    <form {...formProps} onChange={onChange} aria-busy={pending} className="space-y-5" data-testid="new-incident-form">
      <input type="hidden" name={IDEMPOTENCY_KEY_FIELD} value={idempotencyKey} />
      <FormFeedback
        state={state}
        testId="form-error"
        message={
          message?.kind === "duplicate" ? <DuplicateWarning duplicates={duplicates} pending={pending} /> : message?.text
        }
        problems={problems}
      >
        {message?.kind === "signIn" ? (
          <a href="/login?next=/incidents/new" className="font-semibold underline underline-offset-2">
            {t("signInAgain")}
          </a>
        ) : null}
      </FormFeedback>

      <KindField id={idOf("kind")} value={kind} onChange={setKind} error={errors.kind} />
      <TerminalPicker
        id={idOf("terminalId")}
        terminals={terminals}
        initial={initial.terminalId}
        error={errors.terminalId}
      />
      {movedMoney ? (
        <AmountField
          id={idOf("amount")}
          initial={initial.amount}
          currency={currency}
          large={AMOUNT_FIRST.includes(kind)}
          error={errors.amount}
        />
      ) : null}
      <CardLast4Field id={idOf("cardLast4")} initial={initial.cardLast4} error={errors.cardLast4} />
      {movedMoney ? (
        <TextField
          id={idOf("rrn")}
          name="rrn"
          label={t("rrn")}
          hint={t("rrnHint")}
          error={errors.rrn}
          errorTestId="error-rrn"
          defaultValue={initial.rrn}
          inputMode="numeric"
          pattern="\d{12}"
          autoComplete="off"
          maxLength={12}
          className="h-12 font-mono"
        />
      ) : null}
      <DescriptionField id={idOf("description")} initial={initial.description} error={errors.description} />
      <SlipDetails
        idOf={idOf}
        initial={initial}
        errors={errors}
        open={moreOpen}
        onToggle={setMoreOpen}
        onTimeEdited={() => {
          timeEdited.current = true;
        }}
      />
      <SubmitBar pending={pending} />
    </form>
  );
}
