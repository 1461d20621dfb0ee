// "Add to LinkedIn profile": LinkedIn's documented add-to-profile link for certifications
// (https://www.linkedin.com/profile/add?startTask=CERTIFICATION_NAME…). The person's browser opens
// LinkedIn with the form pre-filled; nothing is sent to LinkedIn by the platform itself. Pure, so the
// page and the tests build the same address.
export type LinkedInCertification = {
  /** the course title, in the language of the page */
  name: string;
  /** the academy that issued the certificate, in the language of the page (issuerNameIn) like `name` */
  organizationName: string;
  issuedAt: Date | string;
  expiresAt: Date | string | null;
  /** the public verification page (absolute, from publicOrigin()) */
  certUrl: string;
  certId: string;
};

export const LINKEDIN_ADD_TO_PROFILE = "https://www.linkedin.com/profile/add";

export function linkedInAddToProfileUrl(c: LinkedInCertification): string {
  const issued = new Date(c.issuedAt);
  const params = new URLSearchParams({
    startTask: "CERTIFICATION_NAME",
    name: c.name,
    organizationName: c.organizationName,
    // LinkedIn asks for month and year only; months are 1–12. Dates are taken in UTC, as everywhere
    // on the platform (docs/notifications.md, "Time zone").
    issueYear: String(issued.getUTCFullYear()),
    issueMonth: String(issued.getUTCMonth() + 1),
  });
  if (c.expiresAt) {
    const expires = new Date(c.expiresAt);
    params.set("expirationYear", String(expires.getUTCFullYear()));
    params.set("expirationMonth", String(expires.getUTCMonth() + 1));
  }
  params.set("certUrl", c.certUrl);
  params.set("certId", c.certId);
  return `${LINKEDIN_ADD_TO_PROFILE}?${params.toString()}`;
}
