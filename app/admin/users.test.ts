// The platform administrator's people search ignores case on both engines (run it with
// TEST_DATABASE_URL=postgresql://… too): PostgreSQL's `contains` is case-sensitive, SQLite's LIKE folds
// ASCII only.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useTestDbAsAppDb } from "../../tests/db";
import type { Db } from "~/db.server";
import { newId } from "~/ids";
import { listUsers } from "./users.server";

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
