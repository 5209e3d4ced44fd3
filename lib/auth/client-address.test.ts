import { isIP } from "node:net";
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { clientAddress, normalizeAddress, throttledNetwork } from "@/lib/auth/client-address";

const headers = (values: Record<string, string>) => new Headers(values);
/** What a client may put in a header: anything printable, commas included. */
const claim = fc.string({ unit: fc.constantFrom(..."0123456789abcdef.:,[] %xyz"), maxLength: 60 });

describe("clientAddress", () => {
  test("with no trusted proxy every forwarding header is ignored", () => {
    fc.assert(
      fc.property(claim, claim, fc.constantFrom("", "none", "NONE", "0", "bogus"), (forwarded, realIp, setting) => {
        expect(clientAddress(headers({ "x-forwarded-for": forwarded, "x-real-ip": realIp }), setting)).toBeNull();
      }),
    );
  });

  test("behind one proxy the entry it appended wins, whatever the client wrote before it", () => {
    fc.assert(
      fc.property(fc.array(claim, { maxLength: 5 }), fc.ipV4(), (written, appended) => {
        const forwarded = [...written, appended].join(", ");
        expect(clientAddress(headers({ "x-forwarded-for": forwarded }), "1")).toBe(appended);
      }),
    );
  });

  test("behind two proxies the second entry from the right is the client", () => {
    const forwarded = "6.6.6.6, 203.0.113.9, 10.0.0.2";
    expect(clientAddress(headers({ "x-forwarded-for": forwarded }), "2")).toBe("203.0.113.9");
    expect(clientAddress(headers({ "x-forwarded-for": "10.0.0.2" }), "2")).toBeNull();
  });

  test("x-real-ip reads that header only", () => {
    const both = headers({ "x-real-ip": "198.51.100.4", "x-forwarded-for": "6.6.6.6" });
    expect(clientAddress(both, "x-real-ip")).toBe("198.51.100.4");
    expect(clientAddress(headers({ "x-forwarded-for": "6.6.6.6" }), "x-real-ip")).toBeNull();
  });

  test("never throws and yields an IP address or null, for any header", () => {
    fc.assert(
      fc.property(claim, claim, fc.constantFrom("1", "2", "x-real-ip"), (forwarded, realIp, setting) => {
        const address = clientAddress(headers({ "x-forwarded-for": forwarded, "x-real-ip": realIp }), setting);
        expect(address === null || isIP(address) !== 0).toBe(true);
      }),
    );
  });
});

describe("normalizeAddress", () => {
  test("strips brackets, ports and zones and unmaps IPv4-mapped IPv6", () => {
    expect(normalizeAddress("203.0.113.9:4711")).toBe("203.0.113.9");
    expect(normalizeAddress("[2001:DB8::1]:443")).toBe("2001:db8:0:0:0:0:0:1");
    expect(normalizeAddress("fe80::1%eth0")).toBe("fe80:0:0:0:0:0:0:1");
    expect(normalizeAddress("::ffff:192.0.2.1")).toBe("192.0.2.1");
    expect(normalizeAddress("unknown")).toBeNull();
    expect(normalizeAddress("1".repeat(3000))).toBeNull();
  });

  test("one spelling per IPv6 address", () => {
    fc.assert(
      fc.property(fc.ipV6(), (address) => {
        const normalized = normalizeAddress(address);
        expect(normalized).not.toBeNull();
        expect(normalizeAddress(normalized ?? "")).toBe(normalized);
      }),
    );
  });
});

describe("throttledNetwork", () => {
  test("an IPv4 address is its own unit; IPv6 addresses count per /64", () => {
    expect(throttledNetwork("203.0.113.9")).toBe("203.0.113.9");
    const a = throttledNetwork(normalizeAddress("2001:db8:1:2::1") ?? "");
    const b = throttledNetwork(normalizeAddress("2001:db8:1:2:ffff:ffff:ffff:ffff") ?? "");
    const c = throttledNetwork(normalizeAddress("2001:db8:1:3::1") ?? "");
    expect(a).toBe("2001:db8:1:2::/64");
    expect(b).toBe(a);
    expect(c).not.toBe(a);
  });
});
