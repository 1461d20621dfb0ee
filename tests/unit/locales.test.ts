import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { namespaces, supportedLocales } from "~/i18n/config";

const root = path.resolve("locales");
const keysOf = (value: unknown, prefix = ""): string[] =>
  value && typeof value === "object"
    ? Object.entries(value).flatMap(([k, v]) => keysOf(v, prefix ? `${prefix}.${k}` : k))
    : [prefix];
// i18next plural keys: English has key_one/key_other, Arabic needs six forms, Russian four, Chinese one.
const PLURAL = /_(zero|one|two|few|many|other)$/;
const baseKeys = (keys: string[]) => [...new Set(keys.map((k) => k.replace(PLURAL, "")))].sort();
const load = (locale: string, ns: string) => JSON.parse(readFileSync(path.join(root, locale, `${ns}.json`), "utf8"));

describe("UI translations", () => {
  it("every locale has the same namespace files as English", () => {
    const english = readdirSync(path.join(root, "en")).sort();
    expect(english).toEqual(namespaces.map((n) => `${n}.json`).sort());
    for (const locale of supportedLocales) expect(readdirSync(path.join(root, locale)).sort()).toEqual(english);
  });

  for (const locale of supportedLocales.filter((l) => l !== "en")) {
    it(`${locale} has exactly the keys of English (plural forms as the language needs), none empty`, () => {
      const categories = new Intl.PluralRules(locale).resolvedOptions().pluralCategories;
      for (const ns of namespaces) {
        const en = load("en", ns);
        const other = load(locale, ns);
        expect(baseKeys(keysOf(other)), `${locale}/${ns}.json`).toEqual(baseKeys(keysOf(en)));
        for (const plural of new Set(keysOf(en).filter((k) => PLURAL.test(k)).map((k) => k.replace(PLURAL, "")))) {
          for (const category of categories) {
            expect(keysOf(other), `${locale}/${ns}.json needs ${plural}_${category}`).toContain(`${plural}_${category}`);
          }
        }
        for (const key of keysOf(other)) {
          const value = key.split(".").reduce((o: any, k) => o?.[k], other);
          expect(typeof value === "string" && value.trim().length > 0, `${locale}/${ns}.json ${key}`).toBe(true);
        }
      }
    });

    it(`${locale} keeps every {{placeholder}} of English`, () => {
      for (const ns of namespaces) {
        const en = load("en", ns);
        const other = load(locale, ns);
        for (const key of keysOf(en).filter((k) => !PLURAL.test(k))) {
          const get = (o: any) => key.split(".").reduce((x: any, k) => x?.[k], o) as string;
          const placeholders = (s: string) => (s.match(/\{\{\s*\w+\s*\}\}/g) ?? []).map((p) => p.replace(/\s/g, "")).sort();
          expect(placeholders(get(other) ?? ""), `${locale}/${ns}.json ${key}`).toEqual(placeholders(get(en)));
        }
      }
    });
  }
});

describe("audit log labels", () => {
  it("every audit action has a label in every language", async () => {
    const { AUDIT_ACTIONS } = await import("~/audit/audit.server");
    const missing: string[] = [];
    for (const lng of supportedLocales) {
      const labels = JSON.parse(readFileSync(path.join(root, lng, "organizations.json"), "utf8")).audit.actions;
      for (const action of AUDIT_ACTIONS) {
        const [area, verb] = action.split(".");
        if (typeof labels[area]?.[verb] !== "string") missing.push(`${lng}: ${action}`);
      }
    }
    expect(missing).toEqual([]);
  });
});
