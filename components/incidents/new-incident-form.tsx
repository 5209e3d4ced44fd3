"use client";
// The cashier's "log incident" form: mobile-first, two required choices (kind and terminal), the
// rest optional and adapted to the kind. It posts to a server action, so it logs the incident
// before the page's script has loaded or without it; once hydrated it is validated with the same
// zod schema as the server first. One Idempotency-Key per form fill (made by the server, renewed
// in the browser) so a double tap or a retry never logs two incidents.

import { useTranslations } from "next-intl";
import { type FormEvent, type InputHTMLAttributes, type ReactNode, useEffect, useId, useState } from "react";
import { controlAria, Field } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { useFormAction } from "@/components/ui/use-form-action";
import { createIncidentAction, type NewIncidentState } from "@/lib/actions/new-incident";
import { newIdempotencyKey } from "@/lib/api/idempotency-key";
import { containsPan, maskPans } from "@/lib/card-data/mask-pan";
import { INCIDENT_KINDS, type IncidentKind } from "@/lib/incidents/rules";
import { createIncidentSchema, parseAmountToMinor } from "@/lib/schemas/incident";
import {
  IDEMPOTENCY_KEY_FIELD,
  INCIDENT_FORM_FIELDS,
  type IncidentFormField,
  incidentFormValues,
  incidentInputFromForm,
} from "@/lib/schemas/incident-form";

export interface TerminalOption {
  tid: string;
  storeName: string;
}

const FIELDS = INCIDENT_FORM_FIELDS;
type FieldName = IncidentFormField;
type Values = Record<FieldName, string>;
type Errors = Partial<Record<FieldName, string>>;

/** Fields inside the "More slip details" disclosure: opened when one of them has an error. */
const DETAIL_FIELDS: readonly FieldName[] = ["occurredAt", "cardBin", "authCode", "traceNo", "batchNo", "currency"];

/** A declined PIN moved no money: no amount and no RRN to record. */
function hiddenFor(kind: string): readonly FieldName[] {
  return kind === "pin_error" ? ["amount", "rrn"] : [];
}

/** Kinds where the amount is the heart of the case, so it is shown large. */
const AMOUNT_FIRST: readonly string[] = ["wrong_amount", "duplicate_charge"];

const CLOCK_SKEW_MS = 5 * 60_000;

function isField(value: unknown): value is FieldName {
  return typeof value === "string" && (FIELDS as readonly string[]).includes(value);
}

function isKind(value: string): value is IncidentKind {
  return (INCIDENT_KINDS as readonly string[]).includes(value);
}

