// Demo organizations and accounts. Used by the seed (npm start) and by the tests, so that both
// describe the same world. Every function here is idempotent: running the seed twice changes nothing.
import type { Db } from "~/db.server";
import { createUser } from "~/auth/accounts.server";
import { newId } from "~/ids";
import type { OrgKind, RoleName } from "~/auth/permissions";
import { rebuildReportSummaries } from "~/organizations/summary.server";
import type { OrgNames } from "~/organizations/names";

export const DEMO_PASSWORD = "demo-password-2026";

export const demoOrganizations = {
  platform: { slug: "platform", name: "Rights Academy", kind: "PLATFORM" },
  municipality: { slug: "riverside", name: "City of Riverside (demo)", kind: "MUNICIPALITY" },
  academy: { slug: "demo-academy", name: "Demo Academy for Local Human Rights", kind: "ACADEMY" },
  // A second municipality, so that tenant isolation can be seen (and tested): its manager sees nothing of Riverside.
  municipality2: { slug: "lakeside", name: "Town of Lakeside (demo)", kind: "MUNICIPALITY" },
} as const satisfies Record<string, { slug: string; name: string; kind: OrgKind }>;

/** The demo organizations' names in the six languages (Organization.names, app/organizations/names.ts). */
export const demoOrganizationNames: Record<keyof typeof demoOrganizations, OrgNames> = {
  platform: { en: "Rights Academy", fr: "Académie des droits", es: "Academia de Derechos", ru: "Академия прав", zh: "权利学院", ar: "أكاديمية الحقوق" },
  municipality: {
    en: "City of Riverside (demo)",
    fr: "Ville de Riverside (démo)",
    es: "Ciudad de Riverside (demo)",
    ru: "Город Риверсайд (демо)",
    zh: "里弗赛德市（演示）",
    ar: "مدينة ريفرسايد (تجريبية)",
  },
  academy: {
    en: "Demo Academy for Local Human Rights",
    fr: "Académie de démonstration pour les droits humains au niveau local",
    es: "Academia de demostración de derechos humanos locales",
    ru: "Демонстрационная академия по правам человека на местном уровне",
    zh: "地方人权演示学院",
    ar: "الأكاديمية التجريبية لحقوق الإنسان على المستوى المحلي",
  },
  municipality2: {
    en: "Town of Lakeside (demo)",
    fr: "Commune de Lakeside (démo)",
    es: "Localidad de Lakeside (demo)",
    ru: "Город Лейксайд (демо)",
    zh: "湖滨镇（演示）",
    ar: "بلدة ليكسايد (تجريبية)",
  },
};

export const demoDepartments = ["Urban Planning", "Social Services"] as const;
export const demoDepartments2 = ["Public Works", "Housing"] as const;
const departmentsOf: Partial<Record<keyof typeof demoOrganizations, readonly string[]>> = {
  municipality: demoDepartments,
  municipality2: demoDepartments2,
};

export const demoAccounts = [
  { email: "learner@demo.test", name: "Amina Haddad", locale: "en", org: "municipality", role: "LEARNER", department: "Urban Planning" },
  { email: "manager@demo.test", name: "Carlos Méndez", locale: "en", org: "municipality", role: "MANAGER", department: "Social Services" },
  { email: "author@demo.test", name: "Li Wei", locale: "en", org: "academy", role: "AUTHOR", department: null },
  // a second author of the academy, so that a course can be reviewed by someone other than its writer
  { email: "reviewer@demo.test", name: "Fatou Diallo", locale: "fr", org: "academy", role: "AUTHOR", department: null },
  { email: "admin@demo.test", name: "Olga Petrova", locale: "en", org: "platform", role: "ADMIN", department: null },
  { email: "manager2@demo.test", name: "Nadia Karimova", locale: "en", org: "municipality2", role: "MANAGER", department: "Housing" },
] as const satisfies ReadonlyArray<{
  email: string;
  name: string;
  locale: string;
  org: keyof typeof demoOrganizations;
  role: RoleName;
  department: string | null;
}>;

export async function ensureOrganization(db: Db, org: { slug: string; name: string; kind: OrgKind; names?: OrgNames }) {
  const row = await db.organization.upsert({
    where: { slug: org.slug },
    update: {},
    create: { id: newId(), slug: org.slug, name: org.name, kind: org.kind, ...(org.names ? { names: org.names } : {}) },
    select: { id: true, slug: true, names: true },
  });
  // a database seeded before names per language existed gets them once; names set by the administrator stay
  if (org.names && row.names === null) await db.organization.update({ where: { id: row.id }, data: { names: org.names } });
  return { id: row.id, slug: row.slug };
}

export async function ensureDepartment(db: Db, organizationId: string, name: string) {
  return db.department.upsert({
    where: { organizationId_name: { organizationId, name } },
    update: {},
    create: { id: newId(), organizationId, name },
    select: { id: true },
  });
}

export async function ensureUser(db: Db, input: { email: string; name: string; locale: string; password: string }) {
  const existing = await db.user.findUnique({ where: { email: input.email }, select: { id: true } });
  if (existing) return existing;
  return createUser(db, input);
}

export async function ensureMembership(
  db: Db,
  input: { userId: string; organizationId: string; role: RoleName; departmentId?: string | null },
) {
  return db.membership.upsert({
    where: { userId_organizationId: { userId: input.userId, organizationId: input.organizationId } },
    update: {},
    create: {
      id: newId(),
      userId: input.userId,
      organizationId: input.organizationId,
      role: input.role,
      departmentId: input.departmentId ?? null,
    },
  });
}

export async function seedDemo(db: Db) {
  const orgIds = {} as Record<keyof typeof demoOrganizations, string>;
  for (const [key, org] of Object.entries(demoOrganizations) as [keyof typeof demoOrganizations, (typeof demoOrganizations)[keyof typeof demoOrganizations]][]) {
    orgIds[key] = (await ensureOrganization(db, { ...org, names: demoOrganizationNames[key] })).id;
  }
  // keyed by name: department names are unique across the demo municipalities
  const departmentIds: Record<string, string> = {};
  for (const [org, names] of Object.entries(departmentsOf) as [keyof typeof demoOrganizations, readonly string[]][]) {
    for (const name of names) departmentIds[name] = (await ensureDepartment(db, orgIds[org], name)).id;
  }
  for (const account of demoAccounts) {
    const user = await ensureUser(db, { ...account, password: DEMO_PASSWORD });
    await ensureMembership(db, {
      userId: user.id,
      organizationId: orgIds[account.org],
      role: account.role,
      departmentId: account.department ? departmentIds[account.department] : null,
    });
  }
  // the municipal reports' summary, for data written before it existed or around the area functions
  await rebuildReportSummaries(db);
  return { orgIds, departmentIds };
}
