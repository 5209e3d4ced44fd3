import { apiHandler, errorResponse, readJson } from "@/lib/api/respond";
import { SignInThrottledError, signIn } from "@/lib/auth/sign-in";
import { localeFromHeaders } from "@/lib/i18n/locales";
import { signInSchema } from "@/lib/schemas/incident";

export const POST = apiHandler(async (request) => {
  const { email, password } = await readJson(request, signInSchema);
  try {
    const { setCookie } = await signIn({ email, password, headers: request.headers });
    const headers = new Headers();
    for (const cookie of setCookie) headers.append("set-cookie", cookie);
    return Response.json({ ok: true }, { headers });
  } catch (error) {
    if (!(error instanceof SignInThrottledError)) throw error;
    const response = errorResponse(error, localeFromHeaders(request.headers));
    response.headers.set("retry-after", String(error.retryAfterSeconds));
    return response;
  }
});
