// One HTTP attempt at a webhook: a POST of the stored body with fresh Standard Webhooks headers,
// through the SSRF guard (an address literal is checked before connecting; a name is resolved by
// the guarded lookup, so the socket goes to the address that was checked). Redirects are not
// followed (a 3xx is a failed attempt), and the whole attempt is cut at the timeout.
import "server-only";
import { request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";
import { checkUrlShape, createGuardedLookup } from "@/lib/webhooks/ssrf";

export type SendOutcome = { statusCode: number; error: null } | { statusCode: number | null; error: string };

// The receiver's answer is read (so the connection closes cleanly) but never stored beyond this.
const MAX_ANSWER_BYTES = 64 * 1024;

export function sendWebhook({
  url,
  headers,
  body,
  timeoutMs,
  allowPrivate,
}: {
  url: string;
  headers: Record<string, string>;
  body: string;
  timeoutMs: number;
  allowPrivate: boolean;
}): Promise<SendOutcome> {
  const check = checkUrlShape(url, { allowPrivate });
  if (!check.ok) return Promise.resolve({ statusCode: null, error: `refused: ${check.problem}` });
  const payload = Buffer.from(body, "utf8");
  const send = check.url.protocol === "https:" ? httpsRequest : httpRequest;
  return new Promise<SendOutcome>((resolve) => {
    let settled = false;
    const finish = (outcome: SendOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(outcome);
    };
    const request = send(
      check.url,
      {
        method: "POST",
        headers: { ...headers, "content-length": String(payload.length), "user-agent": "Slipcase-Webhooks/1" },
        lookup: createGuardedLookup({ allowPrivate }),
        // a fresh connection per attempt: no pooled socket to an address checked long ago
        agent: false,
      },
      (response) => {
        const statusCode = response.statusCode ?? 0;
        let read = 0;
        response.on("data", (chunk: Buffer) => {
          read += chunk.length;
          if (read > MAX_ANSWER_BYTES) response.destroy();
        });
        response.on("error", () => {});
        response.on("close", () =>
          finish(
            statusCode >= 200 && statusCode < 300
              ? { statusCode, error: null }
              : {
                  statusCode,
                  error: statusCode >= 300 && statusCode < 400 ? "redirect not followed" : `HTTP ${statusCode}`,
                },
          ),
        );
      },
    );
    const timer = setTimeout(() => {
      request.destroy(new Error(`timed out after ${timeoutMs} ms`));
      finish({ statusCode: null, error: `timed out after ${timeoutMs} ms` });
    }, timeoutMs);
    request.on("error", (error: NodeJS.ErrnoException) =>
      finish({
        statusCode: null,
        error:
          error.code && error.code !== "WEBHOOK_BLOCKED_ADDRESS" ? `${error.code}: ${error.message}` : error.message,
      }),
    );
    request.end(payload);
  });
}
