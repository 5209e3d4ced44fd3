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

  test("an event it cannot read is listed by its type", () => {
    expect(wordEvent(exportTranslator("en"), { type: "incident.merged", before: null, after: 1 }, at)).toEqual({
      title: "Recorded: incident.merged",
      note: "",
    });
  });
});
