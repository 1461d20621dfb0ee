// Revocation that machines can read: a W3C Bitstring Status List (https://www.w3.org/TR/vc-bitstring-status-list/).
//
// Every certificate gets, when it is issued, a unique index (a Counter row incremented atomically).
// Index i is bit i % 131072 of list i / 131072 + 1, published at /credentials/status/<list> as a
// BitstringStatusListCredential: a W3C VC 2.0 secured as VC-JOSE-COSE says (compact JWS, header
// typ "vc+jwt"), signed with the platform's key, whose credentialSubject.encodedList is the multibase
// ("u" = base64url, no padding) GZIP of the bitstring (bit 0 = the most significant bit of the first
// byte; 1 = revoked). Each credential's credentialStatus points at its list and bit, so a copy taken
// before a revocation reads as revoked afterwards to any verifier that checks status.
//
// The list is stored signed, and signed again in the transaction of the revocation that changes it:
// the published list never disagrees with the records (docs/certificates.md, "Revocation lists").
import { gunzipSync, gzipSync } from "node:zlib";
import { sqltag as sql } from "@prisma/client/runtime/client";
import { CompactSign } from "jose";
import { getDb, type Db } from "~/db.server";
import { didWebFor, keyDidUrl, STATUS_LIST_SIZE, statusListUrl, statusPosition, VC_CONTEXT } from "./credential.server";
import type { SigningKey } from "./keys.server";

const COUNTER = "credentialStatusIndex";

type Reader = Pick<Db, "certificate" | "counter">;
type Writer = Pick<Db, "certificate" | "credentialStatusList">;

/** A fresh, never-used global status index (atomic on SQLite and PostgreSQL: one UPDATE … RETURNING). */
export async function reserveStatusIndex(db: Db): Promise<number> {
  for (;;) {
    const rows = await db.$queryRaw<{ value: number | bigint }[]>(
      sql`UPDATE "Counter" SET "value" = "value" + 1 WHERE "name" = ${COUNTER} RETURNING "value"`,
    );
    if (rows.length > 0) return Number(rows[0].value) - 1;
    // first certificate ever: create the counter (a concurrent creation is fine), then increment it
    await db.$executeRaw(sql`INSERT INTO "Counter" ("name", "value") VALUES (${COUNTER}, 0) ON CONFLICT DO NOTHING`);
  }
}

/** How many lists exist so far (at least one, so that /credentials/status/1 always answers). */
export async function statusListCount(db: Reader): Promise<number> {
  const counter = await db.counter.findUnique({ where: { name: COUNTER } });
  const used = counter?.value ?? 0;
  return Math.max(1, Math.ceil(used / STATUS_LIST_SIZE));
}

/** The multibase-encoded, GZIP-compressed bitstring with the given bits set. */
export function encodeBitstring(setBits: Iterable<number>, size = STATUS_LIST_SIZE): string {
  const bytes = new Uint8Array(size / 8);
  for (const bit of setBits) bytes[bit >> 3] |= 0x80 >> (bit & 7);
  return `u${gzipSync(bytes).toString("base64url")}`;
}

/** Reads bit `index` of an encodedList (the spec's algorithm; used by tests and the status page). */
export function bitAt(encodedList: string, index: number): boolean {
  const bytes = gunzipSync(Buffer.from(encodedList.replace(/^u/, ""), "base64url"));
  if (index < 0 || index >= bytes.length * 8) throw new RangeError(`status index ${index} outside the list`);
  return (bytes[index >> 3] & (0x80 >> (index & 7))) !== 0;
}

async function revokedBitsOf(db: Pick<Db, "certificate">, list: number): Promise<number[]> {
  const first = (list - 1) * STATUS_LIST_SIZE;
  const rows = await db.certificate.findMany({
    where: { revokedAt: { not: null }, statusListIndex: { gte: first, lt: first + STATUS_LIST_SIZE } },
    select: { statusListIndex: true },
  });
  return rows.map((r) => statusPosition(r.statusListIndex!).index);
}

export function buildStatusListCredential(origin: string, list: number, encodedList: string, now: Date) {
  const url = statusListUrl(origin, list);
  return {
    "@context": [VC_CONTEXT],
    id: url,
    type: ["VerifiableCredential", "BitstringStatusListCredential"],
    issuer: didWebFor(origin),
    validFrom: now.toISOString(),
    credentialSubject: { id: `${url}#list`, type: "BitstringStatusList", statusPurpose: "revocation", encodedList },
  };
}

/** The list as it stands in the records, signed (VC-JOSE-COSE: typ vc+jwt; iss, jti, nbf, iat). */
export async function signStatusList(db: Pick<Db, "certificate">, list: number, key: SigningKey, origin: string, now = new Date()) {
  const credential = buildStatusListCredential(origin, list, encodeBitstring(await revokedBitsOf(db, list)), now);
  const at = Math.floor(now.getTime() / 1000);
  const payload = { ...credential, iss: credential.issuer, jti: credential.id, nbf: at, iat: at };
  return new CompactSign(new TextEncoder().encode(JSON.stringify(payload)))
    .setProtectedHeader({ alg: "EdDSA", kid: keyDidUrl(origin, key.kid), typ: "vc+jwt" })
    .sign(key.privateKey);
}

/**
 * Inside the revocation's transaction: re-signs and stores the list holding this index. The first
 * write locks the list's row (PostgreSQL), so that two revocations on the same list at once cannot
 * each publish a list that lacks the other's bit.
 */
export async function republishStatusList(tx: Writer, globalIndex: number, key: SigningKey, origin: string, now = new Date()) {
  const { list } = statusPosition(globalIndex);
  await tx.credentialStatusList.upsert({ where: { id: list }, create: { id: list, credential: "" }, update: { updatedAt: now } });
  const credential = await signStatusList(tx, list, key, origin, now);
  await tx.credentialStatusList.update({ where: { id: list }, data: { credential } });
}

/** The published list: as stored at the last revocation, or (no revocation yet on it) signed now. */
export async function publishedStatusList(list: number, key: SigningKey, origin: string, db?: Db): Promise<string | null> {
  db ??= await getDb();
  if (!Number.isInteger(list) || list < 1 || list > (await statusListCount(db))) return null;
  const stored = await db.credentialStatusList.findUnique({ where: { id: list } });
  if (stored?.credential) return stored.credential;
  return signStatusList(db, list, key, origin);
}
