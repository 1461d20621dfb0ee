// The zip of one course version as course files (docs/course-format.md), for the academy's authors:
// /author/courses/<slug>/versions/<n>/export.zip. Anyone else — and any unknown course or version — 404.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { notFound, requireUser } from "~/auth/guards.server";
import { findAuthoredVersion } from "~/authoring/exchange/access.server";
import { contentToFiles } from "~/authoring/exchange/export";
import { filesToZip } from "~/authoring/exchange/zip.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const version = /^[1-9][0-9]{0,8}$/.test(params.version ?? "") ? Number(params.version) : null;
  if (version === null || !params.slug) throw notFound();
  const row = await findAuthoredVersion(user.id, params.slug, version);
  if (!row) throw notFound();
  const slug = row.course.slug;
  // the version's own date on every entry: exporting the same version twice gives the same zip
  const zip = filesToZip(slug, contentToFiles(row.content), row.publishedAt ?? row.createdAt);
  return new Response(createReadableStreamFromReadable(zip), {
    headers: {
      "Content-Type": "application/zip",
      "Content-Disposition": `attachment; filename="${slug}-v${row.version}.zip"`,
      "Cache-Control": "private, no-store",
    },
  });
}
