// How a card shows on screen: BIN, six hidden digits, last four — never more than the slip may
// carry (PCI DSS: first six and last four at most). Pure.

export function maskedCard(cardBin: string | null, cardLast4: string | null): string | null {
  const bin = cardBin && /^\d{6}$/.test(cardBin) ? cardBin : null;
  const last4 = cardLast4 && /^\d{4}$/.test(cardLast4) ? cardLast4 : null;
  if (bin && last4) return `${bin} ****** ${last4}`;
  if (last4) return `**** ${last4}`;
  if (bin) return `${bin} ******`;
  return null;
}
