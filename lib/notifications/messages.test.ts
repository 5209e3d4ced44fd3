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
        fc.constantFrom(...NOTIFICATION_TYPES),
        fc.constantFrom(...LOCALES),
        params,
        (type, locale, values) => {
          const text = renderNotification(locale, NOTIFICATION_MESSAGE_KEYS[type], JSON.stringify(values));
          expect(text).toContain(values.reference);
          expect(text).toContain(values.store);
          expect(text).not.toMatch(/[{}]/);
          expect(text).not.toContain(values.kind); // the kind's name, not its key
          if (values.by) expect(text).toContain(values.by);
        },
      ),
    );
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
