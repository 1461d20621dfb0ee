// Whether statements are sent to a Learning Record Store, and where (docs/integrations.md).
import { env } from "~/env.server";

export type XapiConfig = { endpoint: string; username: string | null; password: string | null };

/** The LRS, or null when XAPI_ENDPOINT is unset (then no statement is even queued). */
export function xapiConfig(): XapiConfig | null {
  const e = env();
  if (!e.XAPI_ENDPOINT) return null;
  return { endpoint: e.XAPI_ENDPOINT, username: e.XAPI_USERNAME ?? null, password: e.XAPI_PASSWORD ?? null };
}
