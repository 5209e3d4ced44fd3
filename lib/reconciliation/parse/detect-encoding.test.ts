import { expect, test } from "vitest";
import { sniffStream } from "@/lib/reconciliation/parse/detect-encoding";
import { chunked, gb18030Bytes, utf8Bytes } from "@/lib/reconciliation/parse/test-files";

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
