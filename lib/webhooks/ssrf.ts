// The guard against server-side request forgery for webhook URLs: only http(s), and never an
// address inside the operator's network — loopback, private, link-local, CGNAT, unique-local,
// unspecified, multicast, broadcast, reserved and documentation ranges, and IPv6 forms that embed
// such an IPv4 address (mapped, compatible, NAT64, 6to4). The URL parser (WHATWG) already turns
// numeric tricks into a dotted quad (http://2130706433/ and http://0x7f.1/ are 127.0.0.1), and every
// address a name resolves to is checked too — at saving, and again by the lookup the delivery's
// connection uses, so the address connected to is the one that was checked (no DNS rebinding).
// WEBHOOK_ALLOW_PRIVATE=1 lets private addresses through (tests with a local receiver).
// classifyAddress and checkUrlShape are pure; resolve and createGuardedLookup use DNS.
import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import { isIP, type LookupFunction } from "node:net";

/** Why a URL is refused (each a reason of the error catalogue). */
export type WebhookUrlProblem =
  | "WEBHOOK_URL_INVALID"
  | "WEBHOOK_URL_SCHEME"
  | "WEBHOOK_URL_CREDENTIALS"
  | "WEBHOOK_URL_PRIVATE_ADDRESS"
  | "WEBHOOK_URL_UNRESOLVED";

export type UrlCheck = { ok: true; url: URL; hostname: string } | { ok: false; problem: WebhookUrlProblem };

type Range = readonly [network: string, prefix: number, name: string];

// IPv4 ranges no webhook may reach (IANA special-purpose registry, less the globally reachable).
const IPV4_BLOCKED: readonly Range[] = [
  ["0.0.0.0", 8, "unspecified"],
  ["10.0.0.0", 8, "private"],
  ["100.64.0.0", 10, "cgnat"],
  ["127.0.0.0", 8, "loopback"],
  ["169.254.0.0", 16, "link-local"],
  ["172.16.0.0", 12, "private"],
  ["192.0.0.0", 24, "reserved"],
  ["192.0.2.0", 24, "documentation"],
  ["192.88.99.0", 24, "reserved"],
  ["192.168.0.0", 16, "private"],
  ["198.18.0.0", 15, "benchmarking"],
  ["198.51.100.0", 24, "documentation"],
  ["203.0.113.0", 24, "documentation"],
  ["224.0.0.0", 4, "multicast"],
  // 240/4 reserved, with 255.255.255.255 (broadcast) in it
  ["240.0.0.0", 4, "reserved"],
];

// IPv6 ranges refused outright. The ones that embed an IPv4 address are handled before these.
const IPV6_BLOCKED: readonly Range[] = [
  ["::", 128, "unspecified"],
  ["::1", 128, "loopback"],
  ["64:ff9b:1::", 48, "nat64-local"],
  ["100::", 64, "discard"],
  ["2001::", 32, "teredo"],
  ["2001:db8::", 32, "documentation"],
  ["fc00::", 7, "unique-local"],
  ["fe80::", 10, "link-local"],
  ["fec0::", 10, "site-local"],
  ["ff00::", 8, "multicast"],
];

/** The four bytes of a strict dotted-quad IPv4 address, else null. */
export function parseIpv4(text: string): number[] | null {
  const parts = text.split(".");
  if (parts.length !== 4) return null;
  const bytes: number[] = [];
  for (const part of parts) {
    if (!/^(0|[1-9]\d{0,2})$/.test(part)) return null;
    const value = Number(part);
    if (value > 255) return null;
    bytes.push(value);
  }
  return bytes;
}

/** The eight 16-bit groups of an IPv6 address (brackets and a zone allowed), else null. */
export function parseIpv6(text: string): number[] | null {
  let address = text.startsWith("[") && text.endsWith("]") ? text.slice(1, -1) : text;
  const zone = address.indexOf("%");
  if (zone >= 0) address = address.slice(0, zone);
  if (isIP(address) !== 6) return null;
  // A trailing dotted quad (::ffff:127.0.0.1) is two groups: written as such, the rest is plain hex.
  const lastColon = address.lastIndexOf(":");
  const last = address.slice(lastColon + 1);
  if (last.includes(".")) {
    const v4 = parseIpv4(last);
    if (!v4) return null;
    address = `${address.slice(0, lastColon + 1)}${((v4[0] << 8) | v4[1]).toString(16)}:${((v4[2] << 8) | v4[3]).toString(16)}`;
  }
  const [head, rest] = address.includes("::") ? address.split("::") : [address, null];
  const groupsOf = (part: string) => (part === "" ? [] : part.split(":").map((group) => Number.parseInt(group, 16)));
  const headGroups = groupsOf(head);
  const restGroups = rest === null ? [] : groupsOf(rest);
  const missing = 8 - headGroups.length - restGroups.length;
  if (rest === null ? missing !== 0 : missing < 0) return null;
  const groups = [...headGroups, ...new Array(rest === null ? 0 : missing).fill(0), ...restGroups];
  return groups.length === 8 && groups.every((group) => Number.isInteger(group) && group >= 0 && group <= 0xffff)
    ? groups
    : null;
}

function ipv4InRange(bytes: number[], [network, prefix]: Range): boolean {
  const net = parseIpv4(network) as number[];
  const value = ((bytes[0] << 24) | (bytes[1] << 16) | (bytes[2] << 8) | bytes[3]) >>> 0;
  const base = ((net[0] << 24) | (net[1] << 16) | (net[2] << 8) | net[3]) >>> 0;
  const mask = prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
  return (value & mask) >>> 0 === (base & mask) >>> 0;
}

