import { describe, expect, test } from "vitest";
import { sniffStream, textDecoderFor } from "@/lib/reconciliation/parse/detect-encoding";
import { parseImportFile } from "@/lib/reconciliation/parse/parse-file";
import { chunked, gb18030Bytes, utf8Bytes } from "@/lib/reconciliation/parse/test-files";
import type { ImportRecord } from "@/lib/reconciliation/types";

async function kindOf(bytes: Uint8Array, chunkSize?: number) {
  const sniffed = await sniffStream(chunked(bytes, chunkSize));
  return { kind: sniffed.kind, bom: sniffed.bomLength };
}

test("UTF-8 with and without BOM, GB18030, GB18030 BOM and zip", async () => {
  expect(await kindOf(utf8Bytes("交易时间,金额\n"))).toEqual({ kind: "utf-8", bom: 0 });
  expect(await kindOf(utf8Bytes("交易时间,金额\n", true))).toEqual({ kind: "utf-8", bom: 3 });
  expect(await kindOf(gb18030Bytes("交易时间,金额\n"))).toEqual({ kind: "gb18030", bom: 0 });
  expect(await kindOf(Uint8Array.from([0x84, 0x31, 0x95, 0x33, 0x41]))).toEqual({ kind: "gb18030", bom: 4 });
  expect(await kindOf(Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 0, 0]))).toEqual({ kind: "xlsx", bom: 0 });
  expect(await kindOf(new Uint8Array(0))).toEqual({ kind: "utf-8", bom: 0 });
});

test('UTF-16 by its byte-order mark, either way round (Excel\'s "Unicode text")', async () => {
  const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("交易时间\t金额\r\n", "utf16le")]);
  expect(await kindOf(new Uint8Array(le))).toEqual({ kind: "utf-16le", bom: 2 });
  const be = Buffer.from(le).swap16();
  expect(await kindOf(new Uint8Array(be))).toEqual({ kind: "utf-16be", bom: 2 });
});

test("a UTF-8 byte-order mark in front of GBK text is not believed: GB18030, the mark skipped", async () => {
  const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...gb18030Bytes("交易时间,金额\n")]);
  expect(await kindOf(bytes)).toEqual({ kind: "gb18030", bom: 3 });
});

test("a UTF-8 character cut at the 64 KB edge of the head is still UTF-8", async () => {
  // 65,535 ASCII bytes, then 3-byte characters: the first straddles the 64 KB mark
  const text = `${"a".repeat(64 * 1024 - 1)}交易${"b".repeat(10)}`;
  expect((await kindOf(utf8Bytes(text), 64 * 1024)).kind).toBe("utf-8");
  expect((await kindOf(utf8Bytes(text), 1000)).kind).toBe("utf-8");
});

test("GBK after more than 64 KB of ASCII is still found (an all-ASCII head reads on)", async () => {
  const bytes = gb18030Bytes(`${"title,\n".repeat(20_000)}交易时间,金额\n`);
  expect((await kindOf(bytes)).kind).toBe("gb18030");
});

test("the head and the rest together are the whole stream", async () => {
  const bytes = utf8Bytes("x".repeat(200_000));
  const sniffed = await sniffStream(chunked(bytes, 7_000));
  let total = sniffed.head.length;
  for (let next = await sniffed.rest.next(); !next.done; next = await sniffed.rest.next()) total += next.value.length;
  expect(total).toBe(200_000);
});

/** The stream decoded as read-rows decodes it, and the encoding the decoder settled on. */
async function decodeAll(chunks: AsyncIterable<Uint8Array>) {
  const sniffed = await sniffStream(chunks);
  const decoder = textDecoderFor(sniffed);
  let text = decoder.decode(sniffed.head.subarray(sniffed.bomLength), { stream: true });
  for (let next = await sniffed.rest.next(); !next.done; next = await sniffed.rest.next()) {
    text += decoder.decode(next.value, { stream: true });
  }
  return { text: text + decoder.decode(), kind: decoder.kind };
}

/** The bytes in 64 KB chunks, one of which ends at `cut`. */
async function* cutAt(bytes: Uint8Array, cut: number): AsyncGenerator<Uint8Array> {
  yield* chunked(bytes.slice(0, cut));
  yield* chunked(bytes.slice(cut));
}

