"use client";
// Which terminal: preselected when the cashier has only one, else the one last used on this
// device (kept in localStorage: a TID only, never anything from the slip or the card).
import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { SelectField } from "@/components/ui/select";

export interface TerminalOption {
  tid: string;
  storeName: string;
}

const LAST_TERMINAL_KEY = "slipcase.lastTerminal";

/** Remembers the terminal an incident was just logged on, on this device. */
export function rememberTerminal(tid: FormDataEntryValue | null) {
  if (typeof tid !== "string" || tid === "") return;
  try {
    window.localStorage.setItem(LAST_TERMINAL_KEY, tid);
  } catch {
    // Private browsing or storage full: the next visit simply asks again.
  }
}

function lastTerminal(): string | null {
  try {
    return window.localStorage.getItem(LAST_TERMINAL_KEY);
  } catch {
    return null;
  }
}

export function TerminalPicker({
  id,
  terminals,
  initial,
  error,
}: {
  id: string;
  terminals: TerminalOption[];
  /** What the server rendered back after a refused post, if anything. */
  initial: string | undefined;
  error: string | undefined;
}) {
  const t = useTranslations("NewIncident");
  const only = terminals.length === 1 ? terminals[0].tid : "";
  const [value, setValue] = useState(initial || only);

  // After hydration (the server cannot read this device's storage): the last terminal used here,
  // if the cashier has not picked one and it is still one of theirs.
  useEffect(() => {
    const last = lastTerminal();
    if (last && terminals.some((terminal) => terminal.tid === last)) {
      setValue((current) => current || last);
    }
  }, [terminals]);

  return (
    <SelectField
      id={id}
      name="terminalId"
      label={t("terminal")}
      error={error}
      errorTestId="error-terminalId"
      required
      value={value}
      onChange={(event) => setValue(event.target.value)}
      className="h-12"
      data-field="terminalId"
    >
      {only ? null : <option value="">{t("terminalPlaceholder")}</option>}
      {terminals.map((terminal) => (
        <option key={terminal.tid} value={terminal.tid}>
          {t("terminalOption", { tid: terminal.tid, store: terminal.storeName })}
        </option>
      ))}
    </SelectField>
  );
}
