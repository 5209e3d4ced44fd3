// Card-data hygiene (PCI DSS req. 3): find full card numbers in free text and mask them. Pure.

/** Luhn checksum over a string of digits. */
export function passesLuhn(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let digit = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

// A run of digits, optionally separated by single spaces or dashes, not glued to other digits.
const DIGIT_RUN = /(?<![\d])\d(?:[ -]?\d){12,}(?![\d])/g;

/**
 * Masks every Luhn-valid 13–19 digit card number (spaces or dashes allowed) to `****` + last
 * four. A run that is not a PAN as a whole (too long, or failing Luhn) is searched group by group,
 * so "4111 1111 1111 1111 0925" still has its PAN masked while other long numbers are left alone.
 */
export function maskPans(text: string): string {
  // Repeat until nothing changes: a mask's last four followed by more digits can form a new
  // Luhn-valid run ("****0312 0100000002"), which must not survive either. Each pass that
  // changes something removes at least nine digits, so this ends.
  let current = text;
  for (;;) {
    const next = current.replace(DIGIT_RUN, (run) => maskRun(run));
    if (next === current) return current;
    current = next;
  }
}

function isPan(digits: string): boolean {
  return digits.length >= 13 && digits.length <= 19 && passesLuhn(digits);
}

function maskRun(run: string): string {
  const whole = run.replace(/[ -]/g, "");
  if (isPan(whole)) return `****${whole.slice(-4)}`;

  const groups = run.split(/[ -]/);
  if (groups.length < 2) return run;
  const out: string[] = [];
  let found = false;
  let i = 0;
  while (i < groups.length) {
    let matchedEnd = -1;
    // Longest span of whole groups starting here that is a PAN.
    for (let end = groups.length; end > i; end--) {
      if (isPan(groups.slice(i, end).join(""))) {
        matchedEnd = end;
        break;
      }
    }
    if (matchedEnd === -1) {
      out.push(groups[i]);
      i++;
    } else {
      out.push(`****${groups.slice(i, matchedEnd).join("").slice(-4)}`);
      found = true;
      i = matchedEnd;
    }
  }
  return found ? out.join(" ") : run;
}

/** True when the text still holds something that looks like a full card number. */
export function containsPan(text: string): boolean {
  return maskPans(text) !== text;
}
