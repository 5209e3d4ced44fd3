import fc from "fast-check";
import { describe, expect, test } from "vitest";
import {
  type DeadlineMove,
  type DeadlineState,
  dueMove,
  escalationLevels,
  nextActionAt,
} from "@/lib/deadlines/escalation";
import { ROLES, type Role } from "@/lib/rbac/permissions";

const HOUR = 3_600_000;
const at = (iso: string) => new Date(iso);

describe("escalationLevels: who is told, level by level", () => {
  test("a cashier's missed step goes to the store's supervisor, then to the admins", () => {
    expect(escalationLevels(["CASHIER"])).toEqual([["SUPERVISOR"], ["ADMIN"]]);
  });

  test("a supervisor's or finance's missed step goes to the admins", () => {
    expect(escalationLevels(["SUPERVISOR"])).toEqual([["ADMIN"]]);
    expect(escalationLevels(["FINANCE"])).toEqual([["ADMIN"]]);
    expect(escalationLevels(["CASHIER", "FINANCE"])).toEqual([["ADMIN"]]);
  });

  test("the admins are told once when their own step is missed", () => {
    expect(escalationLevels(["ADMIN"])).toEqual([["ADMIN"]]);
  });

  test("with no one responsible the ladder starts at the bottom", () => {
    expect(escalationLevels([])).toEqual([["SUPERVISOR"], ["ADMIN"]]);
  });

  // Every set of responsible roles, against the ladder written out again: cashier 0, supervisor
  // and finance 1, admin 2.
  const rung: Record<Role, number> = { CASHIER: 0, SUPERVISOR: 1, FINANCE: 1, ADMIN: 2 };
  const roleSets: Role[][] = [];
  for (let mask = 0; mask < 1 << ROLES.length; mask++) roleSets.push(ROLES.filter((_, index) => mask & (1 << index)));

  test.each(roleSets.map((roles) => [roles.join("+") || "nobody", roles] as const))(
    "responsible %s: the ladder climbs from above them to the admins",
    (_name, roles) => {
      const levels = escalationLevels(roles);
      const highest = Math.max(0, ...roles.map((role) => rung[role]));
      expect(levels.length).toBeGreaterThan(0);
      expect(levels.at(-1)).toEqual(["ADMIN"]);
      for (const [index, level] of levels.entries()) {
        expect(level.length).toBeGreaterThan(0);
        // Each level above the one before, and above everyone responsible (admins apart: no one is above them).
        for (const role of level) expect(rung[role]).toBe(highest === 2 ? 2 : highest + 1 + index);
      }
      expect(levels.length).toBe(highest === 2 ? 1 : 2 - highest);
    },
  );
});

const everyDay = { levels: 2, escalateEveryMs: 24 * HOUR };
const fresh: DeadlineState = {
  dueAt: at("2026-12-05T16:00:00Z"),
  doneAt: null,
  remindAt: at("2026-12-04T16:00:00Z"),
  remindedAt: null,
  escalationLevel: 0,
};

