import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { checkUrlShape, classifyAddress, parseIpv6, resolveAllowed } from "@/lib/webhooks/ssrf";

const strict = { allowPrivate: false };
const ipv4 = fc.tuple(fc.nat(255), fc.nat(255), fc.nat(255), fc.nat(255));
const dotted = (bytes: number[]) => bytes.join(".");
const asUint32 = (bytes: number[]) => ((bytes[0] << 24) | (bytes[1] << 16) | (bytes[2] << 8) | bytes[3]) >>> 0;
const hexGroups = (bytes: number[]) =>
  `${((bytes[0] << 8) | bytes[1]).toString(16)}:${((bytes[2] << 8) | bytes[3]).toString(16)}`;

describe("SSRF guard: address classification", () => {
  test.each([
    ["127.0.0.1", "loopback"],
    ["127.255.255.254", "loopback"],
    ["10.0.0.5", "private"],
    ["172.16.0.1", "private"],
    ["172.31.255.255", "private"],
    ["192.168.1.1", "private"],
    ["169.254.169.254", "link-local"],
    ["100.64.0.1", "cgnat"],
    ["100.127.255.255", "cgnat"],
    ["0.0.0.0", "unspecified"],
    ["224.0.0.1", "multicast"],
    ["255.255.255.255", "reserved"],
    ["::", "unspecified"],
    ["::1", "loopback"],
    ["[::1]", "loopback"],
    ["fe80::1", "link-local"],
    ["fe80::1%eth0", "link-local"],
    ["fc00::1", "unique-local"],
    ["fd12:3456:789a::1", "unique-local"],
    ["ff02::1", "multicast"],
    ["::ffff:127.0.0.1", "loopback"],
    ["::ffff:7f00:1", "loopback"],
    ["::ffff:10.0.0.5", "private"],
    ["::127.0.0.1", "loopback"],
    ["::ffff:0:169.254.169.254", "link-local"],
    ["64:ff9b::10.1.2.3", "private"],
    ["2002:c0a8:0101::1", "private"],
    ["2001:db8::1", "documentation"],
  ])("%s is refused (%s)", (address, range) => {
    expect(classifyAddress(address)).toBe(range);
  });

  test.each([
    "8.8.8.8",
    "1.1.1.1",
    "93.184.216.34",
    "172.32.0.1",
    "100.128.0.1",
    "192.169.0.1",
    "2606:4700:4700::1111",
    "::ffff:8.8.8.8",
    "64:ff9b::8.8.8.8",
  ])("%s is public", (address) => {
    expect(classifyAddress(address)).toBeNull();
  });

  test("text that is not an address is never called public", () => {
    for (const text of ["", "localhost", "1.2.3", "01.2.3.4", "1.2.3.256", ":::1", "g::1", "1:2:3:4:5:6:7:8:9"]) {
      expect(classifyAddress(text)).toBe("not-an-ip");
    }
  });

  test("any IPv4 address and its IPv6-mapped, compatible and NAT64 forms get the same verdict", () => {
    fc.assert(
      fc.property(ipv4, (bytes) => {
        const verdict = classifyAddress(dotted(bytes));
        expect(classifyAddress(`::ffff:${dotted(bytes)}`)).toBe(verdict);
        expect(classifyAddress(`::ffff:${hexGroups(bytes)}`)).toBe(verdict);
        expect(classifyAddress(`64:ff9b::${dotted(bytes)}`)).toBe(verdict);
        if (asUint32(bytes) > 1) expect(classifyAddress(`::${dotted(bytes)}`)).toBe(verdict);
      }),
      { numRuns: 2000 },
    );
  });

  test("every address of a blocked IPv4 network is refused", () => {
    const networks: [number[], number][] = [
      [[127, 0, 0, 0], 8],
      [[10, 0, 0, 0], 8],
      [[172, 16, 0, 0], 12],
      [[192, 168, 0, 0], 16],
      [[169, 254, 0, 0], 16],
      [[100, 64, 0, 0], 10],
      [[0, 0, 0, 0], 8],
      [[224, 0, 0, 0], 4],
      [[240, 0, 0, 0], 4],
    ];
    fc.assert(
      fc.property(fc.constantFrom(...networks), fc.nat(), ([network, prefix], random) => {
        const host = random & (prefix === 0 ? 0xffffffff : (1 << (32 - prefix)) - 1);
        const value = (asUint32(network) | host) >>> 0;
        const address = [value >>> 24, (value >>> 16) & 255, (value >>> 8) & 255, value & 255].join(".");
        expect(classifyAddress(address)).not.toBeNull();
      }),
      { numRuns: 2000 },
    );
  });

  test("every address of fe80::/10, fc00::/7 and ff00::/8 is refused", () => {
    fc.assert(
      fc.property(
        fc.constantFrom([0xfe80, 0xffc0], [0xfc00, 0xfe00], [0xff00, 0xff00]),
        fc.array(fc.nat(0xffff), { minLength: 8, maxLength: 8 }),
        ([prefix, mask], groups) => {
          const first = (prefix & mask) | (groups[0] & ~mask & 0xffff);
          const address = [first, ...groups.slice(1)].map((group) => group.toString(16)).join(":");
          expect(parseIpv6(address)?.[0]).toBe(first);
          expect(classifyAddress(address)).not.toBeNull();
        },
      ),
    );
  });
});

