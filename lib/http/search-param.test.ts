import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { searchParamIn } from "@/lib/http/search-param";

const STATUSES = ["open", "acknowledged", "resolved"] as const;

describe("searchParamIn", () => {
  test("a listed value is read as itself, alone or first of several", () => {
    expect(searchParamIn(STATUSES, "acknowledged")).toBe("acknowledged");
    expect(searchParamIn(STATUSES, ["resolved", "open"])).toBe("resolved");
  });

  test("anything else is no value: missing, empty, unlisted, another case, listed only after the first", () => {
    expect(searchParamIn(STATUSES, undefined)).toBeUndefined();
    expect(searchParamIn(STATUSES, "")).toBeUndefined();
    expect(searchParamIn(STATUSES, [])).toBeUndefined();
    expect(searchParamIn(STATUSES, "OPEN")).toBeUndefined();
    expect(searchParamIn(STATUSES, ["closed", "open"])).toBeUndefined();
  });

  test("whatever the query holds, the answer is one of the values or none, and a value only when the first one is it", () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.constant(undefined), fc.string(), fc.array(fc.oneof(fc.string(), fc.constantFrom(...STATUSES)))),
        (raw) => {
          const first = Array.isArray(raw) ? raw[0] : raw;
          const read = searchParamIn(STATUSES, raw);
          expect(read).toBe((STATUSES as readonly (string | undefined)[]).includes(first) ? first : undefined);
        },
      ),
    );
  });
});
