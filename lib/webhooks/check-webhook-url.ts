// A webhook URL as the admin saves it: its shape (http(s), no credentials, not an internal address
// literal) and every address its host resolves to (none internal), else an error naming `url` —
// 400 when it is not a URL at all, 422 when it is one Slipcase will not send to.
import "server-only";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors/app-error";
import { BlockedAddressError, checkUrlShape, resolveAllowed, type WebhookUrlProblem } from "@/lib/webhooks/ssrf";

/** How long a host name may take to resolve before it counts as not found. */
const RESOLVE_TIMEOUT_MS = 5_000;

function refuse(problem: WebhookUrlProblem): AppError {
  const message = { reason: problem } as const;
  return new AppError(problem === "WEBHOOK_URL_INVALID" ? "BAD_REQUEST" : "RULE_VIOLATION", message, { url: message });
}

/** The URL, normalised (WHATWG: http://2130706433/ is http://127.0.0.1/), once it passes. */
export async function checkWebhookUrl(raw: string, allowPrivate = env.WEBHOOK_ALLOW_PRIVATE): Promise<string> {
  const shape = checkUrlShape(raw, { allowPrivate });
  if (!shape.ok) throw refuse(shape.problem);
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      resolveAllowed(shape.hostname, { allowPrivate }),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error("resolution timed out")), RESOLVE_TIMEOUT_MS);
      }),
    ]);
  } catch (error) {
    throw refuse(error instanceof BlockedAddressError ? "WEBHOOK_URL_PRIVATE_ADDRESS" : "WEBHOOK_URL_UNRESOLVED");
  } finally {
    clearTimeout(timer);
  }
  return shape.url.href;
}
