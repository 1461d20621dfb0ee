// The platform administrator's people search ignores case on both engines (run it with
// TEST_DATABASE_URL=postgresql://… too): PostgreSQL's `contains` is case-sensitive, SQLite's LIKE folds
// ASCII only.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useTestDbAsAppDb } from "../../tests/db";
import type { Db } from "~/db.server";
import { newId } from "~/ids";
import { getUserDetail, listUsers } from "./users.server";

let db: Db;
let cleanup: () => Promise<void>;
const tag = newId().slice(0, 8).toLowerCase();
const people = [
  { name: "Maria Lopez", email: `maria.lopez-${tag}@riverside.example` },
  { name: "Мария Иванова", email: `m.ivanova-${tag}@lakeside.example` },
  { name: "Élodie Durand", email: `elodie-${tag}@riverside.example` },
  { name: "李华", email: `li.hua-${tag}@riverside.example` },
];

beforeAll(async () => {
  ({ db, cleanup } = await useTestDbAsAppDb());
  for (const p of people) await db.user.create({ data: { id: newId(), ...p, locale: "en", passwordHash: "x" } });
});
afterAll(() => cleanup());

const search = async (q: string) => (await listUsers({ q, org: null, status: null, page: 1 })).users.map((u) => u.name).sort();

describe("people search", () => {
  it.each([
    ["maria", ["Maria Lopez"]],
    ["LOPEZ", ["Maria Lopez"]],
    ["mArIa lOpEz", ["Maria Lopez"]],
    ["мария", ["Мария Иванова"]],
    ["ИВАНОВА", ["Мария Иванова"]],
    ["élodie", ["Élodie Durand"]],
    ["ÉLODIE DURAND", ["Élodie Durand"]],
    ["李华", ["李华"]],
    [`MARIA.LOPEZ-${tag.toUpperCase()}`, ["Maria Lopez"]],
    [`${tag.toUpperCase()}@RIVERSIDE`, ["李华", "Maria Lopez", "Élodie Durand"]],
  ])("%s", async (q, expected) => {
    expect(await search(q)).toEqual([...expected].sort());
  });
});

describe("organization names in the administrator's language", () => {
  it("the list and a person's page (memberships, single sign-on) name the municipality in `locale`, else by its default name", async () => {
    const org = await db.organization.create({
      data: { id: newId(), slug: `names-${tag}`, name: `Town ${tag}`, names: { fr: `Commune ${tag}`, ar: `بلدة ${tag}` }, kind: "MUNICIPALITY" },
    });
    const user = await db.user.create({ data: { id: newId(), name: "Nour Saleh", email: `nour-${tag}@example.org`, locale: "ar", passwordHash: "x" } });
    await db.membership.create({ data: { id: newId(), userId: user.id, organizationId: org.id, role: "LEARNER" } });
    await db.userIdentity.create({ data: { id: newId(), issuer: `https://idp-${tag}.example`, subject: "s1", userId: user.id, organizationId: org.id } });
    const listed = async (locale: string) => (await listUsers({ q: `nour-${tag}`, org: null, status: null, page: 1 }, locale)).users[0].organizations;
    expect(await listed("fr")).toEqual([`Commune ${tag}`]);
    expect(await listed("zh")).toEqual([`Town ${tag}`]);
    const ar = await getUserDetail(user.id, "ar");
    expect(ar?.memberships.map((m) => m.organization.name)).toEqual([`بلدة ${tag}`]);
    expect(ar?.identities.map((i) => i.organization)).toEqual([`بلدة ${tag}`]);
    const es = await getUserDetail(user.id, "es");
    expect(es?.memberships.map((m) => m.organization.name)).toEqual([`Town ${tag}`]);
  });
});
