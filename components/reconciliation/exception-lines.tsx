// The lines of one exception (the first few; the CSV has them all), folded away until asked for.
// Where finance may pair by hand (an open exception's unpaired lines) each line has "Pair…", which
// picks it; then the lines of the other source on the same terminal — in this exception or another
// one on the page (an ambiguous tie, a pair the rules missed) — offer "Pair with this". A paired
// line offers "Unpair", in an open or a resolved exception. The list (exceptions-list.tsx) keeps the pick and calls the API.
import { useFormatter, useTranslations } from "next-intl";
import { ScrollBox } from "@/components/dashboard/scroll-box";
import { formatAmount } from "@/components/reconciliation/line-amount";
import { Button } from "@/components/ui/button";
import type { ReconExceptionDto, ReconLineDto } from "@/lib/schemas/reconciliation";

/** What finance can do to a line's pairing from the list; null: nothing offered. */
export interface LinePairingActions {
  /** The line picked to be paired, if any. */
  picked: ReconLineDto | null;
  /** A pairing or unpairing is under way: one at a time, so the list read after it is the last word. */
  busy: boolean;
  pick: (line: ReconLineDto | null) => void;
  pair: (pos: ReconLineDto, statement: ReconLineDto) => void;
  unpair: (line: ReconLineDto) => void;
}

/** A transaction line that may take a partner: unpaired, neither declined nor cancelled. */
export function isPairable(line: ReconLineDto): boolean {
  if (line.source === "bank" || line.matchedLineId !== null) return false;
  if (line.txType === "void" || line.txType === "reversal") return false;
  return line.category !== "declined" && line.category !== "voided";
}

/**
 * A pair worth offering to undo: one a person made, one the time window made (nearest by time and
 * amount, no reference), or one whose amounts differ. A pair by rrn or trace is the acquirer's own
 * reference; an unsigned or duplicate sale's pair is right whatever else is wrong; a voided sale
 * keeps the statement line that names it (the server refuses that too).
 */
export function isUnpairable(line: ReconLineDto): boolean {
  if (line.source === "bank" || line.matchedLineId === null) return false;
  if (line.category === "amount_mismatch") return true;
  return line.category === "matched" && (line.matchRule === "manual" || line.matchRule === "window");
}

function LineAction({ line, open, actions }: { line: ReconLineDto; open: boolean; actions: LinePairingActions }) {
  const t = useTranslations("Reconciliation.exceptions");
  const { picked, busy } = actions;
  if (line.source === "bank") return null;
  // A pair may be undone wherever it shows (a resolved exception's lines too); pairing is for
  // what is still open.
  if (line.matchedLineId !== null) {
    if (!isUnpairable(line)) return null;
    return (
      <Button variant="secondary" disabled={busy} onClick={() => actions.unpair(line)} data-testid="line-unpair">
        {t("unpair")}
      </Button>
    );
  }
  if (!open || !isPairable(line)) return null;
  if (picked?.id === line.id) {
    return (
      <Button variant="secondary" onClick={() => actions.pick(null)} data-testid="line-pick-cancel">
        {t("pickCancel")}
      </Button>
    );
  }
  if (picked) {
    if (picked.source === line.source || picked.tid !== line.tid) return null;
    const [pos, statement] = line.source === "pos" ? [line, picked] : [picked, line];
    return (
      <Button
        variant="primary"
        disabled={busy}
        onClick={() => actions.pair(pos, statement)}
        data-testid="line-pair-with"
      >
        {t("pairWithThis")}
      </Button>
    );
  }
  return (
    <Button variant="secondary" disabled={busy} onClick={() => actions.pick(line)} data-testid="line-pick">
      {t("pick")}
    </Button>
  );
}

export function ExceptionLines({ exception, actions }: { exception: ReconExceptionDto; actions?: LinePairingActions }) {
  const t = useTranslations("Reconciliation.exceptions");
  const tExceptions = useTranslations("Exceptions");
  const format = useFormatter();
  if (exception.lines.length === 0) return null;
  const open = exception.status === "open";
  return (
    <details className="group">
      <summary className="inline-flex min-h-11 cursor-pointer items-center text-sm font-medium text-blue-800 underline underline-offset-2">
        {t("details")} ({exception.lineCount})
      </summary>
      <ScrollBox label={t("lineCaption")} testId="exception-lines-scroll">
        <table className="w-full min-w-[36rem] text-left text-xs sm:text-sm">
          <caption className="sr-only">{t("lineCaption")}</caption>
          <thead className="text-slate-600">
            <tr>
              <th scope="col" className="py-1 pr-2 font-medium">
                {t("source")}
              </th>
              <th scope="col" className="py-1 pr-2 font-medium">
                {t("time")}
              </th>
              <th scope="col" className="py-1 pr-2 font-medium">
                {t("terminal")}
              </th>
              <th scope="col" className="py-1 pr-2 font-medium">
                {t("card")}
              </th>
              <th scope="col" className="py-1 pr-2 text-right font-medium">
                {t("amount")}
              </th>
              <th scope="col" className="py-1 pr-2 font-medium">
                {t("rrn")}
              </th>
              <th scope="col" className="py-1 pr-2 font-medium">
                {t("memo")}
              </th>
              {actions ? (
                <th scope="col" className="py-1 font-medium">
                  {t("pairing")}
                </th>
              ) : null}
            </tr>
          </thead>
          <tbody>
            {exception.lines.map((line) => (
              <tr
                key={line.id}
                className={`border-t border-slate-200 ${actions?.picked?.id === line.id ? "bg-amber-50" : ""}`}
                data-line-id={line.id}
                data-source={line.source}
              >
                <td className="py-1 pr-2">{tExceptions(`sources.${line.source}`)}</td>
                <td className="py-1 pr-2 tabular-nums">{line.txAt ?? line.day}</td>
                <td className="py-1 pr-2">{line.tid ?? "—"}</td>
                <td className="py-1 pr-2 font-mono">{line.card ?? "—"}</td>
                <td className="py-1 pr-2 text-right tabular-nums">{formatAmount(format, line)}</td>
                <td className="py-1 pr-2 font-mono">{line.rrn ?? "—"}</td>
                {/* A bank credit is told apart by what the bank wrote: its memo and who paid it. */}
                <td className="py-1 pr-2 break-words">
                  {[line.memo, line.counterparty].filter(Boolean).join(" · ") || "—"}
                </td>
                {actions ? (
                  <td className="py-1 whitespace-nowrap">
                    <LineAction line={line} open={open} actions={actions} />
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollBox>
    </details>
  );
}
