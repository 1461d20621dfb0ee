// Which hops' X-Forwarded-* headers the Express server believes (its "trust proxy" setting): the
// client address feeds the per-address sign-in limit, so trusting too much lets anyone pick their
// address by sending X-Forwarded-For themselves.
//   false            nothing is trusted: the client is the TCP peer (no proxy in front)
//   true             exactly ONE reverse proxy in front: the address it appended is the client
//   <n>              n proxies in front (e.g. a load balancer, then nginx)
//   <list>           the proxies' own addresses/CIDRs, or Express names: loopback, linklocal, uniquelocal
// "true" deliberately does not mean Express's trust-everything `true`, under which the left-most
// (client-written) X-Forwarded-For entry would count.
export type TrustProxy = false | number | string[];

const ADDRESS = /^(loopback|linklocal|uniquelocal|[0-9a-fA-F.:]+(\/\d{1,3})?)$/;

export function parseTrustProxy(value: string | undefined): TrustProxy {
  const text = (value ?? "").trim();
  if (text === "" || text === "false" || text === "0") return false;
  if (text === "true") return 1;
  if (/^\d+$/.test(text)) return Number(text);
  const list = text.split(",").map((s) => s.trim()).filter(Boolean);
  if (list.length && list.every((s) => ADDRESS.test(s))) return list;
  throw new Error(`TRUST_PROXY must be false, true (one proxy), a number of proxies, or a comma-separated list of proxy addresses/CIDRs; got "${text}"`);
}
