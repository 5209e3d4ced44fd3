// A reconciliation amount (a line's or an exception's decimal string) as money, e.g. ¥1,234.56,
// alike on every page — with the formatter of either side (next-intl's useFormatter or getFormatter).
import type { useFormatter } from "next-intl";

type NumberFormatter = Pick<ReturnType<typeof useFormatter>, "number">;

export function formatAmount(format: NumberFormatter, { amount, currency }: { amount: string; currency: string }) {
  return format.number(Number(amount), { style: "currency", currency, currencyDisplay: "narrowSymbol" });
}