describe("SSRF guard: the URL", () => {
  test.each([
    ["http://127.0.0.1/", "WEBHOOK_URL_PRIVATE_ADDRESS"],
    ["http://[::1]/", "WEBHOOK_URL_PRIVATE_ADDRESS"],
    ["http://10.0.0.5/", "WEBHOOK_URL_PRIVATE_ADDRESS"],
    ["http://2130706433/", "WEBHOOK_URL_PRIVATE_ADDRESS"],
    ["http://0x7f.1/", "WEBHOOK_URL_PRIVATE_ADDRESS"],
    ["http://0177.0.0.1/", "WEBHOOK_URL_PRIVATE_ADDRESS"],
    ["http://127.1/", "WEBHOOK_URL_PRIVATE_ADDRESS"],
    ["http://0/", "WEBHOOK_URL_PRIVATE_ADDRESS"],
    ["http://[::ffff:127.0.0.1]/", "WEBHOOK_URL_PRIVATE_ADDRESS"],
    ["http://[::ffff:a9fe:a9fe]/latest/meta-data", "WEBHOOK_URL_PRIVATE_ADDRESS"],
    ["http://169.254.169.254./", "WEBHOOK_URL_PRIVATE_ADDRESS"],
    ["ftp://example.com/", "WEBHOOK_URL_SCHEME"],
    ["file:///etc/passwd", "WEBHOOK_URL_SCHEME"],
    ["gopher://example.com/", "WEBHOOK_URL_SCHEME"],
    ["javascript:alert(1)", "WEBHOOK_URL_SCHEME"],
    ["https://user:pass@example.com/", "WEBHOOK_URL_CREDENTIALS"],
    ["not a url", "WEBHOOK_URL_INVALID"],
    ["http://", "WEBHOOK_URL_INVALID"],
  ])("%s is refused: %s", (url, problem) => {
    expect(checkUrlShape(url, strict)).toEqual({ ok: false, problem });
  });

  test("a public address or a name passes the shape check (names are resolved next)", () => {
    expect(checkUrlShape("https://8.8.8.8/hook", strict)).toMatchObject({ ok: true, hostname: "8.8.8.8" });
    expect(checkUrlShape("https://hooks.example.com/x?y=1", strict)).toMatchObject({
      ok: true,
      hostname: "hooks.example.com",
    });
  });

  test("WEBHOOK_ALLOW_PRIVATE lets private addresses through, never another scheme", () => {
    expect(checkUrlShape("http://127.0.0.1:8080/", { allowPrivate: true })).toMatchObject({ ok: true });
    expect(checkUrlShape("ftp://127.0.0.1/", { allowPrivate: true })).toEqual({
      ok: false,
      problem: "WEBHOOK_URL_SCHEME",
    });
  });

  test("an IPv4 address written as one decimal, hex or octal number gets the dotted form's verdict", () => {
    fc.assert(
      fc.property(ipv4, fc.constantFrom("decimal", "hex", "octal", "short"), (bytes, form) => {
        const value = asUint32(bytes);
        const host =
          form === "decimal"
            ? String(value)
            : form === "hex"
              ? `0x${value.toString(16)}`
              : form === "octal"
                ? bytes.map((byte) => `0${byte.toString(8)}`).join(".")
                : `${bytes[0]}.${(bytes[1] << 16) | (bytes[2] << 8) | bytes[3]}`;
        const blocked = classifyAddress(dotted(bytes)) !== null;
        const check = checkUrlShape(`http://${host}/`, strict);
        expect(check.ok).toBe(!blocked);
      }),
      { numRuns: 2000 },
    );
  });

  test("any text: the check answers (never throws), and what passes is http(s) without credentials", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.webUrl(),
          fc.webUrl().map((url) => url.replace(/^https?/, "ftp")),
        ),
        (raw) => {
          const check = checkUrlShape(raw, strict);
          if (check.ok) {
            expect(["http:", "https:"]).toContain(check.url.protocol);
            expect(check.url.username + check.url.password).toBe("");
            if (classifyAddress(check.hostname) !== "not-an-ip") expect(classifyAddress(check.hostname)).toBeNull();
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe("SSRF guard: resolution", () => {
  test("a name that resolves to loopback is refused; allowed with WEBHOOK_ALLOW_PRIVATE", async () => {
    await expect(resolveAllowed("localhost", strict)).rejects.toThrow(/loopback/);
    await expect(resolveAllowed("localhost", { allowPrivate: true })).resolves.not.toHaveLength(0);
  });

  test("an address literal is checked without DNS", async () => {
    await expect(resolveAllowed("10.1.2.3", strict)).rejects.toThrow(/private/);
    await expect(resolveAllowed("8.8.8.8", strict)).resolves.toEqual([{ address: "8.8.8.8", family: 4 }]);
  });
});
