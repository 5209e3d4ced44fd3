import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { CAUSE_GROUPS, CAUSES, type Cause, decodeCauses, orderCauses } from "@/lib/incidents/causes";

describe("the cause taxonomy", () => {
  test("names every cause of the seed once, in its group", () => {
    expect(CAUSE_GROUPS).toEqual({
      human: ["distraction", "unfamiliar_procedure", "inexperience", "time_pressure", "insufficient_training"],
      technical: ["terminal_fault", "outdated_software", "printer_fault", "network_drop"],
      external: ["environment"],
      other: ["other"],
    });
    expect(new Set(CAUSES).size).toBe(CAUSES.length);
    expect(CAUSES).toHaveLength(11);
  });

  test("the same set of causes reads the same whatever the order or repeats", () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...CAUSES), { maxLength: 20 }), (causes) => {
        const ordered = orderCauses(causes);
        expect(ordered).toEqual(orderCauses([...causes].reverse()));
        expect(new Set(ordered)).toEqual(new Set(causes));
        expect(ordered.map((cause) => CAUSES.indexOf(cause))).toEqual(
          [...ordered].map((cause) => CAUSES.indexOf(cause)).sort((a, b) => a - b),
        );
        expect(decodeCauses(JSON.stringify(ordered))).toEqual(ordered);
      }),
    );
  });

  test("stored causes no longer in the taxonomy are dropped on reading; none stored reads null", () => {
    expect(decodeCauses(JSON.stringify(["distraction", "sunspots"]))).toEqual(["distraction"] satisfies Cause[]);
    expect(decodeCauses(null)).toBeNull();
  });
});