function ipv6InRange(groups: number[], [network, prefix]: Range): boolean {
  const net = parseIpv6(network) as number[];
  for (let bit = 0; bit < prefix; bit += 16) {
    const take = Math.min(16, prefix - bit);
    const mask = (0xffff << (16 - take)) & 0xffff;
    if ((groups[bit / 16] & mask) !== (net[bit / 16] & mask)) return false;
  }
  return true;
}

function classifyIpv4(bytes: number[]): string | null {
  return IPV4_BLOCKED.find((range) => ipv4InRange(bytes, range))?.[2] ?? null;
}

const embedded = (high: number, low: number) => [high >> 8, high & 0xff, low >> 8, low & 0xff];

function classifyIpv6(groups: number[]): string | null {
  const [g0, g1, g2, g3, g4, g5, g6, g7] = groups;
  const zeros = (...values: number[]) => values.every((value) => value === 0);
  if (zeros(g0, g1, g2, g3, g4, g5, g6) && g7 <= 1) return g7 === 0 ? "unspecified" : "loopback";
  // ::ffff:a.b.c.d (mapped), ::a.b.c.d (compatible), ::ffff:0:a.b.c.d (translated)
  if (zeros(g0, g1, g2, g3, g4) && (g5 === 0xffff || g5 === 0)) return classifyIpv4(embedded(g6, g7));
  if (zeros(g0, g1, g2, g3) && g4 === 0xffff && g5 === 0) return classifyIpv4(embedded(g6, g7));
  // 64:ff9b::a.b.c.d (NAT64)
  if (g0 === 0x64 && g1 === 0xff9b && zeros(g2, g3, g4, g5)) return classifyIpv4(embedded(g6, g7));
  // 2002:AABB:CCDD::/48 (6to4) carries a.b.c.d in its second and third groups
  if (g0 === 0x2002) return classifyIpv4(embedded(g1, g2));
  return IPV6_BLOCKED.find((range) => ipv6InRange(groups, range))?.[2] ?? null;
}

/**
 * The blocked range an IP address is in ("loopback", "private", …), null for a public address,
 * and "not-an-ip" for anything that is not an address.
 */
export function classifyAddress(address: string): string | null {
  const v4 = parseIpv4(address);
  if (v4) return classifyIpv4(v4);
  const v6 = parseIpv6(address);
  if (v6) return classifyIpv6(v6);
  return "not-an-ip";
}

/**
 * The URL's own shape: parses, is http(s), has no user name or password, and — when its host is an
 * address — is not a blocked one. A host name still has to be resolved (resolveAllowed).
 */
export function checkUrlShape(raw: string, { allowPrivate }: { allowPrivate: boolean }): UrlCheck {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, problem: "WEBHOOK_URL_INVALID" };
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return { ok: false, problem: "WEBHOOK_URL_SCHEME" };
  if (url.username || url.password) return { ok: false, problem: "WEBHOOK_URL_CREDENTIALS" };
  const hostname = url.hostname.startsWith("[") ? url.hostname.slice(1, -1) : url.hostname;
  if (!hostname) return { ok: false, problem: "WEBHOOK_URL_INVALID" };
  if (!allowPrivate && isIP(hostname) && classifyAddress(hostname) !== null) {
    return { ok: false, problem: "WEBHOOK_URL_PRIVATE_ADDRESS" };
  }
  return { ok: true, url, hostname };
}

/** Error of a connection refused by the guard (its message names the range, never a secret). */
export class BlockedAddressError extends Error {
  readonly code = "WEBHOOK_BLOCKED_ADDRESS";
}

/**
 * Every address a host resolves to; refused when any of them is blocked (an attacker's name that
 * resolves to one public and one private address must not get a coin toss).
 */
export async function resolveAllowed(
  hostname: string,
  { allowPrivate, family = 0 }: { allowPrivate: boolean; family?: number },
): Promise<LookupAddress[]> {
  const addresses = isIP(hostname)
    ? [{ address: hostname, family: isIP(hostname) }]
    : await new Promise<LookupAddress[]>((resolve, reject) =>
        dnsLookup(hostname, { all: true, family, verbatim: true }, (error, found) =>
          error ? reject(error) : resolve(found),
        ),
      );
  if (addresses.length === 0) throw new Error(`${hostname} resolves to no address`);
  if (!allowPrivate) {
    for (const { address } of addresses) {
      const range = classifyAddress(address);
      if (range !== null) throw new BlockedAddressError(`${hostname} resolves to a ${range} address`);
    }
  }
  return addresses;
}

/**
 * A `lookup` for http(s).request that resolves with the guard: the socket connects to an address
 * this check passed, not to whatever a second resolution would say.
 */
export function createGuardedLookup({ allowPrivate }: { allowPrivate: boolean }): LookupFunction {
  return ((hostname: string, options: { all?: boolean; family?: number | string }, callback: LookupCallback) => {
    const family =
      options.family === "IPv6" || options.family === 6 ? 6 : options.family === "IPv4" || options.family === 4 ? 4 : 0;
    resolveAllowed(hostname, { allowPrivate, family }).then(
      (addresses) =>
        options.all ? callback(null, addresses) : callback(null, addresses[0].address, addresses[0].family),
      (error: NodeJS.ErrnoException) => callback(error, options.all ? [] : "", 0),
    );
  }) as unknown as LookupFunction;
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;
