// The one error db:copy expects: its message is shown to the operator as is, with no stack trace.
import { maskPans } from "@/lib/card-data/mask-pan";

export class CopyError extends Error {
  constructor(message: string) {
    // Driver messages can quote values; mask anything that looks like a card number before it is shown.
    super(maskPans(message));
    this.name = "CopyError";
  }
}

export function isCopyError(error: unknown): error is CopyError {
  return error instanceof CopyError;
}

/** The message of any thrown value, for wrapping driver errors into a CopyError. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
