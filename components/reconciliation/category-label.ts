"use client";
// A category (a line's, a settle date's or an exception's) in the reader's words, or as it is when
// the catalogue has no words for it yet.
import { useTranslations } from "next-intl";

export function useCategoryLabel(): (category: string) => string {
  const t = useTranslations("Exceptions.categories");
  return (category) => (t.has(category) ? t(category) : category);
}
