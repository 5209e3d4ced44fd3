// The Idempotency-Key a create is retried under: the header of POST /api/incidents, or the hidden
// field of the "log incident" form. It is stored as sent, so one that holds a card number (a till
// that keys retries by the card) is refused rather than stored. Pure; client and server.
import { z } from "zod";
import { containsEncodedPan } from "@/lib/card-data/encoded-pans";
import { AppError } from "@/lib/errors/app-error";

/** Where the key travels in HTTP, and the name errors give it. */
export const IDEMPOTENCY_KEY_HEADER = "Idempotency-Key";

export const IDEMPOTENCY_KEY_MAX_LENGTH = 128;

// A UUID's digits are random hex: about one in 350 has a Luhn-valid run of 13+ digits across its
// dashes ("…-8459-446655440000"), which is chance, not a card. Refusing those would fail honest
// clients now and then, so a UUID in the key ("retry-<uuid>") is set aside and only the rest of
// the key is checked for a card number.
const UUIDS = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

export const idempotencyKeySchema = z
  .string()
  .regex(
    new RegExp(`^[\\w.:-]{1,${IDEMPOTENCY_KEY_MAX_LENGTH}}$`),
    `${IDEMPOTENCY_KEY_HEADER} must be 1–${IDEMPOTENCY_KEY_MAX_LENGTH} letters, digits, '-', '_', '.' or ':'.`,
  )
  .refine(
    // A letter in place of each UUID, so what surrounds it cannot join across it.
    (key) => !containsEncodedPan(key.replace(UUIDS, "u")),
    `${IDEMPOTENCY_KEY_HEADER} must not hold a card number: use a random value such as a UUID.`,
  );

/**
 * The key, or null when none was sent; anything else (a form's file field included) answers 400
 * naming the header. Call it before anything is read or stored: `request.headers.get(…)` or
 * `form.get(…)` go in as they are.
 */
export function parseIdempotencyKey(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  const result = idempotencyKeySchema.safeParse(value);
  if (result.success) return result.data;
  // Only the card-number refinement is a custom issue; anything else is the wrong shape.
  const message =
    result.error.issues[0]?.code === "custom"
      ? ({ reason: "IDEMPOTENCY_KEY_HOLDS_CARD" } as const)
      : ({ reason: "IDEMPOTENCY_KEY_INVALID", params: { max: IDEMPOTENCY_KEY_MAX_LENGTH } } as const);
  throw new AppError("BAD_REQUEST", message, { [IDEMPOTENCY_KEY_HEADER]: message });
}

/** A fresh random key (a UUID v4); in its own module so the browser gets it without zod. */
export { newIdempotencyKey } from "@/lib/api/new-idempotency-key";
