// The client's network address for sign-in throttling and the session record. Route handlers do
// not see the socket, so the address comes from a header that a trusted reverse proxy sets — and
// only then: with no proxy (TRUSTED_PROXY unset) every forwarding header is the client's own
// claim and is ignored. Pure: the setting comes in as an argument.
import { isIP } from "node:net";

/** Reads the address per the TRUSTED_PROXY setting; null when it cannot be known. */
export function clientAddress(headers: Headers, trustedProxy: string): string | null {
  const setting = trustedProxy.trim().toLowerCase();
  if (setting === "x-real-ip") return normalizeAddress(headers.get("x-real-ip") ?? "");
  const hops = Number(setting);
  if (!Number.isInteger(hops) || hops < 1) return null;
  // Each trusted proxy appends the address it received the request from, so the entry `hops`
  // from the right was written by our outermost proxy; anything left of it the client wrote.
  const entries = (headers.get("x-forwarded-for") ?? "").split(",").map((entry) => entry.trim());
  if (entries.length < hops) return null;
  return normalizeAddress(entries[entries.length - hops]);
}

/** A plain IPv4 or IPv6 address (brackets, port and zone removed; IPv4-mapped IPv6 as IPv4), or null. */
export function normalizeAddress(value: string): string | null {
  let address = value.trim();
  if (address.length > 100) return null;
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(address);
  if (bracketed) address = bracketed[1];
  else if (/^[\d.]+:\d+$/.test(address)) address = address.slice(0, address.lastIndexOf(":"));
  address = address.replace(/%.*$/, "").toLowerCase();
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(address);
  if (mapped) address = mapped[1];
  const version = isIP(address);
  if (version === 4) return address;
  if (version === 6)
    return expandIpv6(address)
      .map((group) => group.replace(/^0+(?=.)/, ""))
      .join(":");
  return null;
}

/**
 * The unit one party controls: an IPv4 address, or an IPv6 /64 (a single host is routinely given
 * a whole /64, so counting single IPv6 addresses would give an attacker 2^64 fresh ones).
 */
export function throttledNetwork(address: string): string {
  if (isIP(address) !== 6) return address;
  return `${expandIpv6(address)
    .slice(0, 4)
    .map((group) => group.replace(/^0+(?=.)/, ""))
    .join(":")}::/64`;
}

/** The eight 4-digit groups of a valid IPv6 address (an embedded IPv4 tail becomes two groups). */
function expandIpv6(address: string): string[] {
  let text = address;
  const ipv4Tail = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (ipv4Tail) {
    const [a, b, c, d] = ipv4Tail.slice(1).map(Number);
    text = `${text.slice(0, ipv4Tail.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.includes("::") ? text.split("::") : [text, undefined];
  const headGroups = head ? head.split(":") : [];
  const tailGroups = tail ? tail.split(":") : [];
  const missing = 8 - headGroups.length - tailGroups.length;
  const groups = tail === undefined ? headGroups : [...headGroups, ...Array(missing).fill("0"), ...tailGroups];
  return groups.map((group) => group.padStart(4, "0"));
}
