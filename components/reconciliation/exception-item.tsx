"use client";
// One exception as a row a thumb can use: its category, day, store and terminal, lines and amount,
// a box to select it for the bulk action, and "Open incident" (or the incident it is linked to).
import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import { useEffect, useRef } from "react";
import { StatusBadge } from "@/components/incidents/status-badge";
import { useCategoryLabel } from "@/components/reconciliation/category-label";
import { ExceptionLines, type LinePairingActions } from "@/components/reconciliation/exception-lines";
import { formatAmount } from "@/components/reconciliation/line-amount";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import type { ReconExceptionDto } from "@/lib/schemas/reconciliation";

/** Whether an incident can still be opened from the exception. */
export function canOpenIncident(exception: ReconExceptionDto): boolean {
  return exception.status === "open" && exception.incidentKind !== null && exception.incident === null;
}

export function ExceptionItem({
  exception,
  selected,
  onSelect,
  onOpen,
  opening,
  error,
  pairing,
  focusIncident = false,
}: {
  exception: ReconExceptionDto;
  selected: boolean;
  onSelect: (selected: boolean) => void;
  onOpen: () => void;
  opening: boolean;
  error?: string;
  pairing?: LinePairingActions;
  /** Its incident was just opened from here: the link takes the focus the button had. */
  focusIncident?: boolean;
}) {
  const t = useTranslations("Reconciliation.exceptions");
  const format = useFormatter();
  const label = useCategoryLabel();
  const openable = canOpenIncident(exception);
  const checkboxId = `exception-select-${exception.id}`;
  const incidentLink = useRef<HTMLAnchorElement>(null);
  const linked = exception.incident !== null;
  useEffect(() => {
    if (focusIncident && linked) incidentLink.current?.focus();
  }, [focusIncident, linked]);
  return (
    <li
      className="grid gap-x-4 gap-y-1 px-3 py-3 md:grid-cols-[2.75rem_minmax(0,1.4fr)_minmax(0,1fr)_5rem_8rem_minmax(0,11rem)] md:items-center"
      data-testid="exception-item"
      data-category={exception.category}
      data-exception-id={exception.id}
    >
      <div className="row-span-2 flex items-start md:row-span-1 md:items-center">
        {openable ? (
          <label htmlFor={checkboxId} className="flex size-11 cursor-pointer items-center justify-center">
            <span className="sr-only">{t("select", { category: label(exception.category), day: exception.day })}</span>
            <input
              id={checkboxId}
              type="checkbox"
              checked={selected}
              onChange={(event) => onSelect(event.target.checked)}
              className="size-5"
            />
          </label>
        ) : null}
      </div>
      <div className="min-w-0">
        <Badge tone={exception.status === "open" ? "warning" : "success"}>{label(exception.category)}</Badge>
        <p className="mt-1 text-sm tabular-nums text-slate-700">{exception.day}</p>
      </div>
      <p className="min-w-0 text-sm text-slate-800">
        <span className="block truncate">{exception.storeName ?? "—"}</span>
        <span className="block truncate font-mono text-xs text-slate-600">
          {[exception.tid, exception.batchNo].filter(Boolean).join(" · ") || "—"}
        </span>
      </p>
      <p className="text-sm tabular-nums">
        <span className="md:sr-only">{t("lines")}: </span>
        {format.number(exception.lineCount)}
      </p>
      <p className="text-sm font-medium tabular-nums md:text-right">{formatAmount(format, exception)}</p>
      <div className="min-w-0">
        {exception.incident ? (
          // The case's status beside its link: a closed one needs no more work here.
          <span className="inline-flex flex-wrap items-center gap-x-2">
            <Link
              ref={incidentLink}
              href={`/incidents/${exception.incident.id}`}
              className="inline-flex min-h-11 items-center font-medium text-blue-800 underline underline-offset-2"
              data-testid="exception-incident-link"
            >
              {t("incidentLink", { reference: exception.incident.reference })}
            </Link>
            <StatusBadge status={exception.incident.status} testId="exception-incident-status" />
          </span>
        ) : openable ? (
          <Button onClick={onOpen} disabled={opening} aria-disabled={opening || undefined} block>
            {opening ? t("opening") : t("openIncident")}
          </Button>
        ) : exception.category === "ambiguous" && exception.status === "open" ? (
          <span className="text-sm text-slate-700">{t("pairFirst")}</span>
        ) : exception.incidentKind === null ? (
          <span className="text-sm text-slate-600">{t("noIncidentNeeded")}</span>
        ) : null}
        {error ? (
          <p role="alert" className="mt-1 text-sm font-medium text-red-700">
            {error}
          </p>
        ) : null}
      </div>
      {/* min-w-0: a grid cell is as wide as its content by default, and the lines' table would
          push it past a phone's screen instead of scrolling inside its own box. */}
      <div className="min-w-0 md:col-span-6 md:col-start-2">
        <ExceptionLines exception={exception} actions={pairing} />
      </div>
    </li>
  );
}
