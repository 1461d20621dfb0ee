// Item statistics of one course version, for the authors of the owning academy (docs/authoring.md,
// "Item statistics"): one quiz at a time (?quiz=<module key>, the first by default), so that a page
// reads one quiz's responses; the CSV export has every quiz. Anyone else: 404.
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import authoringStyles from "~/authoring/ui/authoring.css";
import statisticsStyles from "~/authoring/ui/statistics.css";
import { notFound } from "~/auth/guards.server";
import { translatorFor } from "~/i18n/translate.server";
import { isLocale, localeNames } from "~/i18n/config";
import { formatNumber } from "~/i18n/format";
import { pick } from "~/courses/localize";
import { Breadcrumbs, VersionStatusBadge } from "~/authoring/ui/parts";
import { quizItemStats, requireStatsVersion } from "~/authoring/item-stats.server";
import type { Flag, ItemFigures } from "~/authoring/item-stats";
import { DataTable, type Column } from "~/ui/DataTable";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: authoringStyles },
  { rel: "stylesheet", href: statisticsStyles },
];

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { ctx, version } = await requireStatsVersion(request, params.slug, params.version);
  const { t, locale } = await translatorFor(request, "statistics");
  const content = version.content;
  const source = content.sourceLocale;
  const wanted = new URL(request.url).searchParams.get("quiz");
  const module = wanted === null ? content.modules[0] : content.modules.find((m) => m.key === wanted);
  if (!module) throw notFound();
  const quiz = module.quiz;
  const stats = await quizItemStats(version.id, quiz);
  const text = (value: Parameters<typeof pick>[0]) => pick(value, locale, source).value;
  const courseTitle = text(content.title);
  return {
    title: t("title", { title: courseTitle, version: version.version }),
    locale,
    slug: ctx.course.slug,
    courseTitle,
    version: version.version,
    status: version.status,
    quizzes: content.modules.map((m) => ({ moduleKey: m.key, title: text(m.quiz.title), module: text(m.title) })),
    current: { moduleKey: module.key, title: text(quiz.title), module: text(module.title) },
    attempts: stats.attempts,
    questions: stats.questions.map((q) => {
      const authored = quiz.questions.find((x) => x.key === q.key)!;
      // true/false options have no authored text: the page says "True"/"False" in its own language
      const optionText = (key: string) =>
        q.type === "true-false" ? t(key === "true" ? "true" : "false") : text(authored.options.find((o) => o.key === key)?.text ?? {});
      return { ...q, text: text(authored.text), optionTexts: Object.fromEntries(authored.options.map((o) => [o.key, optionText(o.key)])) };
    }),
  };
}

function usePercent(locale: string) {
  return (value: number | null) => (value === null ? null : new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 0 }).format(value));
}

/** The three measures of an item (attempts, facility, discrimination) as columns of a DataTable. */
function useMeasureColumns<Row>(locale: string, figuresOf: (row: Row) => ItemFigures): Column<Row>[] {
  const { t } = useTranslation("statistics");
  const percent = usePercent(locale);
  return [
    { key: "attempts", header: t("columns.attempts"), numeric: true, cell: (row) => formatNumber(figuresOf(row).attempts, locale) },
    { key: "facility", header: t("columns.facility"), numeric: true, cell: (row) => percent(figuresOf(row).facility) ?? "—" },
    {
      key: "discrimination",
      header: t("columns.discrimination"),
      numeric: true,
      cell: (row) => {
        const value = figuresOf(row).discrimination;
        return value === null ? (
          <span title={t("notComputable")}>
            —<span className="visually-hidden"> ({t("notComputable")})</span>
          </span>
        ) : (
          new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(value)
        );
      },
    },
  ];
}

function Flags({ flags, unused, optionTexts }: { flags: Flag[]; unused: string[]; optionTexts: Record<string, string> }) {
  const { t } = useTranslation("statistics");
  if (!flags.length) return <span className="muted">{t("noFlags")}</span>;
  return (
    <ul className="stats-flags">
      {flags.map((f) => (
        <li key={f} className="badge badge--warn">
          {t(`flags.${f}`, { options: unused.map((k) => `“${optionTexts[k] ?? k}”`).join(", ") })}
        </li>
      ))}
    </ul>
  );
}

