import { expect, test } from "vitest";
import { containsPan } from "@/lib/card-data/mask-pan";
import { previewFile } from "@/lib/reconciliation/parse/preview-file";
import { chunked, gb18030Bytes, utf8Bytes } from "@/lib/reconciliation/parse/test-files";
import { luhnCheckDigit } from "@/tests/helpers/card-numbers";

const fullPan = `622202123456701${luhnCheckDigit("622202123456701")}`;

test("the first rows, split and masked, with the header row suggested (title lines and a blank row above it)", async () => {
  const lines = ["某某银行 对账单", "", "记账日期\t摘要\t贷方金额", `2026-12-01\t客户 ${fullPan}\t1.00`];
  for (let i = 0; i < 30; i++) lines.push(`2026-12-02\tx\t${i}.00`);
  const preview = await previewFile(chunked(gb18030Bytes(lines.join("\r\n")), 5));
  expect(preview.encoding).toBe("gb18030");
  expect(preview.delimiter).toBe("\t");
  expect(preview.rows).toHaveLength(20);
  expect(preview.rows.slice(0, 3)).toEqual([["某某银行 对账单"], [], ["记账日期", "摘要", "贷方金额"]]);
  // as the import stores it: first six and last four
  expect(preview.rows[3][1]).toBe(`客户 622202******${fullPan.slice(-4)}`);
  expect(containsPan(JSON.stringify(preview.rows))).toBe(false);
  expect(preview.suggestedHeaderLine).toBe(3);
});

test("a file with no header-like row suggests none; rows can be limited", async () => {
  const preview = await previewFile(chunked(utf8Bytes("a,b\n1,2\n3,4\n")), { rows: 2 });
  expect(preview).toEqual({
    encoding: "utf-8",
    delimiter: ",",
    rows: [
      ["a", "b"],
      ["1", "2"],
    ],
    suggestedHeaderLine: null,
  });
});