describe("dueMove and nextActionAt: the deadline job's state machine", () => {
  test("nothing is due before the reminder's time; the job is told to look then", () => {
    expect(dueMove(fresh, at("2026-12-04T15:59:59Z"), everyDay)).toBeNull();
    expect(nextActionAt(fresh, everyDay)?.toISOString()).toBe("2026-12-04T16:00:00.000Z");
  });

  test("the reminder is due from its time until the deadline, once", () => {
    expect(dueMove(fresh, at("2026-12-04T16:00:00Z"), everyDay)).toEqual({ type: "remind" });
    expect(dueMove(fresh, at("2026-12-05T15:59:59Z"), everyDay)).toEqual({ type: "remind" });
    const reminded = { ...fresh, remindedAt: at("2026-12-04T16:00:30Z") };
    expect(dueMove(reminded, at("2026-12-05T10:00:00Z"), everyDay)).toBeNull();
    expect(nextActionAt(reminded, everyDay)?.toISOString()).toBe("2026-12-05T16:00:00.000Z");
  });

  test("when the deadline passes the first level is told, the next one a day later, then nothing", () => {
    const reminded = { ...fresh, remindedAt: at("2026-12-04T16:00:30Z") };
    expect(dueMove(reminded, at("2026-12-05T16:00:00Z"), everyDay)).toEqual({ type: "escalate", level: 1 });
    const first = { ...reminded, escalationLevel: 1 };
    expect(dueMove(first, at("2026-12-06T15:59:59Z"), everyDay)).toBeNull();
    expect(nextActionAt(first, everyDay)?.toISOString()).toBe("2026-12-06T16:00:00.000Z");
    expect(dueMove(first, at("2026-12-06T16:00:00Z"), everyDay)).toEqual({ type: "escalate", level: 2 });
    const second = { ...first, escalationLevel: 2 };
    expect(dueMove(second, at("2027-01-30T00:00:00Z"), everyDay)).toBeNull();
    expect(nextActionAt(second, everyDay)).toBeNull();
  });

  test("a deadline the job first sees after it passed is escalated, not reminded of", () => {
    expect(dueMove(fresh, at("2026-12-05T16:05:00Z"), everyDay)).toEqual({ type: "escalate", level: 1 });
  });

  test("a job that was down for days catches up one level at a time, in order", () => {
    const late = at("2026-12-09T00:00:00Z");
    expect(dueMove(fresh, late, everyDay)).toEqual({ type: "escalate", level: 1 });
    expect(dueMove({ ...fresh, escalationLevel: 1 }, late, everyDay)).toEqual({ type: "escalate", level: 2 });
    expect(dueMove({ ...fresh, escalationLevel: 2 }, late, everyDay)).toBeNull();
  });

  test("done work stops everything", () => {
    const done = { ...fresh, doneAt: at("2026-12-05T12:00:00Z") };
    expect(dueMove(done, at("2026-12-04T17:00:00Z"), everyDay)).toBeNull();
    expect(dueMove(done, at("2026-12-07T00:00:00Z"), everyDay)).toBeNull();
    expect(nextActionAt(done, everyDay)).toBeNull();
  });

  test("without a reminder the first thing that happens is the first escalation", () => {
    const silent = { ...fresh, remindAt: null };
    expect(dueMove(silent, at("2026-12-05T10:00:00Z"), everyDay)).toBeNull();
    expect(nextActionAt(silent, everyDay)?.toISOString()).toBe("2026-12-05T16:00:00.000Z");
  });
});

// A deadline from creation onward, as the sweep sees it: at each look it makes every move due (each
// move is claimed and applied before the next is asked for), and the work may get done in between.
interface Scenario {
  dueAt: number;
  remindAt: number | null;
  doneAt: number | null;
  levels: number;
  escalateEveryMs: number;
  looks: number[];
}

const scenarioArb: fc.Arbitrary<Scenario> = fc
  .record({
    dueAt: fc.integer({ min: Date.UTC(2026, 0, 1), max: Date.UTC(2027, 0, 1) }),
    reminderHours: fc.option(fc.integer({ min: 1, max: 72 }), { nil: null }),
    doneAfterHours: fc.option(fc.integer({ min: -100, max: 200 }), { nil: null }),
    levels: fc.integer({ min: 1, max: 3 }),
    escalateEveryHours: fc.integer({ min: 1, max: 48 }),
    looks: fc.array(fc.integer({ min: -100 * 60, max: 250 * 60 }), { minLength: 1, maxLength: 40 }),
  })
  .map(({ dueAt, reminderHours, doneAfterHours, levels, escalateEveryHours, looks }) => ({
    dueAt,
    remindAt: reminderHours === null ? null : dueAt - reminderHours * HOUR,
    doneAt: doneAfterHours === null ? null : dueAt + doneAfterHours * HOUR,
    levels,
    escalateEveryMs: escalateEveryHours * HOUR,
    looks: looks.map((minutes) => dueAt + minutes * 60_000).sort((a, b) => a - b),
  }));

