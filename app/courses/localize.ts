import type { Locale } from "~/i18n/config";
import type { LocalizedText } from "./schema";

/** The text in the wanted locale, else the source locale's, and whether it fell back. */
export function pick(text: LocalizedText, locale: Locale, source: Locale): { value: string; fallback: boolean } {
  const own = text[locale];
  if (own) return { value: own, fallback: false };
  return { value: text[source] ?? Object.values(text)[0] ?? "", fallback: true };
}
