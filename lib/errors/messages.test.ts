// Every error reason of the catalogue is worded in every language, with every parameter it
// declares and no other; and wording a message never throws, whatever its parameters.
import fc from "fast-check";
import { type AbstractIntlMessages, createTranslator } from "next-intl";
import { describe, expect, test } from "vitest";
import { type ErrorTranslator, formatErrorMessage, REASONS_NAMESPACE } from "@/lib/errors/format";
import { ERROR_MESSAGES, ERROR_REASONS, type ParamKind } from "@/lib/errors/messages";
import { LOCALES, type Locale } from "@/lib/i18n/locales";
import enErrors from "@/messages/en/errors.json";
import enIncidents from "@/messages/en/incidents.json";
import zhErrors from "@/messages/zh-CN/errors.json";
import zhIncidents from "@/messages/zh-CN/incidents.json";

const MESSAGES: Record<Locale, AbstractIntlMessages> = {
  en: { ...enIncidents, ...enErrors },
  "zh-CN": { ...zhIncidents, ...zhErrors },
};

const REASON_TEXTS: Record<Locale, Record<string, unknown>> = {
  en: enErrors.Errors.reasons,
  "zh-CN": zhErrors.Errors.reasons,
};

/** A translator that records every problem instead of hiding it behind a fallback. */
function strictTranslator(locale: Locale) {
  const problems: string[] = [];
  const translate = createTranslator({
    locale,
    messages: MESSAGES[locale],
    onError: (error) => problems.push(error.message),
  }) as unknown as ErrorTranslator;
  return { t: translate, problems };
}

/** A value no select branch names and no plural rule singles out, so `other` is taken. */
function sample(kind: ParamKind): string | number {
  return kind === "number" ? 7 : "zz-sample";
}

function sampleParams(reason: keyof typeof ERROR_MESSAGES, without?: string) {
  const kinds: Record<string, ParamKind> = ERROR_MESSAGES[reason];
  return Object.fromEntries(
    Object.entries(kinds)
      .filter(([name]) => name !== without)
      .map(([name, kind]) => [name, sample(kind)]),
  );
}

describe.each(LOCALES)("the %s wording of the error catalogue", (locale) => {
  test("has a non-empty text for every reason, and no text for a reason that does not exist", () => {
    const texts = REASON_TEXTS[locale];
    const missing = ERROR_REASONS.filter(
      (reason) => typeof texts[reason] !== "string" || !String(texts[reason]).trim(),
    );
    expect(missing).toEqual([]);
    const unknown = Object.keys(texts).filter((key) => !(ERROR_REASONS as string[]).includes(key));
    expect(unknown).toEqual([]);
  });

  test.each(ERROR_REASONS)("%s is worded with its parameters and uses each of them", (reason) => {
    const { t, problems } = strictTranslator(locale);
    const text = t(`${REASONS_NAMESPACE}.${reason}`, sampleParams(reason));
    expect(problems, "with every declared parameter").toEqual([]);
    expect(text.trim()).not.toBe("");
    expect(text).not.toMatch(/[{}]/);
    for (const name of Object.keys(ERROR_MESSAGES[reason])) {
      const without = strictTranslator(locale);
      without.t(`${REASONS_NAMESPACE}.${reason}`, sampleParams(reason, name));
      expect(without.problems, `the text must use {${name}}`).not.toEqual([]);
    }
  });

  test("wording any message of the catalogue never throws and never leaves a placeholder", () => {
    const { t } = strictTranslator(locale);
    const anyParam = fc.oneof(fc.string({ maxLength: 20 }), fc.integer(), fc.constantFrom("halt", "notify,reconcile"));
    fc.assert(
      fc.property(
        fc.constantFrom(...ERROR_REASONS),
        fc.dictionary(fc.constantFrom("step", "next", "steps", "status", "field", "max", "min", "count"), anyParam),
        (reason, extra) => {
          const params = { ...sampleParams(reason), ...pick(extra, Object.keys(ERROR_MESSAGES[reason])) };
          const text = formatErrorMessage(t, locale, { reason, params });
          expect(text.trim()).not.toBe("");
        },
      ),
    );
  });

  test("an unknown reason reads as the generic message, not as a key", () => {
    const { t } = strictTranslator(locale);
    const text = formatErrorMessage(t, locale, { reason: "NO_SUCH_REASON" });
    expect(text).toBe(REASON_TEXTS[locale].INTERNAL_ERROR);
  });
});

function pick(values: Record<string, string | number>, names: string[]): Record<string, string | number> {
  return Object.fromEntries(Object.entries(values).filter(([name]) => names.includes(name)));
}

describe("parameters are shown by kind", () => {
  test("step keys become the step's name in the reader's language", () => {
    const message = { reason: "STEP_OUT_OF_ORDER", params: { next: "halt", step: "notify" } };
    expect(formatErrorMessage(strictTranslator("en").t, "en", message)).toBe(
      "Steps go in order: “Halt” comes before “Notify”.",
    );
    expect(formatErrorMessage(strictTranslator("zh-CN").t, "zh-CN", message)).toBe(
      "请按顺序处理：先完成“暂停交易”，再做“通知”。",
    );
  });

  test("a list of steps becomes a list in the reader's language", () => {
    const message = { reason: "STEPS_STILL_PENDING", params: { steps: "resign,reconcile" } };
    expect(formatErrorMessage(strictTranslator("en").t, "en", message)).toBe(
      "Finish or skip these steps before closing: Re-sign and Reconcile.",
    );
    expect(formatErrorMessage(strictTranslator("zh-CN").t, "zh-CN", message)).toBe(
      "关闭前请先完成或跳过这些步骤：补签和对账。",
    );
  });

  test("a field's own wording is chosen by the field's name", () => {
    const message = { reason: "INVALID_FORMAT", params: { field: "cardLast4" } };
    expect(formatErrorMessage(strictTranslator("en").t, "en", message)).toBe("Card last 4 must be exactly 4 digits.");
    expect(formatErrorMessage(strictTranslator("zh-CN").t, "zh-CN", message)).toBe("卡号后四位须为 4 位数字。");
  });
});
