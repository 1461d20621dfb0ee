import { describe, expect, it } from "vitest";
import { fromAcceptLanguage, negotiateLocale } from "./negotiate";
import { direction } from "./config";

describe("language negotiation", () => {
  it("follows ?lng=, then cookie, then the user's preference, then Accept-Language", () => {
    const all = { searchParam: "ar", cookie: "fr", userPreference: "ru", acceptLanguage: "es" };
    expect(negotiateLocale(all)).toBe("ar");
    expect(negotiateLocale({ ...all, searchParam: null })).toBe("fr");
    expect(negotiateLocale({ ...all, searchParam: null, cookie: null })).toBe("ru");
    expect(negotiateLocale({ ...all, searchParam: null, cookie: null, userPreference: null })).toBe("es");
    expect(negotiateLocale({})).toBe("en");
  });
  it("ignores unsupported or forged values", () => {
    expect(negotiateLocale({ searchParam: "de", cookie: "<script>", userPreference: "zh" })).toBe("zh");
    expect(negotiateLocale({ searchParam: "EN" })).toBe("en");
  });
  it("reads Accept-Language with regions and q-values", () => {
    expect(fromAcceptLanguage("de-DE,de;q=0.9,fr-CA;q=0.8,en;q=0.7")).toBe("fr");
    expect(fromAcceptLanguage("zh-Hans-CN")).toBe("zh");
    expect(fromAcceptLanguage("en;q=0.2, ar;q=0.9")).toBe("ar");
    expect(fromAcceptLanguage("es;q=0")).toBeUndefined();
    expect(fromAcceptLanguage("")).toBeUndefined();
    expect(fromAcceptLanguage("*")).toBeUndefined();
  });
  it("Arabic is right to left, the others left to right", () => {
    expect(direction("ar")).toBe("rtl");
    for (const l of ["en", "fr", "es", "ru", "zh"] as const) expect(direction(l)).toBe("ltr");
  });
});
