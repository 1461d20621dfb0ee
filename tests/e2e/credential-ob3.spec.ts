// The Bar of issue 17: an independent verifier — `jose` and node's own crypto and zlib, no project
// code — takes a fresh certificate's credential as the holder downloads it (the .jwt, and the one
// baked in the badge PNG), resolves the issuer's did:web and the header's kid, verifies the JWT,
// checks every Open Badges 3.0 field, follows credentialStatus to the Bitstring Status List, and reads
// "revoked" there after a manager revokes the certificate through the page. Project code is used only
// to set up the completion (as tests/e2e/certificates.spec.ts does).
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { compactVerify, decodeProtectedHeader, importJWK, jwtVerify } from "jose";
import { openDb, type Db } from "~/db.server";
import { ensureUser, DEMO_PASSWORD } from "~/demo/demo-data.server";
import { issueCertificateForEnrolment } from "~/certificates/issue.server";
import { newId } from "~/ids";
import { expectAccessible, signIn, uniqueEmail, visit } from "./helpers";

const databaseUrl = process.env.E2E_DATABASE_URL ?? "file:./e2e.db";
const PORT = Number(process.env.E2E_PORT ?? 3100);
const ORIGIN = `http://localhost:${PORT}`;

test.describe.configure({ mode: "serial" });

let db: Db;
let certificateId = "";
let savedJws = ""; // the holder's offline copy, taken before the revocation
const learner = { email: uniqueEmail("ob3"), name: "Olivia Bakare" };

test.beforeAll(async () => {
  process.env.PUBLIC_URL ??= ORIGIN;
  db = await openDb(databaseUrl);
  const riverside = await db.organization.findUniqueOrThrow({ where: { slug: "riverside" }, select: { id: true } });
  const version = await db.courseVersion.findFirstOrThrow({
    where: { course: { slug: "short-course" }, status: "PUBLISHED" },
    select: { id: true, courseId: true },
  });
  // an Arabic-speaking learner: the achievement is named in Arabic, the course's other language related
  const user = await ensureUser(db, { ...learner, locale: "ar", password: DEMO_PASSWORD });
  await db.membership.create({ data: { id: newId(), userId: user.id, organizationId: riverside.id, role: "LEARNER" } });
  const manager = await db.user.findUniqueOrThrow({ where: { email: "manager@demo.test" }, select: { id: true } });
  await db.assignment.create({
    data: { id: newId(), organizationId: riverside.id, courseId: version.courseId, userId: user.id, dueAt: new Date(Date.now() + 30 * 86_400_000), createdById: manager.id },
  });
  const enrolmentId = newId();
  await db.enrolment.create({ data: { id: enrolmentId, userId: user.id, courseId: version.courseId, courseVersionId: version.id, completedAt: new Date() } });
  certificateId = (await issueCertificateForEnrolment(enrolmentId, undefined, db)).id;
});

test.afterAll(async () => {
  await db?.$disconnect();
});

// ---- the independent verifier -------------------------------------------------------------------

/** did:web resolution (W3C did:web method): did:web:host%3Aport → http(s)://host:port/.well-known/did.json */
function didDocumentUrl(did: string): string {
  const [, method, host, ...path] = did.split(":");
  expect(method).toBe("web");
  const authority = decodeURIComponent(host);
  const scheme = authority.startsWith("localhost") ? "http" : "https"; // the test server has no TLS
  return `${scheme}://${authority}/${path.length ? path.map(decodeURIComponent).join("/") : ".well-known"}/did.json`;
}

/** Resolves a JWS header's kid (a DID URL) to the public key of the verification method it names. */
async function resolveKey(request: APIRequestContext, kid: string) {
  const did = kid.split("#")[0];
  const response = await request.get(didDocumentUrl(did));
  expect(response.status()).toBe(200);
  const document = await response.json();
  expect(document.id).toBe(did);
  const method = document.verificationMethod.find((m: { id: string }) => m.id === kid);
  expect(method, `no verification method ${kid} in ${did}`).toBeTruthy();
  expect(method.type).toBe("JsonWebKey2020");
  expect(method.controller).toBe(did);
  expect(document.assertionMethod).toContain(kid);
  expect(method.publicKeyJwk).not.toHaveProperty("d");
  return { did, key: await importJWK(method.publicKeyJwk, "EdDSA") };
}

/** Verifies an OB 3.0 credential JWT as OB 3.0 §8.2 says, and returns its payload. */
async function verifyOpenBadge(request: APIRequestContext, jws: string) {
  const header = decodeProtectedHeader(jws);
  expect(header).toMatchObject({ alg: "EdDSA", typ: "JWT" });
  expect(header).not.toHaveProperty("cty");
  const { did, key } = await resolveKey(request, header.kid!);
  const { payload } = await jwtVerify(jws, key, { issuer: did, typ: "JWT", algorithms: ["EdDSA"] });
  return { did, vc: payload as Record<string, any> };
}

