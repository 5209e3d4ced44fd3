"use client";
// The reconcile queue's rows: age, reference, kind, store, terminal, amount, and whether reconcile
// is the step to do now. Ready rows reconcile in place, with the version the queue was read at.
import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import { ActionFeedback } from "@/components/casework/action-feedback";
import { LocalTime } from "@/components/casework/local-time";
import { noteOf } from "@/components/casework/note-form";
import { useCaseworkForm } from "@/components/casework/use-casework-form";
import { OverdueBadge } from "@/components/incidents/status-badge";
import { SubmitButton } from "@/components/ui/button";
import { TextField } from "@/components/ui/input";
import { reconcileAction } from "@/lib/actions/reconcile";
import type { FinanceQueueItem } from "@/lib/incidents/list-finance-queue";

/** What a row shows and reconciles with: the page sends only these (no card or RRN to the browser). */
export type FinanceQueueRow = Pick<
  FinanceQueueItem,
  | "id"
  | "reference"
  | "kind"
  | "version"
  | "storeName"
  | "terminalId"
  | "amount"
  | "currency"
  | "occurredAt"
  | "overdue"
  | "age"
  | "ready"
  | "waitingFor"
>;

export function FinanceQueue({ items }: { items: FinanceQueueRow[] }) {
  const t = useTranslations("Finance");
  const [reconciled, setReconciled] = useState<{ id: string; reference: string } | null>(null);

  return (
    <div className="space-y-3">
      <div aria-live="polite">
        {reconciled ? (
          <p
            role="status"
            data-testid="finance-reconciled"
            className="rounded border border-green-300 bg-green-50 px-4 py-3 text-green-950"
          >
            {t("reconciled", { reference: reconciled.reference })}{" "}
            <Link href={`/incidents/${reconciled.id}`} className="font-medium underline underline-offset-2">
              {t("openIncident")}
            </Link>
          </p>
        ) : null}
      </div>
      {items.length === 0 ? (
        <p
          className="rounded border border-slate-200 bg-white px-4 py-6 text-center text-slate-700"
          data-testid="finance-empty"
        >
          {t("empty")}
        </p>
      ) : (
        <ul className="space-y-3" aria-label={t("listLabel")}>
          {items.map((item) => (
            <QueueRow
              key={`${item.id}-${item.version}`}
              item={item}
              onReconciled={() => setReconciled({ id: item.id, reference: item.reference })}
            />
          ))}
        </ul>
      )}
    </div>
  );
}

function QueueRow({ item, onReconciled }: { item: FinanceQueueRow; onReconciled: () => void }) {
  const t = useTranslations("Finance");
  const tIncident = useTranslations("Incident");
  const format = useFormatter();
  const age = t(`age.${item.age.unit}`, { value: item.age.value });

  return (
    <li
      className="rounded-lg border border-slate-200 bg-white p-4"
      data-testid="finance-row"
      data-reference={item.reference}
      data-ready={item.ready}
      data-store={item.storeName}
    >
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
        <Link
          href={`/incidents/${item.id}`}
          className="text-lg font-semibold text-blue-800 underline underline-offset-2"
          data-testid="finance-reference"
        >
          {item.reference}
        </Link>
        <span className="text-slate-800">{tIncident(`kinds.${item.kind}`)}</span>
        {item.overdue ? <OverdueBadge large /> : null}
        <span className="ml-auto text-sm font-medium text-slate-700" data-testid="finance-age">
          {t("waiting", { age })}
        </span>
      </div>
      <dl className="mt-2 grid grid-cols-2 gap-x-6 gap-y-1 text-sm sm:grid-cols-4">
        <div>
          <dt className="text-slate-600">{t("store")}</dt>
          <dd>{item.storeName}</dd>
        </div>
        <div>
          <dt className="text-slate-600">{t("terminal")}</dt>
          <dd className="font-mono">{item.terminalId}</dd>
        </div>
        <div>
          <dt className="text-slate-600">{t("amount")}</dt>
          <dd>
            {item.amount === null
              ? t("noAmount")
              : format.number(Number(item.amount), { style: "currency", currency: item.currency })}
          </dd>
        </div>
        <div>
          <dt className="text-slate-600">{t("occurredAt")}</dt>
          <dd>
            <LocalTime iso={item.occurredAt} />
          </dd>
        </div>
      </dl>
      {item.ready ? (
        <>
          <p className="mt-2 text-sm font-medium text-green-800" data-testid="finance-state">
            {t("ready")}
          </p>
          <ReconcileForm item={item} onReconciled={onReconciled} />
        </>
      ) : (
        <p className="mt-2 text-sm text-amber-900" data-testid="finance-state">
          {t("waitingFor", {
            steps: format.list(item.waitingFor.map((key) => tIncident(`steps.${key}`))),
          })}
        </p>
      )}
    </li>
  );
}

function ReconcileForm({ item, onReconciled }: { item: FinanceQueueRow; onReconciled: () => void }) {
  const t = useTranslations("Finance");
  const form = useCaseworkForm((data) => reconcileAction(item.id, { note: noteOf(data), version: item.version }), {
    fields: ["note"],
    onSuccess: onReconciled,
  });
  const id = form.id;

  return (
    <form {...form.formProps} className="mt-3 space-y-2" data-testid="reconcile-form">
      <div className="flex flex-col gap-2 sm:flex-row sm:items-end">
        <div className="grow">
          <TextField
            id={`${id}-note`}
            name="note"
            label={t("note")}
            error={form.fieldError("note")}
            type="text"
            maxLength={1000}
          />
        </div>
        <SubmitButton
          pending={form.pending}
          disabled={form.busy}
          pendingLabel={t("reconciling")}
          aria-describedby={`${id}-ref`}
          data-testid="reconcile-submit"
        >
          {t("reconcile")}
        </SubmitButton>
        <span id={`${id}-ref`} className="sr-only">
          {item.reference}
        </span>
      </div>
      <ActionFeedback {...form.feedback} />
    </form>
  );
}