/** "YYYY-MM-DDTHH:mm" in the browser's time zone, as a datetime-local input wants it. */
function localDateTime(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

type FormError = { kind: "message"; text: string } | { kind: "signIn"; text: string };

export function NewIncidentForm({
  terminals,
  idempotencyKey: renderedKey,
}: {
  terminals: TerminalOption[];
  /** Made by the server for this render: a form posted before hydration carries it. */
  idempotencyKey: string;
}) {
  const t = useTranslations("NewIncident");
  const tKinds = useTranslations("Incident.kinds");
  const formId = useId();
  const { state, formAction, pending, submit, unreachable } = useFormAction(createIncidentAction);
  // After a refused post without JavaScript, the server renders what was typed and why it failed.
  const [values, setValues] = useState<Values>(() => ({
    kind: "",
    terminalId: terminals.length === 1 ? terminals[0].tid : "",
    amount: "",
    cardLast4: "",
    rrn: "",
    description: "",
    occurredAt: "",
    cardBin: "",
    authCode: "",
    traceNo: "",
    batchNo: "",
    currency: "CNY",
    ...state?.values,
  }));
  const [occurredAtTouched, setOccurredAtTouched] = useState(Boolean(state?.values.occurredAt));
  const [firstAnswer] = useState(() => (state ? answerOf(state) : null));
  const [errors, setErrors] = useState<Errors>(firstAnswer?.errors ?? {});
  const [formError, setFormError] = useState<FormError | null>(firstAnswer?.formError ?? null);
  const [moreOpen, setMoreOpen] = useState(DETAIL_FIELDS.some((field) => firstAnswer?.errors[field]));
  const [focusTarget, setFocusTarget] = useState<FieldName | null>(null);
  const [idempotencyKey, setIdempotencyKey] = useState(renderedKey);
  const [lastState, setLastState] = useState(state);

  // A new answer from the server: show it (React's way of deriving state from a changed value).
  if (state !== lastState) {
    setLastState(state);
    if (state) {
      const answer = answerOf(state);
      setFormError(answer.formError);
      showErrors(answer.errors);
    }
  }

  // Filled in after hydration so the server and the browser render the same markup. A form
  // mounted again (the back button) must not reuse a key another incident was logged with.
  useEffect(() => {
    setValues((current) => (current.occurredAt ? current : { ...current, occurredAt: localDateTime(new Date()) }));
    setIdempotencyKey(newIdempotencyKey());
  }, []);

  useEffect(() => {
    if (!focusTarget) return;
    document.getElementById(`${formId}-${focusTarget}`)?.focus();
    setFocusTarget(null);
  }, [focusTarget, formId]);

  const hidden = hiddenFor(values.kind);
  const amountFirst = AMOUNT_FIRST.includes(values.kind);
  const panInDescription = values.description !== "" && containsPan(values.description);

  function set(field: FieldName, value: string) {
    setValues((current) => ({ ...current, [field]: value }));
    if (errors[field]) {
      setErrors((current) => {
        const next = { ...current };
        delete next[field];
        return next;
      });
    }
  }

  function messageFor(field: FieldName, value: string): string {
    switch (field) {
      case "amount": {
        const minor = parseAmountToMinor(value);
        if (minor === null) return t("errors.amountFormat");
        return minor <= 0 ? t("errors.amountPositive") : t("errors.amountMax");
      }
      default:
        return t(`errors.${field}`);
    }
  }

  function showErrors(next: Errors) {
    setErrors(next);
    const first = FIELDS.find((field) => next[field]);
    if (!first) return;
    if (DETAIL_FIELDS.some((field) => next[field])) setMoreOpen(true);
    setFocusTarget(first);
  }

  /** The form as the server will read it: the time only when the user changed it, with its zone. */
  function formData(form: HTMLFormElement): FormData {
    const data = new FormData(form);
    const at = new Date(values.occurredAt);
    if (!occurredAtTouched || !values.occurredAt) data.delete("occurredAt");
    else if (!Number.isNaN(at.getTime())) data.set("occurredAt", at.toISOString());
    return data;
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    setFormError(null);

    const data = formData(event.currentTarget);
    const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    const body = incidentInputFromForm(incidentFormValues(data), { timeZone });
    const parsed = createIncidentSchema.safeParse(body);
    const clientErrors: Errors = {};
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = issue.path[0];
        if (isField(field)) clientErrors[field] ??= messageFor(field, body[field] ?? "");
      }
    } else if (parsed.data.occurredAt && new Date(parsed.data.occurredAt).getTime() > Date.now() + CLOCK_SKEW_MS) {
      clientErrors.occurredAt = t("errors.occurredAtFuture");
    }
    if (!parsed.success || Object.keys(clientErrors).length > 0) {
      showErrors(clientErrors);
      setFormError({ kind: "message", text: t("errors.summary") });
      return;
    }

    setErrors({});
    // Success redirects to the incident's page, so the button stays busy until it has loaded.
    submit(data);
  }

  /** What the form shows for the server's refusal: errors by field, and one message. */
  function answerOf(answer: NewIncidentState): { errors: Errors; formError: FormError } {
    const { code, fields } = answer;
    if (code === "UNAUTHENTICATED")
      return { errors: {}, formError: { kind: "signIn", text: t("errors.unauthenticated") } };
    if (fields["Idempotency-Key"]) return { errors: {}, formError: { kind: "message", text: t("errors.idempotency") } };
    const serverErrors: Errors = {};
    for (const [field, message] of Object.entries(fields)) {
      if (!isField(field)) continue;
      if (field === "terminalId" && (code === "FORBIDDEN" || code === "RULE_VIOLATION"))
        serverErrors[field] = t("errors.terminalNotYours");
      else if (field === "occurredAt" && /future/i.test(message)) serverErrors[field] = t("errors.occurredAtFuture");
      else serverErrors[field] = messageFor(field, answer.values[field] ?? "");
    }
    if (Object.keys(serverErrors).length > 0) {
      return { errors: serverErrors, formError: { kind: "message", text: t("errors.summary") } };
    }
    const text = code === "FORBIDDEN" ? t("errors.forbidden") : t("errors.generic");
    return { errors: {}, formError: { kind: "message", text } };
  }

  /** id, name and the ARIA wiring that ties a control to its hint and its error. */
  function control(field: FieldName, hint?: boolean, extraDescription?: string | null) {
    const id = `${formId}-${field}`;
    return { id, name: field, ...controlAria(id, { hint, error: errors[field], extra: extraDescription }) } as const;
  }

  function inputClass(field: FieldName, extra = "") {
    return `block w-full rounded-md border bg-white px-3 text-base text-slate-900 focus:outline-none focus:ring-2 focus:ring-blue-600 ${
      errors[field] ? "border-red-600" : "border-slate-400"
    } ${extra}`;
  }

  function fieldShell({
    field,
    label,
    hint,
    children,
  }: {
    field: FieldName;
    label: string;
    hint?: ReactNode;
    children: ReactNode;
  }) {
    return (
      <Field
        id={`${formId}-${field}`}
        data-field={field}
        label={label}
        hint={hint}
        error={errors[field]}
        errorTestId={`error-${field}`}
        errorClassName="mt-1 text-sm font-medium text-red-700"
      >
        {children}
      </Field>
    );
  }

  /** A text input for a slip field, its value and its error taken from the form's state. */
  function textField(
    field: FieldName,
    {
      label,
      hint,
      className,
      ...inputProps
    }: { label: string; hint?: string; className: string } & InputHTMLAttributes<HTMLInputElement>,
  ) {
    return fieldShell({
      field,
      label,
      hint,
      children: (
        <input
          {...control(field, hint !== undefined)}
          type="text"
          value={values[field]}
          onChange={(event) => set(field, event.target.value)}
          className={inputClass(field, className)}
          {...inputProps}
        />
      ),
    });
  }

  const kindTip = isKind(values.kind) ? t(`kindTips.${values.kind}`) : null;
  const shownError: FormError | null = unreachable ? { kind: "message", text: t("errors.network") } : formError;

  return (
    <form
      action={formAction}
      onSubmit={onSubmit}
      noValidate
      aria-busy={pending}
      className="space-y-5"
      data-testid="new-incident-form"
    >
      <input type="hidden" name={IDEMPOTENCY_KEY_FIELD} value={idempotencyKey} />
      <div role="alert" aria-live="assertive" data-testid="form-error" className="empty:hidden">
        {shownError ? (
          <p className="rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-800">
            {shownError.text}{" "}
            {shownError.kind === "signIn" ? (
              <a href="/login?next=/incidents/new" className="font-semibold underline underline-offset-2">
                {t("signInAgain")}
              </a>
            ) : null}
          </p>
        ) : null}
      </div>

      {fieldShell({
        field: "kind",
        label: t("kind"),
        children: (
          <>
            <select
              {...control("kind", kindTip !== null)}
              value={values.kind}
              onChange={(event) => set("kind", event.target.value)}
              className={inputClass("kind", "h-12")}
            >
              <option value="">{t("kindPlaceholder")}</option>
              {INCIDENT_KINDS.map((kind) => (
                <option key={kind} value={kind}>
                  {tKinds(kind)}
                </option>
              ))}
            </select>
            {kindTip ? (
              <p
                id={`${formId}-kind-hint`}
                data-testid="kind-tip"
                className={
                  values.kind === "unsigned_slip"
                    ? "mt-2 rounded-md border-2 border-amber-500 bg-amber-50 px-3 py-2 text-base font-semibold text-amber-950"
                    : "mt-1 text-sm text-slate-700"
                }
              >
                {kindTip}
              </p>
            ) : null}
          </>
        ),
      })}

      {fieldShell({
        field: "terminalId",
        label: t("terminal"),
        children: (
          <select
            {...control("terminalId")}
            value={values.terminalId}
            onChange={(event) => set("terminalId", event.target.value)}
            className={inputClass("terminalId", "h-12")}
          >
            {terminals.length === 1 ? null : <option value="">{t("terminalPlaceholder")}</option>}
            {terminals.map((terminal) => (
              <option key={terminal.tid} value={terminal.tid}>
                {t("terminalOption", { tid: terminal.tid, store: terminal.storeName })}
              </option>
            ))}
          </select>
        ),
      })}

      {hidden.includes("amount")
        ? null
        : fieldShell({
            field: "amount",
            label: t("amount"),
            hint: t("amountHint"),
            children: (
              <div className="relative">
                <input
                  {...control("amount", true)}
                  type="text"
                  inputMode="decimal"
                  autoComplete="off"
                  value={values.amount}
                  onChange={(event) => set("amount", event.target.value)}
                  className={inputClass(
                    "amount",
                    amountFirst ? "h-16 pr-16 text-3xl font-semibold tabular-nums" : "h-12 pr-16 tabular-nums",
                  )}
                />
                <span
                  aria-hidden="true"
                  className="pointer-events-none absolute inset-y-0 right-3 flex items-center text-sm font-medium text-slate-600"
                >
                  {values.currency.toUpperCase() || "CNY"}
                </span>
              </div>
            ),
          })}

      {textField("cardLast4", {
        label: t("cardLast4"),
        hint: t("cardLast4Hint"),
        inputMode: "numeric",
        autoComplete: "off",
        maxLength: 4,
        className: "h-12 max-w-40 font-mono tracking-widest",
      })}

      {hidden.includes("rrn")
        ? null
        : textField("rrn", {
            label: t("rrn"),
            hint: t("rrnHint"),
            inputMode: "numeric",
            autoComplete: "off",
            maxLength: 12,
            className: "h-12 font-mono",
          })}

      {fieldShell({
        field: "description",
        label: t("description"),
        hint: t("descriptionHint"),
        children: (
          <>
            <textarea
              {...control("description", true, panInDescription ? `${formId}-pan-warning` : null)}
              rows={3}
              maxLength={2000}
              value={values.description}
              onChange={(event) => set("description", event.target.value)}
              className={inputClass("description", "py-2")}
            />
            <div aria-live="polite">
              {panInDescription ? (
                <p
                  id={`${formId}-pan-warning`}
                  data-testid="pan-warning"
                  className="mt-2 rounded-md border border-amber-400 bg-amber-50 px-3 py-2 text-sm text-amber-950"
                >
                  {t("panWarning", { masked: maskPans(values.description) })}
                </p>
              ) : null}
            </div>
          </>
        ),
      })}

      <details
        open={moreOpen}
        onToggle={(event) => setMoreOpen(event.currentTarget.open)}
        className="group rounded-md border border-slate-300 bg-white"
      >
        <summary className="flex min-h-12 cursor-pointer list-none items-center gap-2 px-3 text-base font-medium text-slate-900 [&::-webkit-details-marker]:hidden">
          <span aria-hidden="true" className="inline-block transition-transform group-open:rotate-90">
            ▸
          </span>
          {t("more")}
        </summary>
        <div className="grid grid-cols-1 gap-4 border-t border-slate-200 p-3 sm:grid-cols-2">
          <div className="sm:col-span-2">
            {textField("occurredAt", {
              label: t("occurredAt"),
              hint: t("occurredAtHint"),
              type: "datetime-local",
              onChange: (event) => {
                setOccurredAtTouched(true);
                set("occurredAt", event.target.value);
              },
              className: "h-12",
            })}
          </div>
          {textField("cardBin", {
            label: t("cardBin"),
            inputMode: "numeric",
            autoComplete: "off",
            maxLength: 6,
            className: "h-12 font-mono",
          })}
          {textField("authCode", {
            label: t("authCode"),
            autoComplete: "off",
            autoCapitalize: "characters",
            maxLength: 6,
            className: "h-12 font-mono uppercase",
          })}
          {textField("traceNo", {
            label: t("traceNo"),
            inputMode: "numeric",
            autoComplete: "off",
            maxLength: 6,
            className: "h-12 font-mono",
          })}
          {textField("batchNo", {
            label: t("batchNo"),
            inputMode: "numeric",
            autoComplete: "off",
            maxLength: 6,
            className: "h-12 font-mono",
          })}
          {textField("currency", {
            label: t("currency"),
            autoComplete: "off",
            autoCapitalize: "characters",
            maxLength: 3,
            onChange: (event) => set("currency", event.target.value.toUpperCase()),
            className: "h-12 max-w-32 font-mono uppercase",
          })}
        </div>
      </details>

      <SubmitButton
        pending={pending}
        pendingLabel={t("submitting")}
        className="h-14 w-full rounded-md bg-blue-700 px-4 text-lg font-semibold text-white hover:bg-blue-800 focus:outline-none focus:ring-2 focus:ring-blue-600 focus:ring-offset-2 disabled:opacity-70"
      >
        {t("submit")}
      </SubmitButton>
    </form>
  );
}
