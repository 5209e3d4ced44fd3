// What a casework server action answers: success, or an expected error the form shows the user.
import type { ErrorCode } from "@/lib/errors/app-error";

export type ActionResult =
  | { ok: true }
  | { ok: false; code: ErrorCode | "INTERNAL"; message: string; fields?: Record<string, string> };