function walk(scenario: Scenario, looks: Iterable<number> | ((state: DeadlineState) => number | null)) {
  const options = { levels: scenario.levels, escalateEveryMs: scenario.escalateEveryMs };
  let state: DeadlineState = {
    dueAt: new Date(scenario.dueAt),
    doneAt: null,
    remindAt: scenario.remindAt === null ? null : new Date(scenario.remindAt),
    remindedAt: null,
    escalationLevel: 0,
  };
  const moves: { move: DeadlineMove; at: number }[] = [];
  const lookAt = (now: number) => {
    if (scenario.doneAt !== null && now >= scenario.doneAt) state = { ...state, doneAt: new Date(scenario.doneAt) };
    for (let guard = 0; ; guard++) {
      expect(guard).toBeLessThan(10);
      const move = dueMove(state, new Date(now), options);
      if (!move) return;
      moves.push({ move, at: now });
      state =
        move.type === "remind" ? { ...state, remindedAt: new Date(now) } : { ...state, escalationLevel: move.level };
    }
  };
  if (typeof looks === "function") {
    for (let wakes = 0; ; wakes++) {
      expect(wakes).toBeLessThan(10);
      const next = looks(state);
      if (next === null) break;
      const before = moves.length;
      lookAt(next);
      // The job is never woken for nothing (no busy loop on a deadline with nothing left to do).
      if (scenario.doneAt === null || next < scenario.doneAt) expect(moves.length).toBeGreaterThan(before);
    }
  } else {
    for (const now of looks) lookAt(now);
  }
  return { moves, state, options };
}

function expectLadderRespected(scenario: Scenario, moves: { move: DeadlineMove; at: number }[]) {
  const reminders = moves.filter(({ move }) => move.type === "remind");
  expect(reminders.length).toBeLessThanOrEqual(1);
  for (const { at: when } of reminders) {
    expect(scenario.remindAt).not.toBeNull();
    expect(when).toBeGreaterThanOrEqual(scenario.remindAt as number);
    expect(when).toBeLessThan(scenario.dueAt);
  }
  const escalations = moves.flatMap(({ move, at: when }) => (move.type === "escalate" ? [{ ...move, at: when }] : []));
  // Each level once, in order, none before its time.
  expect(escalations.map((move) => move.level)).toEqual(escalations.map((_, index) => index + 1));
  for (const move of escalations) {
    expect(move.level).toBeLessThanOrEqual(scenario.levels);
    expect(move.at).toBeGreaterThanOrEqual(scenario.dueAt + (move.level - 1) * scenario.escalateEveryMs);
  }
  // A reminder, if any, comes before every escalation.
  if (reminders.length > 0 && escalations.length > 0) {
    expect(moves.findIndex(({ move }) => move.type === "remind")).toBe(0);
  }
  // Nothing once the work is done.
  if (scenario.doneAt !== null) for (const { at: when } of moves) expect(when).toBeLessThan(scenario.doneAt);
}

describe("walking time forward from a fresh deadline", () => {
  test("at most one reminder and each escalation level at most once, in order, never after the work is done", () => {
    fc.assert(
      fc.property(scenarioArb, (scenario) => {
        const { moves } = walk(scenario, scenario.looks);
        expectLadderRespected(scenario, moves);
        // Once the last level's time has come and the work is still undone, every level has been told.
        const lastLook = scenario.looks.at(-1) as number;
        const lastLevelAt = scenario.dueAt + (scenario.levels - 1) * scenario.escalateEveryMs;
        const undoneThen = scenario.doneAt === null || scenario.doneAt > lastLook;
        const escalated = moves.filter(({ move }) => move.type === "escalate").length;
        if (undoneThen && lastLook >= lastLevelAt) expect(escalated).toBe(scenario.levels);
      }),
      { numRuns: 300 },
    );
  });

  test("a job that wakes exactly when nextActionAt says reminds once, then tells every level once, then stops", () => {
    fc.assert(
      fc.property(scenarioArb, (scenario) => {
        const options = { levels: scenario.levels, escalateEveryMs: scenario.escalateEveryMs };
        const { moves, state } = walk(scenario, (current) => nextActionAt(current, options)?.getTime() ?? null);
        expectLadderRespected(scenario, moves);
        expect(nextActionAt(state, options)).toBeNull();
        if (scenario.doneAt === null) {
          expect(moves.map(({ move }) => (move.type === "remind" ? "remind" : `level ${move.level}`))).toEqual([
            ...(scenario.remindAt === null ? [] : ["remind"]),
            ...Array.from({ length: scenario.levels }, (_, index) => `level ${index + 1}`),
          ]);
        }
      }),
      { numRuns: 300 },
    );
  });
});
