import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { LOCALES } from "@/lib/i18n/locales";
import { INCIDENT_KINDS } from "@/lib/incidents/rules";
import { renderEmail, renderNotification } from "@/lib/notifications/messages";
import { NOTIFICATION_MESSAGE_KEYS, NOTIFICATION_TYPES } from "@/lib/notifications/types";

const params = fc.record({
  reference: fc.integer({ min: 1, max: 999_999 }).map((n) => `INC-${String(n).padStart(6, "0")}`),
  kind: fc.constantFrom(...INCIDENT_KINDS),
  store: fc.string({ minLength: 1, maxLength: 30 }).filter((text) => !/[{}'<>]/.test(text)),
  by: fc.oneof(
    fc.constant(""),
    fc.string({ minLength: 1, maxLength: 30 }).filter((text) => !/[{}'<>]/.test(text)),
  ),
});

describe("a notification in words", () => {
  test("every type in every language names the reference, the store and the kind in that language, no placeholder left", () => {
    fc.assert(
      fc.property(
        // An alert's notification names no incident (its own test below).
        fc.constantFrom(...NOTIFICATION_TYPES.filter((type) => type !== "alert_raised")),
        fc.constantFrom(...LOCALES),
        params,
        (type, locale, values) => {
          const text = renderNotification(locale, NOTIFICATION_MESSAGE_KEYS[type], JSON.stringify(values));
          expect(text).toContain(values.reference);
          expect(text).toContain(values.store);
          expect(text).not.toMatch(/[{}]/);
          expect(text).not.toContain(values.kind); // the kind's name, not its key
          // A deadline's notifications name no author: the deadline job sends them.
          const byAPerson = type === "incident_logged" || type === "incident_notified";
          if (values.by && byAPerson) expect(text).toContain(values.by);
        },
      ),
    );
  });

  test("an alert's notification names its rule in the reader's language, what it names and the store", () => {
    const stored = JSON.stringify({ store: "Store 1", by: "", rule: "unsigned_streak", alertSubject: "T1000001" });
    expect(renderNotification("en", NOTIFICATION_MESSAGE_KEYS.alert_raised, stored)).toBe(
      "Alert: Unsigned-slip streak — T1000001 at Store 1",
    );
    expect(renderNotification("zh-CN", NOTIFICATION_MESSAGE_KEYS.alert_raised, stored)).toBe(
      "预警：连续未签名 — T1000001（Store 1）",
    );
    const noStore = JSON.stringify({ store: "none", by: "", rule: "reconciliation", alertSubject: "2026-11-30" });
    expect(renderNotification("en", "alertRaised", noStore)).toBe("Alert: Reconciliation finding — 2026-11-30");
  });

  test("a deadline's notification names the step and the due time on the shop's clock, in each language", () => {
    const stored = JSON.stringify({
      reference: "INC-000009",
      kind: "unsigned_slip",
      store: "Store 1",
      by: "",
      subject: "resign",
      dueAt: "2026-12-03T06:30:00.000Z",
      timeZone: "Asia/Shanghai",
    });
    const en = renderNotification("en", "deadlineEscalated", stored);
    expect(en).toContain("INC-000009: Re-sign was due Dec 3, 2026, 2:30");
    expect(en).toContain("Unsigned slip at Store 1");
    const zh = renderNotification("zh-CN", "deadlineReminder", stored);
    expect(zh).toContain("补签将于2026年12月3日 14:30到期");
    // The same instant on a shop in another zone reads as its own clock.
    const utc = JSON.parse(stored) as Record<string, string>;
    expect(
      renderNotification("en", "deadlineReminder", JSON.stringify({ ...utc, timeZone: "Europe/London" })),
    ).toContain("Dec 3, 2026, 6:30");
  });

  test("a prevention action's deadline names its type and owner", () => {
    const stored = JSON.stringify({
      by: "",
      store: "",
      subject: "action",
      dueAt: "2026-12-10T01:00:00.000Z",
      timeZone: "Asia/Shanghai",
      actionType: "retrain",
      owner: "Cai Min",
    });
    expect(renderNotification("en", "actionReminder", stored)).toBe(
      "Prevention action due Dec 10, 2026, 9:00 AM: Retrain a cashier, owned by Cai Min",
    );
    expect(renderNotification("zh-CN", "actionEscalated", stored)).toContain("负责人 Cai Min");
  });

  test("no person as author reads as the reconciliation, in each language", () => {
    const stored = JSON.stringify({ reference: "INC-000001", kind: "duplicate_charge", store: "Store 1", by: "" });
    expect(renderNotification("en", "incidentLogged", stored)).toBe(
      "INC-000001: Duplicate charge logged at Store 1 by the reconciliation",
    );
    expect(renderNotification("zh-CN", "incidentLogged", stored)).toBe(
      "INC-000001：Store 1 登记了一起“重复扣款”，登记人 对账系统",
    );
  });

  test("a key this build does not know, or unreadable params, still say something", () => {
    expect(renderNotification("en", "fromANewerBuild", JSON.stringify({ reference: "INC-000002" }))).toBe(
      "INC-000002: news about this incident",
    );
    expect(renderNotification("en", "incidentLogged", "{not json")).not.toMatch(/[{}]/);
  });

  test("the e-mail: subject from the message, a link to the incident only when the app's address is known", () => {
    const stored = JSON.stringify({ reference: "INC-000003", kind: "wrong_amount", store: "Store 1", by: "Cai" });
    const withLink = renderEmail("en", {
      messageKey: "incidentLogged",
      messageParams: stored,
      incidentId: "abc",
      appUrl: "https://slipcase.example/",
    });
    expect(withLink.subject).toBe("[Slipcase] INC-000003: Wrong amount keyed logged at Store 1 by Cai");
    expect(withLink.text).toContain("Open the incident: https://slipcase.example/incidents/abc");
    const withoutLink = renderEmail("zh-CN", {
      messageKey: "incidentLogged",
      messageParams: stored,
      incidentId: "abc",
    });
    expect(withoutLink.text).not.toContain("http");
    expect(withoutLink.subject).toContain("金额输错");
  });
});
