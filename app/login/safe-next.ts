// Where to go after signing in: only a same-site relative path is honoured, so a crafted
// `?next=https://evil.example` or `?next=//evil.example` cannot send a user off-site. Pure.

/** "/" sends each role on to its own queue (app/page.tsx). */
export const DEFAULT_AFTER_SIGN_IN = "/";

export function safeNextPath(next: string | string[] | undefined | null): string {
  const value = Array.isArray(next) ? next[0] : next;
  if (!value || value.length > 512) return DEFAULT_AFTER_SIGN_IN;
  // A single leading slash, then not another slash or backslash (protocol-relative URLs).
  if (!/^\/(?![/\\])/.test(value)) return DEFAULT_AFTER_SIGN_IN;
  // No control characters or whitespace, which browsers may strip to form "//host".
  if (value.includes("\\") || [...value].some((char) => char.charCodeAt(0) <= 0x20 || char.charCodeAt(0) === 0x7f)) {
    return DEFAULT_AFTER_SIGN_IN;
  }
  const base = "http://slipcase.invalid";
  const url = new URL(value, base);
  if (url.origin !== base) return DEFAULT_AFTER_SIGN_IN;
  if (url.pathname === "/login" || url.pathname.startsWith("/api/")) return DEFAULT_AFTER_SIGN_IN;
  return `${url.pathname}${url.search}${url.hash}`;
}
