import { defaultLocale, isLocale, supportedLocales, type Locale } from "./config";

/**
 * Which language to show, in the order people expect:
 * an explicit ?lng= in the URL, then the language cookie (the switcher sets it), then the signed-in
 * user's saved preference, then the browser's Accept-Language, then English.
 */
export function negotiateLocale(input: {
  searchParam?: string | null;
  cookie?: string | null;
  userPreference?: string | null;
  acceptLanguage?: string | null;
}): Locale {
  for (const candidate of [input.searchParam, input.cookie, input.userPreference]) {
    if (isLocale(candidate)) return candidate;
  }
  return fromAcceptLanguage(input.acceptLanguage) ?? defaultLocale;
}

/** Picks the best supported language from an Accept-Language header, honouring q-values. */
export function fromAcceptLanguage(header?: string | null): Locale | undefined {
  if (!header) return undefined;
  const ranked = header
    .split(",")
    .map((part, index) => {
      const [tag, ...params] = part.trim().split(";");
      const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
      const quality = q ? Number(q.slice(2)) : 1;
      return { tag: tag.trim().toLowerCase(), quality: Number.isFinite(quality) ? quality : 0, index };
    })
    .filter((entry) => entry.tag && entry.quality > 0)
    .sort((a, b) => b.quality - a.quality || a.index - b.index);
  for (const { tag } of ranked) {
    const primary = tag.split("-")[0];
    if ((supportedLocales as readonly string[]).includes(primary)) return primary as Locale;
  }
  return undefined;
}