/** Follows credentialStatus: verifies the status list credential and reads the credential's bit. */
async function revokedPerStatusList(request: APIRequestContext, vc: Record<string, any>, did: string): Promise<boolean> {
  const status = vc.credentialStatus;
  const response = await request.get(status.statusListCredential);
  expect(response.status()).toBe(200);
  const listJws = (await response.text()).trim();
  const header = decodeProtectedHeader(listJws);
  expect(header.typ).toBe("vc+jwt");
  const resolved = await resolveKey(request, header.kid!);
  expect(resolved.did).toBe(did); // the same issuer signs the list
  const { payload } = await compactVerify(listJws, resolved.key);
  const list = JSON.parse(new TextDecoder().decode(payload));
  expect(list.type).toEqual(expect.arrayContaining(["VerifiableCredential", "BitstringStatusListCredential"]));
  expect(list.id).toBe(status.statusListCredential);
  expect(list.issuer).toBe(did);
  expect(list.credentialSubject).toMatchObject({ type: "BitstringStatusList", statusPurpose: status.statusPurpose });
  const encoded: string = list.credentialSubject.encodedList;
  expect(encoded[0]).toBe("u"); // multibase base64url
  const bits = gunzipSync(Buffer.from(encoded.slice(1), "base64url"));
  expect(bits.length).toBeGreaterThanOrEqual(16 * 1024);
  const index = Number(status.statusListIndex);
  return (bits[index >> 3] & (0x80 >> (index & 7))) !== 0;
}

/** The text of the PNG iTXt chunk with keyword "openbadgecredential" (PNG spec, read by hand). */
function bakedCredential(png: Buffer): string | null {
  expect(png.subarray(0, 8).toString("hex")).toBe("89504e470d0a1a0a");
  for (let at = 8; at < png.length; ) {
    const length = png.readUInt32BE(at);
    const type = png.toString("latin1", at + 4, at + 8);
    const data = png.subarray(at + 8, at + 8 + length);
    if (type === "iTXt") {
      const keywordEnd = data.indexOf(0);
      if (data.toString("latin1", 0, keywordEnd) === "openbadgecredential") {
        expect(data[keywordEnd + 1]).toBe(0); // not compressed
        let p = data.indexOf(0, keywordEnd + 3) + 1; // after the language tag
        p = data.indexOf(0, p) + 1; // after the translated keyword
        return data.subarray(p).toString("utf8");
      }
    }
    at += 12 + length;
  }
  return null;
}

// ---- the journey ----------------------------------------------------------------------------------

