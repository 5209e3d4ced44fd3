import { apiHandler, readJson } from "@/lib/api/respond";
import { signIn } from "@/lib/auth/sign-in";
import { signInSchema } from "@/lib/schemas/incident";

export const POST = apiHandler(async (request) => {
  const { email, password } = await readJson(request, signInSchema);
  const { setCookie } = await signIn({ email, password, headers: request.headers });
  const headers = new Headers();
  for (const cookie of setCookie) headers.append("set-cookie", cookie);
  return Response.json({ ok: true }, { headers });
});
