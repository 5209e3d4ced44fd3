// The dashboard's training gaps (components/dashboard/training-gaps.tsx) list the most-logged ones
// only (a chain has ~2,000), saying how many there are and where the rest are; rendered as the page
// renders them, in both languages.
import { NextIntlClientProvider } from "next-intl";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { expect, test } from "vitest";
import { TRAINING_GAPS_SHOWN, TrainingGaps } from "@/components/dashboard/training-gaps";
import type { Dashboard } from "@/lib/schemas/dashboard";
import en from "@/messages/en/dashboard.json";
import enIncidents from "@/messages/en/incidents.json";
import zh from "@/messages/zh-CN/dashboard.json";
import zhIncidents from "@/messages/zh-CN/incidents.json";

function gaps(count: number): Dashboard["trainingGaps"] {
  return Array.from({ length: count }, (_, index) => ({
    userId: `user-${index}`,
    name: `Cashier ${index}`,
    kind: "unsigned_slip" as const,
    logged: 100 - index,
    lastDrillAt: null,
  }));
}

function render(trainingGaps: Dashboard["trainingGaps"], locale: "en" | "zh-CN") {
  const messages = locale === "en" ? { ...en, ...enIncidents } : { ...zh, ...zhIncidents };
  return renderToStaticMarkup(
    createElement(NextIntlClientProvider, {
      locale,
      messages,
      timeZone: "Asia/Shanghai",
      // biome-ignore lint/correctness/noChildrenProp: createElement in a .ts test (the suite runs *.test.ts); the provider's props type requires children
      children: createElement(TrainingGaps, {
        dashboard: { trainingGaps } as Dashboard,
        view: { from: "2026-09-01", to: "2026-11-30", storeIds: [] },
        trainingHref: null,
      }),
    }),
  );
}

const rowsOf = (html: string) => [...html.matchAll(/data-user="([^"]+)"/g)].map((match) => match[1]);

test("a chain's gaps: the most logged are listed, and the page says how many there are in all", () => {
  const all = gaps(2_000);
  const html = render(all, "en");
  expect(rowsOf(html)).toEqual(all.slice(0, TRAINING_GAPS_SHOWN).map((gap) => gap.userId));
  expect(html).toContain(`The ${TRAINING_GAPS_SHOWN} most logged of 2000 gaps; the CSV has them all.`);
  expect(render(all, "zh-CN")).toContain(`仅列出登记最多的 ${TRAINING_GAPS_SHOWN} 个（共 2000 个）`);
});

test("a store's few gaps are all listed, with no note", () => {
  const few = gaps(TRAINING_GAPS_SHOWN);
  const html = render(few, "en");
  expect(rowsOf(html)).toHaveLength(TRAINING_GAPS_SHOWN);
  expect(html).not.toContain('data-testid="training-more"');
});