/** An English header and ASCII credits of about `size` bytes, then credits with Chinese memos. */
function bankExport(size: number, chineseRows: number): string {
  const ascii = ["Date,Credit,Memo\r\n"];
  for (let i = 0, length = 0; length < size; i++) {
    ascii.push(`2026-12-01,1.00,UnionPay settlement ${i}\r\n`);
    length += ascii[ascii.length - 1].length;
  }
  // 微 and 转 are CE A2 and D7 AA in GBK: a lead byte UTF-8 also has, so one to three bytes of
  // them pass for the start of a UTF-8 character (工 and 货, B9 and BB, would not).
  const chinese = Array.from({ length: chineseRows }, (_, i) => `2026-12-02,2.00,微信支付 货款 ${i}\r\n`);
  return `${ascii.join("")}${chinese.join("")}2026-12-03,3.00,转账 工资\r\n`;
}

describe("a chunk that ends within the first non-ASCII character decides nothing on those bytes", () => {
  const cases = [
    // 100 KB: the first non-ASCII byte ends the head; 1.2 MB: an all-ASCII head, decided later
    ...[100 * 1024, 1200 * 1024].flatMap((ascii) =>
      [1, 2, 3].flatMap((cutAfter) => [
        { ascii, cutAfter, chineseRows: 200, name: "GBK", encode: gb18030Bytes, kind: "gb18030" },
        { ascii, cutAfter, chineseRows: 0, name: "GBK", encode: gb18030Bytes, kind: "gb18030" },
        { ascii, cutAfter, chineseRows: 200, name: "UTF-8", encode: (text: string) => utf8Bytes(text), kind: "utf-8" },
        { ascii, cutAfter, chineseRows: 0, name: "UTF-8", encode: (text: string) => utf8Bytes(text), kind: "utf-8" },
      ]),
    ),
  ];
  test.each(cases)(
    "$name after $ascii bytes of ASCII, cut $cutAfter bytes into its first Chinese ($chineseRows rows more)",
    async ({ ascii, cutAfter, chineseRows, encode, kind }) => {
      const text = bankExport(ascii, chineseRows);
      const bytes = encode(text);
      const first = bytes.findIndex((byte) => byte > 0x7f);
      const read = await decodeAll(cutAt(bytes, first + cutAfter));
      expect(read.kind).toBe(kind);
      expect(read.text === text).toBe(true); // not toEqual: a 1 MB diff helps no one
    },
  );

  test("a UTF-8 byte-order mark is not the first non-ASCII byte, however the stream is cut", async () => {
    const text = bankExport(100 * 1024, 0);
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...gb18030Bytes(text)]);
    const first = bytes.findIndex((byte, i) => i >= 3 && byte > 0x7f);
    for (const chunks of [cutAt(bytes, first + 1), chunked(bytes, 2)]) {
      const read = await decodeAll(chunks);
      expect(read.kind).toBe("gb18030");
      expect(read.text === text).toBe(true);
    }
  });

  test("the undecided bytes are held for a few KB, not to the end of the file", async () => {
    const bytes = gb18030Bytes(bankExport(1200 * 1024, 20_000));
    const first = bytes.findIndex((byte) => byte > 0x7f);
    const sniffed = await sniffStream(cutAt(bytes, first + 1));
    expect(sniffed.undecided).toBe(true);
    const decoder = textDecoderFor(sniffed);
    let text = decoder.decode(sniffed.head, { stream: true });
    let bytesRead = sniffed.head.length;
    for (let next = await sniffed.rest.next(); !next.done; next = await sniffed.rest.next()) {
      text += decoder.decode(next.value, { stream: true });
      bytesRead += next.value.length;
      if (text.includes("微信支付")) break;
    }
    expect(text).toContain("微信支付 货款 0\r\n");
    expect(decoder.kind).toBe("gb18030");
    expect(bytesRead - first).toBeLessThan(128 * 1024); // two chunks at most
  });

  test("a GBK bank export cut in its first memo's first character is parsed, not refused as undecodable", async () => {
    const bytes = gb18030Bytes(bankExport(1200 * 1024, 0));
    const first = bytes.findIndex((byte) => byte > 0x7f);
    const records: ImportRecord[] = [];
    const result = await parseImportFile(cutAt(bytes, first + 1), {
      type: "bank_credit",
      onBatch: (batch) => {
        records.push(...batch);
      },
    });
    expect(result.errors).toEqual([]);
    expect(result.encoding).toBe("gb18030");
    expect(records.at(-1)).toEqual(expect.objectContaining({ memo: "转账 工资" }));
  });
});
