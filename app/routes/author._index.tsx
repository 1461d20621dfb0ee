import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import authoringStyles from "~/authoring/ui/authoring.css";
import { translatorFor } from "~/i18n/translate.server";
import { supportedLocales } from "~/i18n/config";
import { pick } from "~/courses/localize";
import { listAuthorCourses, requireAuthor } from "~/authoring/drafts.server";
import { completeness } from "~/authoring/texts";
import { KEY } from "~/courses/schema";
import { CompletenessBars, VersionStatusBadge } from "~/authoring/ui/parts";
import { Alert } from "~/ui/Alert";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: authoringStyles }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { academies } = await requireAuthor(request);
  const { t, locale } = await translatorFor(request, "authoring");
  const courses = await listAuthorCourses(academies.map((a) => a.id));
  // after discarding a never-published course (author.courses.$slug._index.tsx): its address, if it is one
  const discarded = new URL(request.url).searchParams.get("discarded");
  return {
    title: t("home.title"),
    discarded: discarded && KEY.test(discarded) ? discarded : null,
    academies: academies.map((a) => ({
      slug: a.slug,
      name: a.name,
      courses: courses
        .filter((c) => c.academyId === a.id)
        .map((c) => ({
          slug: c.slug,
          title: c.content ? pick(c.content.title, locale, c.sourceLocale).value : c.slug,
          sourceLocale: c.sourceLocale,
          versions: c.versions,
          shares: c.content ? Object.fromEntries(supportedLocales.map((l) => [l, completeness(c.content!, l)])) : {},
        })),
    })),
  };
}

export default function AuthorHome() {
  const { t } = useTranslation("authoring");
  const { academies, discarded } = useLoaderData<typeof loader>();
  return (
    <div className="stack">
      <h1>{t("home.heading")}</h1>
      {discarded ? (
        <Alert tone="success">
          {t("home.discarded", { course: discarded })}
        </Alert>
      ) : null}
      <p className="row">
        <Link to="/author/new" className="button">
          {t("home.newCourse")}
        </Link>
        <Link to="/author/import" className="button button--secondary">
          {t("home.import")}
        </Link>
      </p>
      {academies.map((a) => (
        <section key={a.slug} aria-labelledby={`academy-${a.slug}`} className="stack">
          <h2 id={`academy-${a.slug}`}>{a.name}</h2>
          {a.courses.length === 0 ? <p>{t("home.noCourses")}</p> : null}
          <ul className="author-courses">
            {a.courses.map((c) => (
              <li key={c.slug} className="card stack">
                <h3>
                  <Link to={`/author/courses/${c.slug}`}>{c.title}</Link>
                </h3>
                <p className="row">
                  {c.versions.map((v) => (
                    <span key={v.version}>
                      {t("version.label", { version: v.version })} <VersionStatusBadge status={v.status} />
                    </span>
                  ))}
                </p>
                <CompletenessBars shares={c.shares} source={c.sourceLocale} />
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}
