import fc from "fast-check";
import { describe, expect, test } from "vitest";
import {
  DEFAULT_LOCALE,
  isLocale,
  LOCALE_COOKIE,
  LOCALES,
  localeFromAcceptLanguage,
  localeFromHeaders,
  localeInBrowser,
} from "@/lib/i18n/locales";

describe("localeFromAcceptLanguage", () => {
  test("defaults to English without a header", () => {
    expect(DEFAULT_LOCALE).toBe("en");
    expect(localeFromAcceptLanguage(null)).toBe("en");
    expect(localeFromAcceptLanguage(undefined)).toBe("en");
    expect(localeFromAcceptLanguage("")).toBe("en");
  });

  test.each([
    ["zh-CN,zh;q=0.9,en;q=0.8", "zh-CN"],
    ["zh", "zh-CN"],
    ["zh-Hans-CN", "zh-CN"],
    ["zh-TW", "zh-CN"],
    ["ZH-cn", "zh-CN"],
    ["en-US,en;q=0.9", "en"],
    ["en-GB", "en"],
    ["en-US,zh-CN;q=0.8", "en"],
    ["fr-FR,fr;q=0.9,zh;q=0.5", "zh-CN"],
    ["fr-FR,de;q=0.8", "en"],
    ["*", "en"],
  ])("%j → %s", (header, locale) => {
    expect(localeFromAcceptLanguage(header)).toBe(locale);
  });

  test("follows the quality values, not the order written", () => {
    expect(localeFromAcceptLanguage("en;q=0.5, zh-CN;q=0.9")).toBe("zh-CN");
    expect(localeFromAcceptLanguage("zh;q=0.2, en;q=0.7")).toBe("en");
  });

  test("ignores languages refused with q=0 and tolerates junk", () => {
    expect(localeFromAcceptLanguage("zh;q=0, en;q=0.1")).toBe("en");
    expect(localeFromAcceptLanguage("zh-CN;q=0")).toBe("en");
    expect(localeFromAcceptLanguage(",,;q=,zh-CN;q=abc")).toBe("en");
    expect(localeFromAcceptLanguage(" ; , zh ")).toBe("zh-CN");
  });
});

describe("isLocale", () => {
  test("accepts exactly the supported locales", () => {
    expect([...LOCALES]).toEqual(["en", "zh-CN"]);
    for (const locale of LOCALES) expect(isLocale(locale)).toBe(true);
    for (const value of ["zh", "zh-cn", "EN", "en-US", "", null, undefined, 1]) expect(isLocale(value)).toBe(false);
  });
});

describe("localeFromHeaders", () => {
  const headers = (values: Record<string, string>) => new Headers(values);

  test("the locale cookie wins over Accept-Language, either way", () => {
    expect(localeFromHeaders(headers({ cookie: `${LOCALE_COOKIE}=zh-CN`, "accept-language": "en-US" }))).toBe("zh-CN");
    expect(localeFromHeaders(headers({ cookie: `a=1; ${LOCALE_COOKIE}=en; b=2`, "accept-language": "zh-CN" }))).toBe(
      "en",
    );
  });

  test("without a usable cookie, Accept-Language decides, else English", () => {
    expect(localeFromHeaders(headers({ "accept-language": "zh-CN,zh;q=0.9" }))).toBe("zh-CN");
    expect(localeFromHeaders(headers({ cookie: `${LOCALE_COOKIE}=fr`, "accept-language": "zh" }))).toBe("zh-CN");
    expect(localeFromHeaders(headers({ cookie: `x${LOCALE_COOKIE}=zh-CN` }))).toBe("en");
    expect(localeFromHeaders(headers({}))).toBe("en");
  });

  test("any Cookie and Accept-Language header gives a supported locale, never an error", () => {
    const printable = fc.string({
      unit: fc.integer({ min: 0x20, max: 0x7e }).map((code) => String.fromCharCode(code)),
    });
    fc.assert(
      fc.property(printable, printable, (cookie, acceptLanguage) => {
        expect(LOCALES).toContain(localeFromHeaders(headers({ cookie, "accept-language": acceptLanguage })));
      }),
    );
  });
});

describe("localeInBrowser", () => {
  test("the locale cookie first, then the browser's languages in order, then English", () => {
    expect(localeInBrowser({ cookie: `${LOCALE_COOKIE}=zh-CN`, languages: ["en-US"] })).toBe("zh-CN");
    expect(localeInBrowser({ cookie: "", languages: ["fr-FR", "zh-TW", "en"] })).toBe("zh-CN");
    expect(localeInBrowser({ cookie: "", languages: ["en-GB", "zh-CN"] })).toBe("en");
    expect(localeInBrowser({ cookie: `${LOCALE_COOKIE}=xx`, languages: [] })).toBe("en");
  });
});
