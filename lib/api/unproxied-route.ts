// A route handler that proxy.ts's matcher leaves out (the reconciliation's uploads, whose bodies
// must stream to the route instead of being buffered for the proxy) puts on every answer the
// headers the proxy gives every other one: the same security headers and CSP, a fresh nonce.
import "server-only";
import { env } from "@/lib/env";
import { createNonce, securityHeaders } from "@/lib/http/security-headers";

const https = env.BETTER_AUTH_URL?.startsWith("https:") ?? false;
const development = env.NODE_ENV === "development";

export function unproxiedRoute<C>(handler: (request: Request, context: C) => Promise<Response>) {
  return async (request: Request, context: C): Promise<Response> => {
    const response = await handler(request, context);
    const headers = securityHeaders({ nonce: createNonce(), https, development });
    for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
    response.headers.set("Cache-Control", "no-store");
    return response;
  };
}
