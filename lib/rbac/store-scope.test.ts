import { describe, expect, test } from "vitest";
import { storeScopedWhere, storeScopeFilter } from "@/lib/rbac/store-scope";

const base = { merchantId: "m1", storeIds: ["s1"] };

describe("store scope", () => {
  test("cashiers and supervisors are limited to their assigned stores", () => {
    for (const role of ["CASHIER", "SUPERVISOR"] as const) {
      expect(storeScopeFilter({ ...base, role })).toEqual({ merchantId: "m1", storeIds: ["s1"] });
      expect(storeScopedWhere({ ...base, role })).toEqual({ merchantId: "m1", storeId: { in: ["s1"] } });
    }
  });

  test("finance and admins see every store of their own merchant only", () => {
    for (const role of ["FINANCE", "ADMIN"] as const) {
      expect(storeScopeFilter({ ...base, role })).toEqual({ merchantId: "m1", storeIds: "all" });
      expect(storeScopedWhere({ ...base, role })).toEqual({ merchantId: "m1" });
    }
  });

  test("an unknown role sees no store", () => {
    const actor = { ...base, role: "OWNER" as never };
    expect(storeScopeFilter(actor)).toBeNull();
    expect(storeScopedWhere(actor)).toBeNull();
  });
});
