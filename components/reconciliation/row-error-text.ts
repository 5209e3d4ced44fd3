"use client";
// A row error in the reader's words: its reason worded from messages/<locale>/import-errors.json,
// or the message as the server gave it when the reason is unknown here.
import { useTranslations } from "next-intl";
import type { RowErrorView } from "@/components/reconciliation/row-errors-table";

export interface RowErrorData extends RowErrorView {
  reason?: string;
  params?: Record<string, string | number>;
}

export function useRowErrorText(): (errors: RowErrorData[]) => RowErrorView[] {
  const t = useTranslations("ImportErrors");
  return (errors) =>
    errors.map((error) => ({
      line: error.line,
      column: error.column,
      message: error.reason && t.has(error.reason) ? t(error.reason, error.params ?? {}) : error.message,
    }));
}
