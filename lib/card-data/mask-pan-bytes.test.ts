import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { containsPan, passesLuhn } from "@/lib/card-data/mask-pan";
import { createByteMasker, maskFileText } from "@/lib/card-data/mask-pan-bytes";
import { luhnCheckDigit } from "@/tests/helpers/card-numbers";

function maskInChunks(bytes: Buffer, cuts: number[]): { out: Buffer; masked: number } {
  const masker = createByteMasker();
  const parts: Buffer[] = [];
  let start = 0;
  for (const cut of [...cuts].sort((a, b) => a - b)) {
    parts.push(masker.push(bytes.subarray(start, cut)));
    start = cut;
  }
  parts.push(masker.push(bytes.subarray(start)), masker.end());
  return { out: Buffer.concat(parts), masked: masker.masked };
}

const pan = (() => {
  const body = "622202123456789";
  return `${body}${luhnCheckDigit(body)}`;
})();

describe("masking card numbers in raw bytes", () => {
  test("a card number is masked to first six and last four, byte for byte, wherever the chunks are cut", () => {
    const text = Buffer.from(`a,${pan},b\r\n`, "latin1");
    for (let cut = 0; cut <= text.length; cut++) {
      const { out, masked } = maskInChunks(text, [cut]);
      expect(out.toString("latin1")).toBe(`a,622202******${pan.slice(-4)},b\r\n`);
      expect(masked).toBe(1);
    }
  });

  test("groups joined by one symbol throughout are masked, wherever the chunks are cut", () => {
    const groups = [pan.slice(0, 4), pan.slice(4, 8), pan.slice(8, 12), pan.slice(12)];
    for (const symbol of ["/", "_", ":", "|", ";", "+", "~", "\\"]) {
      const text = Buffer.from(`a,${groups.join(symbol)},b\r\n`, "latin1");
      const expected = `a,${pan.slice(0, 4)}${symbol}${pan.slice(4, 6)}**${symbol}****${symbol}${pan.slice(12)},b\r\n`;
      for (let cut = 0; cut <= text.length; cut++) {
        const { out, masked } = maskInChunks(text, [cut]);
        expect(out.toString("latin1")).toBe(expected);
        expect(masked).toBe(1);
      }
    }
  });

  test("dates, times and amounts are not joined into a run, whatever their separators", () => {
    const row =
      "2026/11/30,14:03:22,2026-11-30 14:03:22,30/11/2026 23:59:59,¥1,006.50,5,234,567,890.12,1:2:3:4:5:6:7\r\n";
    const { out, masked } = maskInChunks(Buffer.from(row), []);
    expect(out.toString()).toBe(row);
    expect(masked).toBe(0);
  });

  test("spaced and dashed groups are masked, separators kept", () => {
    const spaced = `${pan.slice(0, 4)} ${pan.slice(4, 8)}-${pan.slice(8, 12)} ${pan.slice(12)}`;
    const { out } = maskInChunks(Buffer.from(spaced), []);
    expect(out.toString()).toBe(
      `${pan.slice(0, 4)} ${pan.slice(4, 6)}** **** ${pan.slice(12)}`.replace(" **** ", "-**** "),
    );
  });

  test("timestamps, amounts and reference numbers are left alone, even when a date passes Luhn", () => {
    const luhnDate =
      ["20261130140322", "20261130 140322", "20261130140330"].find((d) => passesLuhn(d.replace(" ", ""))) ?? "";
    const text = `2026-11-30 14:03:22,20261130 140322,${luhnDate},1,280.50,123456789012`;
    expect(maskInChunks(Buffer.from(text), [7, 20]).out.toString()).toBe(text);
  });

  test("GB18030 and UTF-8 text around a card number keeps its bytes", () => {
    const gbk = Buffer.from([0xbd, 0xbb, 0xd2, 0xd7, 0x2c]); // 交易,
    const bytes = Buffer.concat([gbk, Buffer.from(pan), Buffer.from("，收银", "utf8")]);
    const { out } = maskInChunks(bytes, [3, 9]);
    expect(out.subarray(0, 5)).toEqual(gbk);
    expect(out.subarray(5 + 16).toString("utf8")).toBe("，收银");
    expect(out.length).toBe(bytes.length);
  });

  test("property: output has the input's length, and no Luhn-valid 16-digit run from a card range survives", () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.constant(pan), fc.string({ maxLength: 20 }), fc.stringMatching(/^[0-9 -]{0,30}$/)), {
          maxLength: 12,
        }),
        fc.array(fc.nat(400), { maxLength: 4 }),
        (pieces, cuts) => {
          const bytes = Buffer.from(pieces.join(","), "latin1");
          const { out } = maskInChunks(
            bytes,
            cuts.map((cut) => Math.min(cut, bytes.length)),
          );
          expect(out.length).toBe(bytes.length);
          expect(out.toString("latin1")).not.toContain(pan);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe("masking one text out of a file", () => {
  test("keeps a card number's first six and last four, as the file's bytes would", () => {
    expect(maskFileText(pan)).toBe(`622202******${pan.slice(-4)}`);
    expect(maskFileText(`op ${pan.slice(0, 4)} ${pan.slice(4, 8)} ${pan.slice(8, 12)} ${pan.slice(12)}`)).toBe(
      `op 6222 02** **** ${pan.slice(12)}`,
    );
    expect(maskFileText("2026-11-30 10:00:00")).toBe("2026-11-30 10:00:00");
  });

  test("a merchant id or a time stamp that passes Luhn is left whole, as in a CSV's bytes", () => {
    const merchantId = `89831004816000${luhnCheckDigit("89831004816000")}`;
    const stamp = `2026113014030${luhnCheckDigit("2026113014030")}`;
    expect(passesLuhn(merchantId) && passesLuhn(stamp)).toBe(true);
    expect(maskFileText(merchantId)).toBe(merchantId);
    expect(maskFileText(stamp)).toBe(stamp);
    expect(maskFileText(`商户 ${merchantId}`)).toBe(`商户 ${merchantId}`);
  });

  test("a card number the byte rule cannot see is still masked: dots between its groups", () => {
    expect(maskFileText(`${pan.slice(0, 4)}.${pan.slice(4, 8)}.${pan.slice(8, 12)}.${pan.slice(12)}`)).toBe(
      `****${pan.slice(-4)}`,
    );
  });

  test("a card number written in full-width digits goes to the last four", () => {
    const fullWidth = Array.from(pan, (digit) => String.fromCharCode(0xff10 + Number(digit))).join("");
    expect(maskFileText(`卡号${fullWidth}`)).toBe(`卡号****${pan.slice(-4)}`);
  });

  test("property: no card number from a card range survives, and what the byte rule leaves maskPans sees too", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.constant(pan),
            fc.constant(`${pan.slice(0, 8)}.${pan.slice(8)}`),
            fc.string({ maxLength: 20 }),
            fc.stringMatching(/^[0-9 -]{0,30}$/),
          ),
          { maxLength: 8 },
        ),
        (pieces) => {
          const text = pieces.join(",");
          const out = maskFileText(text);
          expect(out).not.toContain(pan);
          expect(out).not.toContain(`${pan.slice(0, 8)}.${pan.slice(8)}`);
          // what is left whole is exactly what the CSV's bytes keep
          expect(maskInChunks(Buffer.from(out, "latin1"), []).masked).toBe(0);
          if (maskInChunks(Buffer.from(text, "latin1"), []).masked === 0 && !containsPan(text)) expect(out).toBe(text);
        },
      ),
      { numRuns: 300 },
    );
  });
});