export default function ItemStatistics() {
  const { t } = useTranslation(["statistics", "authoring"]);
  const d = useLoaderData<typeof loader>();
  const percent = usePercent(d.locale);
  const base = `/author/courses/${d.slug}`;
  const language = (code: string) => (isLocale(code) ? localeNames[code] : t("unknownLocale"));
  const questionMeasures = useMeasureColumns(d.locale, (q: (typeof d.questions)[number]) => q.all);
  const languageMeasures = useMeasureColumns(d.locale, (r: { figures: ItemFigures }) => r.figures);
  return (
    <div className="stack stats">
      <Breadcrumbs
        items={[
          { to: "/author", label: t("authoring:home.heading") },
          { to: base, label: d.courseTitle },
          { label: t("breadcrumb", { version: d.version }) },
        ]}
      />
      <h1>
        {t("heading", { version: d.version })} <VersionStatusBadge status={d.status} />
      </h1>
      <p>{t("intro")}</p>

      <details className="card stats-explain">
        <summary>{t("explain.heading")}</summary>
        <dl>
          {(["attempts", "facility", "discrimination", "options", "languages", "flags"] as const).map((k) => (
            <div key={k}>
              <dt>{t(`explain.terms.${k}`)}</dt>
              <dd>{t(`explain.${k}`)}</dd>
            </div>
          ))}
        </dl>
      </details>

      <p>
        <a href={`${base}/versions/${d.version}/statistics.csv`} download className="button button--secondary">
          {t("csv")}
        </a>
      </p>

      <nav aria-label={t("quizzes")}>
        <ul className="stats-quizzes">
          {d.quizzes.map((q) => (
            <li key={q.moduleKey}>
              <Link to={`?quiz=${encodeURIComponent(q.moduleKey)}`} aria-current={q.moduleKey === d.current.moduleKey ? "page" : undefined}>
                {q.module}
              </Link>
            </li>
          ))}
        </ul>
      </nav>

      <section aria-labelledby="quiz-heading" className="stack">
        <h2 id="quiz-heading">
          {d.current.title} <span className="muted">({d.current.module})</span>
        </h2>
        {d.attempts.all === 0 ? (
          <p>{t("attempts.none")}</p>
        ) : (
          <p>
            {t("attempts.summary", { count: d.attempts.all, formatted: formatNumber(d.attempts.all, d.locale) })}{" "}
            <span className="muted">
              ({d.attempts.byLocale.map((a) => `${language(a.locale)}: ${formatNumber(a.count, d.locale)}`).join(" · ")})
            </span>
          </p>
        )}

        <DataTable
          caption={t("summaryCaption")}
          label={t("summaryCaption")}
          rows={d.questions}
          rowKey={(q) => q.key}
          columns={[
            { key: "number", header: t("columns.number"), numeric: true, cell: (q) => formatNumber(d.questions.indexOf(q) + 1, d.locale) },
            { key: "question", header: t("columns.question"), rowHeader: true, cell: (q) => <a href={`#q-${q.key}`}>{q.text}</a> },
            ...questionMeasures,
            { key: "flags", header: t("columns.flags"), cell: (q) => <Flags flags={q.flags} unused={q.unusedDistractors} optionTexts={q.optionTexts} /> },
          ]}
        />

        {d.questions.map((q, i) => (
          <section key={q.key} id={`q-${q.key}`} aria-labelledby={`q-${q.key}-heading`} className="card stack">
            <h3 id={`q-${q.key}-heading`}>
              {t("questionHeading", { number: formatNumber(i + 1, d.locale) })} {q.text}
            </h3>
            <DataTable
              caption={t("byLanguageCaption")}
              label={t("byLanguageCaption")}
              rows={[{ key: "all", label: t("columns.all"), figures: q.all }, ...q.byLocale.map((l) => ({ key: l.locale, label: language(l.locale), figures: l.figures }))]}
              rowKey={(r) => r.key}
              columns={[{ key: "language", header: t("columns.language"), rowHeader: true, cell: (r) => r.label }, ...languageMeasures]}
            />
            {q.all.options.length ? (
              <DataTable
                caption={t("optionsCaption")}
                label={t("optionsCaption")}
                rows={q.all.options.map((o, k) => ({ ...o, index: k }))}
                rowKey={(o) => o.key}
                columns={[
                  {
                    key: "option",
                    header: t("columns.option"),
                    rowHeader: true,
                    cell: (o) => (
                      <>
                        {q.optionTexts[o.key]}
                        {o.correct ? <span className="badge badge--ok stats-right">{t("rightAnswer")}</span> : null}
                      </>
                    ),
                  },
                  { key: "all", header: t("columns.all"), numeric: true, cell: (o) => percent(o.share) ?? "—" },
                  ...q.byLocale.map((l) => ({
                    key: l.locale,
                    header: language(l.locale),
                    numeric: true,
                    cell: (o: { index: number }) => percent(l.figures.options[o.index]?.share ?? null) ?? "—",
                  })),
                ]}
              />
            ) : (
              <p className="muted">{t("orderingNote")}</p>
            )}
          </section>
        ))}
      </section>
    </div>
  );
}
