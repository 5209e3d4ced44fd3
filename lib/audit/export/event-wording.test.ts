// The exports' wording of audit events, in both languages, with the incident page's words (that
// every type of the catalogue is worded is the typecheck's: the wording's switch is exhaustive).
import { describe, expect, test } from "vitest";
import { wordEvent } from "@/lib/audit/export/event-wording";
import { exportTranslator } from "@/lib/audit/export/messages";

const at = (iso: string) => iso.slice(0, 16).replace("T", " ");

describe("wordEvent", () => {
  test.each([
    ["en", "Step completed: Halt", "Incident logged", "Audit record exported as PDF: 2026-11-01 to 2026-11-30"],
    ["zh-CN", "完成步骤：暂停交易", "登记事件", "审计记录已导出（PDF）：2026-11-01 至 2026-11-30"],
  ] as const)("in %s says what the timeline says", (locale, halted, created, exported) => {
    const t = exportTranslator(locale);
    const step = {
      type: "step.completed",
      before: { step: "halt", stepStatus: "pending", status: "OPEN", version: 1 },
      after: { step: "halt", stepStatus: "done", status: "IN_PROGRESS", version: 2, note: "voided on the terminal" },
    };
    expect(wordEvent(t, step, at)).toEqual({ title: halted, note: "voided on the terminal" });
    expect(wordEvent(t, { type: "incident.created", before: null, after: { reference: "INC-000001" } }, at)).toEqual({
      title: created,
      note: "",
    });
    const exportedEvent = {
      type: "audit.exported",
      before: null,
      after: { format: "pdf", from: "2026-11-01", to: "2026-11-30", storeId: null },
    };
    expect(wordEvent(t, exportedEvent, at).title).toBe(exported);
  });

  test.each([
    [
      "en",
      "Linked to a reconciliation exception: At the till only (debited, not credited?)",
      "Linked to 3 reconciliation exceptions: At the till only (debited, not credited?)",
    ],
    [
      "zh-CN",
      "已关联对账异常：仅 POS 有记录（已扣款未到账？）",
      "已关联 3 个对账异常：仅 POS 有记录（已扣款未到账？）",
    ],
  ] as const)(
    "in %s counts the exceptions a case followed at once (a batch split into its sales)",
    (locale, one, three) => {
      const t = exportTranslator(locale);
      const linked = (more?: { exceptionId: string; key: string }[]) => ({
        type: "reconciliation.exception_linked",
        before: null,
        after: { exceptionId: "exc-1", key: "pos_only:1", category: "pos_only", lines: [], ...(more ? { more } : {}) },
      });
      expect(wordEvent(t, linked(), at).title).toBe(one);
      const others = [2, 3].map((n) => ({ exceptionId: `exc-${n}`, key: `pos_only:${n}` }));
      expect(wordEvent(t, linked(others), at).title).toBe(three);
    },
  );

  test.each([
    [
      "en",
      "Its lines joined a reconciliation exception that INC-000007 follows: At the till only (debited, not credited?)",
    ],
    ["zh-CN", "其明细已并入对账异常，由 INC-000007 跟进：仅 POS 有记录（已扣款未到账？）"],
  ] as const)("in %s names the case an exception is followed by when it is another one", (locale, joined) => {
    const event = {
      type: "reconciliation.exception_linked",
      before: null,
      after: {
        exceptionId: "exc-1",
        key: "pos_only:1",
        category: "pos_only",
        lines: [],
        followedBy: { id: "inc-7", reference: "INC-000007" },
      },
    };
    expect(wordEvent(exportTranslator(locale), event, at).title).toBe(joined);
  });

  test("an event it cannot read is listed by its type", () => {
    expect(wordEvent(exportTranslator("en"), { type: "incident.merged", before: null, after: 1 }, at)).toEqual({
      title: "Recorded: incident.merged",
      note: "",
    });
  });
});
