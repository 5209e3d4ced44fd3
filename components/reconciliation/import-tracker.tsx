"use client";
// One import followed to its end: GET /api/reconciliation/imports/{id} about every second, its
// steps (waiting → reading the file → matching → done, the one it is at marked as the current
// step), a real <progress> bar of the rows read (indeterminate until the total is known), the
// status in words (announced when it changes), then the report — or the line errors of a failed
// import. A small file passes every step within one poll: the steps still say what was done.
// A done import may be withdrawn from here (canWithdraw): the tracker then follows the withdrawal.
import { useFormatter, useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";
import { callApi } from "@/components/reconciliation/api";
import { ImportReport, type ImportReportView } from "@/components/reconciliation/import-report";
import { useRowErrorText } from "@/components/reconciliation/row-error-text";
import { RowErrorsTable } from "@/components/reconciliation/row-errors-table";
import { WithdrawImport } from "@/components/reconciliation/withdraw-import";
import { type ImportDto, isFinished } from "@/lib/reconciliation/imports/serialize-import";

const POLL_MS = 1000;

/** The steps an import goes through, in order; "failed" may end any of them. */
const STEPS = ["queued", "parsing", "matching", "done"] as const;

export function ImportTracker({
  initial,
  onFinished,
  canWithdraw = false,
}: {
  initial: ImportDto;
  onFinished?: (done: ImportDto) => void;
  /** The reader may withdraw the file (finance, admin): offered once it is done. */
  canWithdraw?: boolean;
}) {
  const [current, setCurrent] = useState(initial);
  const finished = isFinished(current.status);

  useEffect(() => {
    if (finished) return;
    let stopped = false;
    const timer = setInterval(async () => {
      const answer = await callApi<ImportDto>(`/api/reconciliation/imports/${initial.id}`);
      if (stopped || !answer.ok) return;
      setCurrent(answer.body);
    }, POLL_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [finished, initial.id]);

  // Told once, when it finishes; the latest callback is read then.
  const onFinishedRef = useRef(onFinished);
  onFinishedRef.current = onFinished;
  const currentRef = useRef(current);
  currentRef.current = current;
  useEffect(() => {
    if (finished) onFinishedRef.current?.(currentRef.current);
  }, [finished]);

  return (
    <>
      <ImportState item={current} />
      {canWithdraw && current.status === "done" ? <WithdrawImport item={current} onWithdrawing={setCurrent} /> : null}
    </>
  );
}

/** An import's progress or outcome as it stands. */
export function ImportState({ item }: { item: ImportDto }) {
  const t = useTranslations("Reconciliation");
  const format = useFormatter();
  const wordErrors = useRowErrorText();
  const total = item.rowsTotal ?? 0;
  const read = Math.min(item.rowsRead, total || item.rowsRead);
  const done = item.status === "done" || item.status === "withdrawn";
  const withdrawal = item.status === "withdrawing" || item.status === "withdrawn";
  const rowsText =
    item.rowsTotal !== null
      ? t("progress.rows", { read: format.number(read), total: format.number(item.rowsTotal) })
      : t("progress.rowsNoTotal", { read: format.number(item.rowsRead) });
  return (
    <div className="space-y-3" data-testid="import-tracker" data-status={item.status}>
      <div className="space-y-1">
        <label htmlFor={`progress-${item.id}`} className="block text-sm font-medium text-slate-800">
          {t("progress.label", { file: item.fileName })}
        </label>
        {done ? (
          <progress id={`progress-${item.id}`} max={1} value={1} className="h-3 w-full accent-green-700" />
        ) : item.rowsTotal ? (
          <progress id={`progress-${item.id}`} max={item.rowsTotal} value={read} className="h-3 w-full" />
        ) : (
          <progress id={`progress-${item.id}`} className="h-3 w-full" />
        )}
        {item.status === "failed" || item.status === "withdrawing" || item.status === "withdrawn" ? null : (
          <ImportSteps status={item.status} />
        )}
        <p className="flex flex-wrap justify-between gap-x-3 text-sm">
          <span role="status" aria-live="polite" data-testid="import-status" className="font-medium">
            {t(`status.${item.status}`)}
          </span>
          <span className="tabular-nums text-slate-700" data-testid="import-rows">
            {rowsText}
          </span>
        </p>
      </div>
      {withdrawal ? (
        <p
          className="rounded-md border border-slate-300 bg-slate-50 px-3 py-2 text-slate-800"
          data-testid="withdrawal-note"
        >
          {item.status === "withdrawn"
            ? t("withdraw.withdrawn", { lines: withdrawalLines(item.report) })
            : t("withdraw.withdrawing")}
        </p>
      ) : null}
      {item.status === "done" && item.report?.withdrawalFailed ? (
        <p
          role="status"
          className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-amber-950"
          data-testid="withdrawal-failed"
        >
          {t("withdraw.failed")}
        </p>
      ) : null}
      {item.status === "done" && item.report ? <ImportReport report={item.report as ImportReportView} /> : null}
      {item.status === "failed" && item.errors.length > 0 ? (
        <RowErrorsTable errors={wordErrors(item.errors)} caption={t("importPage.errorsCaption")} />
      ) : null}
    </div>
  );
}

/** The lines a finished withdrawal removed (its report's). */
function withdrawalLines(report: ImportDto["report"]): number {
  const withdrawal = report?.withdrawal as { linesRemoved?: unknown } | undefined;
  return typeof withdrawal?.linesRemoved === "number" ? withdrawal.linesRemoved : 0;
}

/** The steps as an ordered list: finished ones ticked, the current one marked, the rest to come. */
function ImportSteps({ status }: { status: (typeof STEPS)[number] }) {
  const t = useTranslations("Reconciliation");
  const at = STEPS.indexOf(status);
  return (
    <ol aria-label={t("progress.steps")} className="flex flex-wrap gap-x-4 gap-y-1 text-sm" data-testid="import-steps">
      {STEPS.map((step, index) => {
        const state = index < at || status === "done" ? "complete" : index === at ? "current" : "upcoming";
        return (
          <li
            key={step}
            aria-current={state === "current" ? "step" : undefined}
            data-step={step}
            data-state={state}
            className={`flex items-center gap-1 ${
              state === "upcoming"
                ? "text-slate-500"
                : state === "current"
                  ? "font-semibold text-blue-900"
                  : "text-green-800"
            }`}
          >
            <span aria-hidden="true">{state === "complete" ? "✓" : state === "current" ? "●" : "○"}</span>
            {t(`status.${step}`)}
            {state === "current" ? null : (
              <span className="sr-only">
                {t(state === "complete" ? "progress.stepComplete" : "progress.stepUpcoming")}
              </span>
            )}
          </li>
        );
      })}
    </ol>
  );
}
