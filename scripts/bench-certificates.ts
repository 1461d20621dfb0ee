// Measures certificate PDF generation: npx tsx scripts/bench-certificates.ts [count]
// Renders `count` certificates (default 300) cycling through the six languages, with holder names
// and course titles in several scripts, after a warm-up that loads the fonts. Prints certificates/s
// overall and per language, and the same per second of the process's CPU time (what a busy shared
// machine leaves comparable). The goal (docs/performance.md) is at least 50 certificates/s.
import { performance } from "node:perf_hooks";
import type { TFunction } from "i18next";
import { renderCertificatePdf, type PdfInput } from "~/certificates/pdf.server";
import { supportedLocales, type Locale } from "~/i18n/config";
import { getFixedT } from "~/i18n/i18next.server";
import { newId } from "~/ids";

const count = Number(process.argv[2] ?? 300);
const names = ["Amina Haddad", "أمينة حداد", "李伟", "Ольга Петрова", "Carlos Méndez", "Fatou Diallo"];
const titles: Record<Locale, string> = {
  ar: "التخطيط القائم على حقوق الإنسان في البلديات",
  zh: "市政规划中基于人权的方法",
  en: "Human-rights-based planning in municipalities",
  fr: "La planification fondée sur les droits humains dans les municipalités",
  ru: "Правозащитный подход к муниципальному планированию",
  es: "La planificación basada en los derechos humanos en los municipios",
};

const translators = new Map<Locale, TFunction>();
for (const locale of supportedLocales) translators.set(locale, await getFixedT(locale, ["certificates", "common"]));

function input(i: number, locale: Locale): PdfInput {
  const id = newId();
  return {
    id,
    holderName: names[i % names.length],
    courseTitle: titles[locale],
    courseVersion: 1 + (i % 3),
    issuerName: "Demo Academy for Local Human Rights",
    issuedAt: new Date(Date.UTC(2026, i % 12, 1 + (i % 28))),
    expiresAt: i % 2 ? new Date(Date.UTC(2028, i % 12, 1 + (i % 28))) : null,
    state: "valid",
    verifyUrl: `https://learn.example.org/verify/${id}`,
    platformName: "Rights Academy for Local Government",
  };
}

// warm-up: parse the fonts, compile the code paths
for (const locale of supportedLocales) await renderCertificatePdf(input(0, locale), locale, translators.get(locale)!);

const perLocale = new Map<Locale, { n: number; ms: number; bytes: number }>();
const start = performance.now();
const cpuStart = process.cpuUsage();
for (let i = 0; i < count; i++) {
  const locale = supportedLocales[i % supportedLocales.length];
  const t0 = performance.now();
  const pdf = await renderCertificatePdf(input(i, locale), locale, translators.get(locale)!);
  const entry = perLocale.get(locale) ?? { n: 0, ms: 0, bytes: 0 };
  entry.n++;
  entry.ms += performance.now() - t0;
  entry.bytes += pdf.length;
  perLocale.set(locale, entry);
}
const seconds = (performance.now() - start) / 1000;
const cpu = process.cpuUsage(cpuStart);
const cpuSeconds = (cpu.user + cpu.system) / 1e6;
console.log(`${count} certificates in ${seconds.toFixed(2)} s: ${(count / seconds).toFixed(1)} certificates/s (goal ≥ 50)`);
console.log(`  CPU: ${cpuSeconds.toFixed(2)} s, ${((cpuSeconds * 1000) / count).toFixed(1)} ms per certificate, ${(count / cpuSeconds).toFixed(1)} certificates per CPU-second`);
for (const [locale, e] of perLocale) {
  console.log(`  ${locale}: ${(e.ms / e.n).toFixed(1)} ms each, ${(1000 / (e.ms / e.n)).toFixed(0)}/s, ${(e.bytes / e.n / 1024).toFixed(0)} KiB average`);
}
