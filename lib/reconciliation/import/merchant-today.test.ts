import { expect, test } from "vitest";
import { merchantToday } from "@/lib/reconciliation/import/merchant-today";

test("the merchant's today is its own zone's date, not UTC's", () => {
  // 2026-11-30 17:30 UTC is already 1 December in Shanghai (UTC+8).
  const instant = new Date("2026-11-30T17:30:00Z");
  expect(merchantToday("Asia/Shanghai", instant)).toBe("2026-12-01");
  expect(merchantToday("UTC", instant)).toBe("2026-11-30");
});
