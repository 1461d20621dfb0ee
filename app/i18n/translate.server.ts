import type { Namespace } from "./config";
import { getFixedT } from "./i18next.server";
import { getLocale } from "./locale.server";

/** t() in the language of this request, for loaders, actions and meta. */
export async function translatorFor(request: Request, ns: Namespace | Namespace[] = "common") {
  const locale = await getLocale(request);
  return { locale, t: await getFixedT(locale, ns) };
}
