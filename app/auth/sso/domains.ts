// Which email addresses an organization's single sign-on may sign in (docs/sso.md). Domains are
// compared exactly, lower-case: "example.org" does not admit "mail.example.org" nor "evilexample.org".

const DOMAIN = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

/** The domains typed by the administrator (commas, spaces or lines), or the first invalid one. */
export function parseDomains(input: string): { ok: true; domains: string[] } | { ok: false; invalid: string } {
  const domains: string[] = [];
  for (const raw of input.split(/[\s,;]+/)) {
    const domain = raw.trim().toLowerCase().replace(/^@/, "");
    if (!domain) continue;
    if (!DOMAIN.test(domain)) return { ok: false, invalid: raw.trim() };
    if (!domains.includes(domain)) domains.push(domain);
  }
  return domains.length > 0 ? { ok: true, domains } : { ok: false, invalid: "" };
}

/** The domain of an email address, lower-case, or null when it is not one. */
export function emailDomain(email: string): string | null {
  const at = email.lastIndexOf("@");
  if (at < 1 || at === email.length - 1) return null;
  const domain = email.slice(at + 1).trim().toLowerCase();
  return DOMAIN.test(domain) ? domain : null;
}

export function isEmailAllowed(email: string, allowed: string[]): boolean {
  const domain = emailDomain(email);
  return domain !== null && allowed.includes(domain);
}

export const joinDomains = (domains: string[]) => domains.join(",");
export const splitDomains = (stored: string) => stored.split(",").filter(Boolean);
