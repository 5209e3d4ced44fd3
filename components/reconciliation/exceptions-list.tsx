"use client";
// The exceptions of the filters: tappable rows (a dense grid on a wide screen), each with its lines
// and "Open incident"; a selection for "Open incidents for selected"; pairing and unpairing lines
// by hand (a line picked, then its partner chosen, in the same or another exception); more pages
// on request (the list's keyset cursor); the CSV of the same filters.
import { useFormatter, useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";
import { callApi, postJson } from "@/components/reconciliation/api";
import { canOpenIncident, ExceptionItem } from "@/components/reconciliation/exception-item";
import type { LinePairingActions } from "@/components/reconciliation/exception-lines";
import { formatAmount } from "@/components/reconciliation/line-amount";
import { Button, buttonClass } from "@/components/ui/button";
import type { ReconExceptionDto, ReconLineDto } from "@/lib/schemas/reconciliation";

type Page = { items: ReconExceptionDto[]; nextCursor: string | null };
type LinkedIncident = NonNullable<ReconExceptionDto["incident"]>;
type Opened = { incident: LinkedIncident; linked: boolean };
type BulkResult = {
  results: ({ id: string; status: number } & (
    | { incident: LinkedIncident; linked: boolean }
    | { error: { message: string } }
  ))[];
};

export function ExceptionsList({
  initial,
  query,
  canPair,
}: {
  initial: Page;
  query: string;
  /** The reader may pair and unpair lines (reconciliation.resolve). */
  canPair: boolean;
}) {
  const t = useTranslations("Reconciliation.exceptions");
  const tCommon = useTranslations("Common.errors");
  const [items, setItems] = useState(initial.items);
  const [cursor, setCursor] = useState(initial.nextCursor);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [opening, setOpening] = useState<Set<string>>(new Set());
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [loadingMore, setLoadingMore] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [picked, setPicked] = useState<ReconLineDto | null>(null);
  const [justOpened, setJustOpened] = useState<string | null>(null);
  const [pairingBusy, setPairingBusy] = useState(false);
  const noticeRef = useRef<HTMLParagraphElement>(null);
  const [announced, setAnnounced] = useState(0);
  const format = useFormatter();
  const tExceptions = useTranslations("Exceptions");
  const openable = items.filter(canOpenIncident);

  /** Says something and takes the focus there: the button pressed may be gone with its line. */
  function announce(text: string) {
    setNotice(text);
    setAnnounced((count) => count + 1);
  }
  // Once the notice is rendered (an empty one is hidden, and a hidden one takes no focus).
  useEffect(() => {
    if (announced > 0) noticeRef.current?.focus();
  }, [announced]);

  /** The first page again: a pairing moves lines between exceptions, opens and resolves some. */
  async function reload(): Promise<boolean> {
    const answer = await callApi<Page>(`/api/reconciliation/exceptions${query ? `?${query}` : ""}`);
    if (!answer.ok) return false;
    setItems(answer.body.items);
    setCursor(answer.body.nextCursor);
    const shown = new Set(answer.body.items.map((item) => item.id));
    setSelected((current) => new Set([...current].filter((id) => shown.has(id))));
    return true;
  }

  async function changePairing(url: string, body: unknown, done: string) {
    if (pairingBusy) return;
    setPairingBusy(true);
    const answer = await postJson<unknown>(url, body);
    if (answer.ok) {
      setPicked(null);
      const reloaded = await reload();
      announce(reloaded ? done : `${done} ${t("failedToLoad")}`);
    } else {
      announce(answer.body?.error.message ?? tCommon("generic"));
    }
    setPairingBusy(false);
  }

  const pairing: LinePairingActions = {
    picked,
    busy: pairingBusy,
    pick: (line) => {
      setPicked(line);
      setNotice(null);
    },
    pair: (pos, statement) =>
      changePairing(
        "/api/reconciliation/lines/pair",
        { posLineId: pos.id, statementLineId: statement.id },
        t("paired"),
      ),
    unpair: (line) => changePairing("/api/reconciliation/lines/unpair", { lineId: line.id }, t("unpaired")),
  };

  function linkIncident(id: string, { id: incidentId, reference, status }: LinkedIncident) {
    const incident = { id: incidentId, reference, status };
    setItems((current) => current.map((item) => (item.id === id ? { ...item, incident } : item)));
    setSelected((current) => {
      const next = new Set(current);
      next.delete(id);
      return next;
    });
  }

  function setBusy(ids: string[], busy: boolean) {
    setOpening((current) => {
      const next = new Set(current);
      for (const id of ids) {
        if (busy) next.add(id);
        else next.delete(id);
      }
      return next;
    });
  }

  async function openOne(id: string) {
    setBusy([id], true);
    const answer = await postJson<Opened>(`/api/reconciliation/exceptions/${id}/incident`, {});
    setBusy([id], false);
    if (answer.ok) {
      setErrors(({ [id]: _gone, ...rest }) => rest);
      linkIncident(id, answer.body.incident);
      setJustOpened(id);
    } else {
      setErrors((current) => ({ ...current, [id]: answer.body?.error.message ?? tCommon("generic") }));
    }
  }

  async function openSelected() {
    const ids = [...selected];
    if (ids.length === 0) return;
    setBusy(ids, true);
    setNotice(null);
    const answer = await postJson<BulkResult>("/api/reconciliation/exceptions/incidents", { ids });
    setBusy(ids, false);
    if (!answer.ok) {
      setNotice(answer.body?.error.message ?? tCommon("generic"));
      return;
    }
    let opened = 0;
    const failures: Record<string, string> = {};
    for (const result of answer.body.results) {
      if ("incident" in result) {
        opened++;
        linkIncident(result.id, result.incident);
      } else {
        failures[result.id] = result.error.message;
      }
    }
    setErrors((current) => ({ ...current, ...failures }));
    announce(t("bulkDone", { opened, failed: Object.keys(failures).length }));
  }

  async function showMore() {
    if (!cursor) return;
    setLoadingMore(true);
    const answer = await callApi<Page>(
      `/api/reconciliation/exceptions?${query}${query ? "&" : ""}cursor=${encodeURIComponent(cursor)}`,
    );
    setLoadingMore(false);
    if (!answer.ok) {
      setNotice(answer.body?.error.message ?? t("failedToLoad"));
      return;
    }
    setItems((current) => [...current, ...answer.body.items]);
    setCursor(answer.body.nextCursor);
  }

  const allSelected = openable.length > 0 && openable.every((item) => selected.has(item.id));

  return (
    <section aria-labelledby="exceptions-heading" className="space-y-3">
      <div className="flex flex-wrap items-center gap-2">
        <h2 id="exceptions-heading" className="mr-auto text-lg font-semibold">
          {t("heading")}
        </h2>
        <a
          href={`/api/reconciliation/exceptions.csv${query ? `?${query}` : ""}`}
          download
          className={buttonClass({ variant: "secondary" })}
          data-testid="exceptions-csv"
        >
          {t("download")}
        </a>
      </div>
      {openable.length > 0 ? (
        <div className="flex flex-wrap items-center gap-2 rounded-lg border border-slate-200 bg-slate-50 px-1 py-1">
          <label className="flex min-h-11 cursor-pointer items-center gap-2 px-2 text-sm">
            <input
              type="checkbox"
              className="size-5"
              checked={allSelected}
              onChange={(event) =>
                setSelected(event.target.checked ? new Set(openable.map((item) => item.id)) : new Set())
              }
            />
            {t("selectAll")}
          </label>
          <Button variant="primary" onClick={openSelected} disabled={selected.size === 0 || opening.size > 0}>
            {t("bulkOpen", { count: selected.size })}
          </Button>
        </div>
      ) : null}
      <p
        ref={noticeRef}
        tabIndex={-1}
        aria-live="polite"
        className="text-sm font-medium empty:hidden focus:outline-none"
        data-testid="exceptions-notice"
      >
        {notice}
      </p>
      {picked ? (
        <div
          className="sticky bottom-2 z-10 flex flex-wrap items-center gap-2 rounded-lg border border-amber-300 bg-amber-50 px-3 py-2 text-sm shadow"
          data-testid="pairing-bar"
        >
          <p className="mr-auto min-w-0">
            {t("picking", {
              source: tExceptions(`sources.${picked.source}`),
              time: picked.txAt ?? picked.day,
              terminal: picked.tid ?? "—",
              amount: formatAmount(format, picked),
              other: picked.source === "pos" ? "statement" : "pos",
            })}
          </p>
          <Button variant="secondary" onClick={() => setPicked(null)}>
            {t("pickCancel")}
          </Button>
        </div>
      ) : null}
      {items.length === 0 ? (
        <p className="text-slate-600" data-testid="exceptions-empty">
          {t("empty")}
        </p>
      ) : (
        <ul
          className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white"
          data-testid="exceptions-list"
        >
          {items.map((exception) => (
            <ExceptionItem
              key={exception.id}
              exception={exception}
              selected={selected.has(exception.id)}
              onSelect={(on) =>
                setSelected((current) => {
                  const next = new Set(current);
                  if (on) next.add(exception.id);
                  else next.delete(exception.id);
                  return next;
                })
              }
              onOpen={() => openOne(exception.id)}
              opening={opening.has(exception.id)}
              error={errors[exception.id]}
              pairing={canPair ? pairing : undefined}
              focusIncident={justOpened === exception.id}
            />
          ))}
        </ul>
      )}
      {cursor ? (
        <Button onClick={showMore} disabled={loadingMore}>
          {loadingMore ? t("loading") : t("more")}
        </Button>
      ) : null}
    </section>
  );
}
