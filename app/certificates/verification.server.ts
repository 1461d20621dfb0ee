// What the public verification answers, for the page (/verify/<id>) and for machines
// (/verify/<id>.json, or the page's URL with Accept: application/json): the same claims, no more.
import type { Locale } from "~/i18n/config";
import { courseTitleIn, findCertificate, issuerNameIn } from "./certificates.server";
import { certificateState } from "./status";

export async function verificationOf(askedId: string, locale: Locale, now = new Date()) {
  const c = await findCertificate(askedId);
  if (!c) return null;
  return {
    id: c.id,
    state: certificateState(c, now),
    holderName: c.holderName,
    courseTitle: courseTitleIn(c, locale),
    courseVersion: c.courseVersion,
    issuerName: issuerNameIn(c, locale),
    issuedAt: c.issuedAt.toISOString(),
    expiresAt: c.expiresAt?.toISOString() ?? null,
    revokedAt: c.revokedAt?.toISOString() ?? null,
  };
}

/** The JSON answer: the page's claims with stable English keys; 404 with status "unknown". */
export async function verificationJson(askedId: string, locale: Locale) {
  const now = new Date();
  const v = await verificationOf(askedId.slice(0, 100), locale, now);
  // a plain Response: a resource route's data() would lose its status under single fetch
  const json = (body: object, status = 200) =>
    new Response(JSON.stringify(body, null, 2) + "\n", {
      status,
      headers: { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store", "Access-Control-Allow-Origin": "*" },
    });
  if (!v) return json({ status: "unknown", checkedAt: now.toISOString() }, 404);
  return json({
    id: v.id,
    status: v.state,
    holder: { name: v.holderName },
    course: { title: v.courseTitle, version: v.courseVersion, language: locale },
    issuer: { name: v.issuerName },
    issuedAt: v.issuedAt,
    expiresAt: v.expiresAt,
    revokedAt: v.revokedAt,
    checkedAt: now.toISOString(),
  });
}