test("the holder downloads the credential and the baked badge; a verifier checks every OB 3.0 field and finds it not revoked", async ({ page, request }) => {
  await signIn(page, learner.email);
  await visit(page, `/certificates/${certificateId}?lng=en`);
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download the signed credential (.jwt)" }).click();
  const file = await (await download).path();
  savedJws = readFileSync(file, "utf8").trim();
  expect(savedJws).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);

  const badge = await page.request.get(`/certificates/${certificateId}.png`);
  expect(badge.status()).toBe(200);
  expect(badge.headers()["content-type"]).toBe("image/png");
  expect(bakedCredential(await badge.body())).toBe(savedJws);

  const { did, vc } = await verifyOpenBadge(request, savedJws);
  // VC 2.0 + OB 3.0
  expect(vc["@context"]).toEqual(["https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"]);
  expect(vc.type).toEqual(expect.arrayContaining(["VerifiableCredential", "OpenBadgeCredential"]));
  expect(vc.id).toBe(`${ORIGIN}/verify/${certificateId}`);
  expect(typeof vc.name).toBe("string");
  // the issuer named in the credential's language (Arabic, the learner's), as the certificate names it
  expect(vc.issuer).toMatchObject({ id: did, type: ["Profile"], name: "الأكاديمية التجريبية لحقوق الإنسان على المستوى المحلي" });
  expect(did).toBe(`did:web:localhost%3A${PORT}`);
  // registered claims mirror the credential
  expect(vc.iss).toBe(vc.issuer.id);
  expect(vc.jti).toBe(vc.id);
  expect(vc.sub).toBe(vc.credentialSubject.id);
  expect(vc.nbf).toBe(Math.floor(Date.parse(vc.validFrom) / 1000));
  if (vc.validUntil) expect(vc.exp).toBe(Math.floor(Date.parse(vc.validUntil) / 1000));
  else expect(vc).not.toHaveProperty("exp");
  // the subject: an opaque id, the printed name, the salted e-mail hash
  const subject = vc.credentialSubject;
  expect(subject.type).toContain("AchievementSubject");
  expect(subject.id).toMatch(/^urn:uuid:/);
  expect(subject.identifier).toContainEqual({ type: "IdentityObject", identityType: "name", hashed: false, identityHash: learner.name });
  const email = subject.identifier.find((i: { identityType: string }) => i.identityType === "emailAddress");
  expect(email).toMatchObject({ type: "IdentityObject", hashed: true });
  expect(email.identityHash).toBe(`sha256$${createHash("sha256").update(learner.email + email.salt).digest("hex")}`);
  expect(JSON.stringify(vc)).not.toContain(learner.email);
  // the achievement, in the learner's language (Arabic), with the course's other language related
  const achievement = subject.achievement;
  expect(achievement.type).toContain("Achievement");
  expect(achievement).toMatchObject({ achievementType: "Certificate", inLanguage: "ar", version: expect.any(String) });
  expect(achievement.name).toBe("شهادة إتمام: حقوق الإنسان في عشر دقائق");
  expect(achievement.description.length).toBeGreaterThan(0);
  expect(achievement.criteria.narrative.length).toBeGreaterThan(0);
  expect(achievement.related).toContainEqual(expect.objectContaining({ type: ["Related"], inLanguage: "en" }));
  expect(achievement.image).toMatchObject({ id: `${ORIGIN}/badges/short-course.png`, type: "Image" });
  const image = await request.get(achievement.image.id);
  expect(image.status()).toBe(200);
  expect(image.headers()["content-type"]).toBe("image/png");
  expect(vc.credentialSchema).toContainEqual({ id: "https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json", type: "1EdTechJsonSchemaValidator2019" });
  // the status entry
  expect(vc.credentialStatus).toMatchObject({ type: "BitstringStatusListEntry", statusPurpose: "revocation", statusListIndex: expect.stringMatching(/^\d+$/) });
  expect(vc.credentialStatus.statusListCredential).toMatch(new RegExp(`^${ORIGIN}/credentials/status/\\d+$`));
  expect(await revokedPerStatusList(request, vc, did)).toBe(false);

  // tampering is caught
  const [h, p, s] = savedJws.split(".");
  const forged = JSON.parse(Buffer.from(p, "base64url").toString());
  forged.credentialSubject.identifier[0].identityHash = "Someone Else";
  await expect(verifyOpenBadge(request, `${h}.${Buffer.from(JSON.stringify(forged)).toString("base64url")}.${s}`)).rejects.toThrow();
});

test("the verification answers JSON, with the page's claims, and ids in any case", async ({ request }) => {
  for (const response of [
    await request.get(`/verify/${certificateId.toUpperCase()}.json`),
    await request.get(`/verify/${certificateId}`, { headers: { Accept: "application/json" } }),
  ]) {
    expect(response.status()).toBe(200);
    expect(response.headers()["content-type"]).toContain("application/json");
    const body = await response.json();
    expect(Object.keys(body).sort()).toEqual(["checkedAt", "course", "expiresAt", "holder", "id", "issuedAt", "issuer", "revokedAt", "status"]);
    expect(body).toMatchObject({ id: certificateId, status: "valid", holder: { name: learner.name }, issuer: { name: "Demo Academy for Local Human Rights" }, revokedAt: null });
    expect(body.course).toMatchObject({ title: "Human rights in ten minutes", version: expect.any(Number) });
  }
  const unknown = await request.get(`/verify/${newId()}.json`);
  expect(unknown.status()).toBe(404);
  expect(await unknown.json()).toMatchObject({ status: "unknown" });
  // a browser still gets the page, whatever the case of the id
  const page = await request.get(`/verify/${certificateId.toUpperCase()}`, { headers: { Accept: "text/html,application/xhtml+xml,application/json;q=0.9" } });
  expect(page.headers()["content-type"]).toContain("text/html");
});

test("the download buttons read well and pass axe in Arabic", async ({ page }) => {
  await signIn(page, learner.email);
  await visit(page, `/certificates/${certificateId}?lng=ar`);
  await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
  await expect(page.getByRole("link", { name: "تنزيل صورة الشارة المتضمّنة بيانات الاعتماد (PNG)" })).toBeVisible();
  await expectAccessible(page);
});

test("after a revocation through the page, the offline copy reads as revoked to the verifier", async ({ page, request }) => {
  await signIn(page, "manager@demo.test");
  await visit(page, `/certificates/${certificateId}?lng=en`);
  await page.locator("#field-reason").fill("Completion recorded by mistake.");
  await page.getByRole("button", { name: "Revoke the certificate" }).click();
  await expect(page.getByRole("status")).toHaveText("The certificate has been revoked.");

  // the copy taken before still carries a valid signature…
  const { did, vc } = await verifyOpenBadge(request, savedJws);
  // …and its status list now says revoked
  expect(await revokedPerStatusList(request, vc, did)).toBe(true);
  const answer = await (await request.get(`/verify/${certificateId}.json`)).json();
  expect(answer.status).toBe("revoked");
});
