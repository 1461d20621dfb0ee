// npm run admin:create -- <email> "<full name>"      (password in ADMIN_PASSWORD, never on the command line)
// Makes a person platform administrator on a production database, where the demo seed must not
// run: creates the platform organization if there is none, the account if the email is new (the
// password must pass the sign-up policy), and the ADMIN membership. Idempotent; an existing
// account keeps its password.
import { databaseUrl, openDb } from "../../app/db.server.ts";
import { createUser, passwordError } from "../../app/auth/accounts.server.ts";
import { ensureMembership } from "../../app/demo/demo-data.server.ts";
import { newId } from "../../app/ids.ts";

const [email, name] = process.argv.slice(2).filter((a) => a !== "--").map((s) => s.trim());
if (!email || !name || !/^[^\s@]+@[^\s@]+$/.test(email)) {
  console.log('usage: ADMIN_PASSWORD=… npm run admin:create -- <email> "<full name>"');
  process.exit(2);
}
const db = await openDb(databaseUrl());
try {
  const address = email.toLowerCase();
  let user = await db.user.findUnique({ where: { email: address }, select: { id: true } });
  if (!user) {
    const password = process.env.ADMIN_PASSWORD ?? "";
    const problem = passwordError(password, address);
    if (problem) throw new Error(`ADMIN_PASSWORD is not acceptable (${problem}): at least 10 characters, not a common password, not containing the email`);
    user = await createUser(db, { email: address, name, locale: "en", password });
    console.log(`Created the account ${address}.`);
  }
  const platform =
    (await db.organization.findFirst({ where: { kind: "PLATFORM" }, select: { id: true } })) ??
    (await db.organization.create({ data: { id: newId(), slug: "platform", name: "Rights Academy", kind: "PLATFORM" }, select: { id: true } }));
  await ensureMembership(db, { userId: user.id, organizationId: platform.id, role: "ADMIN" });
  console.log(`${address} is a platform administrator.`);
} catch (error) {
  console.error(`admin:create failed: ${(error as Error).message}`);
  process.exitCode = 1;
} finally {
  await db.$disconnect();
}
