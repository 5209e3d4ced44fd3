import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { containsEncodedPan, decodeForScan, maskEncodedPans } from "@/lib/card-data/encoded-pans";
import { asciiDigitsOf, text, writtenPan } from "@/tests/helpers/card-numbers";

const visa = `4111${"1111".repeat(3)}`;

describe("decodeForScan", () => {
  test.each([
    ["4111+1111+1111", "4111 1111 1111"],
    ["%34%31%31%31", "4111"],
    ["%2534%2531", "41"],
    ["%EF%BC%94%EF%BC%91", "４１"],
    ["\\u0034\\u0031\\n\\u0031", "41\n1"],
    ["%ZZ %E2%82 \\uZZZZ \\q", "%ZZ \uFFFD \\uZZZZ \\q"],
  ])("decodes %j to %j", (encoded, decoded) => {
    expect(decodeForScan(encoded)).toBe(decoded);
  });

  test("never throws, whatever the text", () => {
    const unit = fc.constantFrom(...'%25+\\u00340aZ{}"', "%E2", "%zz", "\ud800");
    fc.assert(fc.property(fc.string({ unit, maxLength: 60 }), (input) => typeof decodeForScan(input) === "string"));
  });
});

describe("maskEncodedPans", () => {
  test("masks a card number that shows only once decoded, and says so before", () => {
    const encoded = `q=${encodeURIComponent(`card ${visa}`).replaceAll("%20", "+")}`;
    expect(containsEncodedPan(encoded.replaceAll("1", "%31"))).toBe(true);
    expect(maskEncodedPans(encoded.replaceAll("1", "%31"))).toBe("q=card ****1111");
  });

  test("leaves text alone when decoding reveals no card number", () => {
    const url = "http://localhost/api/incidents?q=T1000001+slip&from=2026-03-01";
    expect(maskEncodedPans(url)).toBe(url);
  });

  test("any card number, written any way and percent- or JSON-encoded, never survives", () => {
    const encodings = [
      (value: string) => encodeURIComponent(value),
      (value: string) => encodeURIComponent(value).replaceAll("%20", "+"),
      (value: string) => encodeURIComponent(encodeURIComponent(value)),
      (value: string) => JSON.stringify(value).slice(1, -1),
    ];
    fc.assert(
      fc.property(
        writtenPan,
        fc.constantFrom(...encodings),
        text,
        text,
        ({ number, written }, encode, before, after) => {
          const encoded = encode(`${before}${written}${after}`);
          expect(containsEncodedPan(encoded)).toBe(true);
          const masked = maskEncodedPans(encoded);
          expect(containsEncodedPan(masked)).toBe(false);
          expect(asciiDigitsOf(decodeForScan(masked))).not.toContain(number);
          expect(maskEncodedPans(masked)).toBe(masked);
        },
      ),
      { numRuns: 500 },
    );
  });
});
