// The item statistics of every quiz of one course version as CSV, for the authors of the owning
// academy (anyone else: 404). One row per question × language × option (the question's measures
// repeated on each), so that a spreadsheet can filter and pivot; ordering questions have one row
// per language without option. Languages are codes ("all", "en", …, "unknown"), numbers are numbers;
// texts are neutralised against formula injection (toCsv).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { translatorFor } from "~/i18n/translate.server";
import { pick } from "~/courses/localize";
import { toCsv, type Cell } from "~/organizations/csv.server";
import { quizItemStats, requireStatsVersion } from "~/authoring/item-stats.server";
import type { ItemFigures } from "~/authoring/item-stats";

const round = (value: number | null, digits: number) => (value === null ? null : Number(value.toFixed(digits)));

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { ctx, version } = await requireStatsVersion(request, params.slug, params.version);
  const { t, locale } = await translatorFor(request, "statistics");
  const content = version.content;
  const text = (value: Parameters<typeof pick>[0]) => pick(value, locale, content.sourceLocale).value;
  const rows: Cell[][] = [];
  // one quiz after another: each statement reads one quiz's responses
  for (const module of content.modules) {
    const quiz = module.quiz;
    const stats = await quizItemStats(version.id, quiz);
    for (const q of stats.questions) {
      const authored = quiz.questions.find((x) => x.key === q.key)!;
      const optionText = (key: string) =>
        q.type === "true-false" ? t(key === "true" ? "true" : "false") : text(authored.options.find((o) => o.key === key)?.text ?? {});
      const flags = q.flags.map((f) => t(`flags.${f}`, { options: q.unusedDistractors.map(optionText).join(", ") })).join("; ");
      const emit = (language: string, f: ItemFigures, withFlags: boolean) => {
        const head: Cell[] = [module.key, text(quiz.title), q.key, text(authored.text), q.type, language, f.attempts, round(f.facility, 4), round(f.discrimination, 4), withFlags ? flags : ""];
        if (!f.options.length) rows.push([...head, "", "", "", null, null]);
        for (const o of f.options) rows.push([...head, o.key, optionText(o.key), o.correct ? t("csvHeaders.yes") : t("csvHeaders.no"), o.count, round(o.share, 4)]);
      };
      emit("all", q.all, true);
      for (const l of q.byLocale) emit(l.locale, l.figures, false);
    }
  }
  const header = (["module", "quiz", "questionKey", "question", "type", "language", "attempts", "facility", "discrimination", "flags", "optionKey", "option", "right", "chosen", "share"] as const).map(
    (k) => t(`csvHeaders.${k}`),
  );
  return new Response(toCsv(header, rows), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${ctx.course.slug}-v${version.version}-item-statistics.csv"`,
      "Cache-Control": "private, no-store",
    },
  });
}
