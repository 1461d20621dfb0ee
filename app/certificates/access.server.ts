// Route-level guard: the certificate and what the signed-in person may do with it, or a 404.
import { getRequestMemberships, notFound, requireUser } from "~/auth/guards.server";
import { accessTo, findCertificate } from "./certificates.server";

export async function requireCertificateAccess(request: Request, id: string | undefined) {
  const user = await requireUser(request);
  const certificate = id ? await findCertificate(id) : null;
  if (!certificate) throw notFound();
  const access = await accessTo(certificate, { id: user.id, memberships: await getRequestMemberships(request, user.id) });
  // someone else's certificate: the same 404 as an unknown id, so existence is not revealed
  if (!access) throw notFound();
  return { user, certificate, access };
}
