// Server actions answer through Next's cookie jar, not a Response: better-auth's Set-Cookie headers
// (a new session on sign-in, an expired one on sign-out) are copied onto it with their attributes.
import { parseSetCookieHeader, toCookieOptions } from "better-auth/cookies";
import { cookies } from "next/headers";

export async function applySetCookies(setCookie: string[]): Promise<void> {
  const jar = await cookies();
  for (const header of setCookie) {
    for (const [name, attributes] of parseSetCookieHeader(header)) {
      jar.set({ name, value: attributes.value, ...toCookieOptions(attributes) });
    }
  }
}
