// What an /admin server action answers: success, or an expected error the form shows per field.
// Types only, so client components can import it.
import type { ErrorCode } from "@/lib/errors/app-error";

export type AdminActionResult =
  | { ok: true; at: number }
  | { ok: false; at: number; code: ErrorCode | "INTERNAL"; message: string; fields: Record<string, string> };

/** The state a form starts in, before its first submission. */
export type AdminFormState = AdminActionResult | null;
