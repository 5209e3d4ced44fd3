import { apiHandler } from "@/lib/api/respond";
import { signOut } from "@/lib/auth/sign-in";

export const POST = apiHandler(async (request) => {
  const { setCookie } = await signOut({ headers: request.headers });
  const headers = new Headers();
  for (const cookie of setCookie) headers.append("set-cookie", cookie);
  return Response.json({ ok: true }, { headers });
});
