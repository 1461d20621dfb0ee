// Access control, generated: for EVERY route module in app/routes, each role — signed out, learner of
// the demo municipality, its manager, the manager of another municipality, an academy author, the
// platform administrator — gets the expected status. A route file missing from the table fails the
// first test, so a new route cannot ship without saying who may use it.
//
// 200 = allowed, 302 = redirected (to sign in, or away from a page for signed-out people), 404 = not
// found (another tenant's record, or a role without access: never 403, which would confirm it exists).
import { readdirSync } from "node:fs";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { openDb } from "../../app/db.server";
import { DEMO_PASSWORD } from "./helpers";

const ROLES = ["anonymous", "learner", "manager", "otherManager", "author", "admin"] as const;
type Role = (typeof ROLES)[number];
const ACCOUNTS: Record<Exclude<Role, "anonymous">, string> = {
  learner: "learner@demo.test", // City of Riverside, Urban Planning
  manager: "manager@demo.test", // City of Riverside
  otherManager: "manager2@demo.test", // Town of Lakeside
  author: "author@demo.test",
  admin: "admin@demo.test",
};

type Ids = { learnerId: string; otherManagerId: string; certificateId: string; otherCertificateId: string; draft: DraftKeys; calendarToken: string };
type DraftKeys = { moduleKey: string; lessonKey: string; questionKey: string };
type Case = { method?: "GET" | "POST"; path: (ids: Ids) => string; form?: Record<string, string>; expect: Record<Role, number> };

const all = (status: number): Record<Role, number> => ({ anonymous: status, learner: status, manager: status, otherManager: status, author: status, admin: status });
const signedIn = (status: number, anonymous = 302): Record<Role, number> => ({ ...all(status), anonymous });
/** Riverside's manager only; every other signed-in role gets 404, signed-out people go to sign in. */
const riversideManager = (ok = 200): Record<Role, number> => ({ ...signedIn(404), manager: ok });
const lakesideManager = (ok = 200): Record<Role, number> => ({ ...signedIn(404), otherManager: ok });

/** The demo academy's author only. */
const academyAuthor = (ok = 200): Record<Role, number> => ({ ...signedIn(404), author: ok });
const DRAFTED = "procurement-and-labour-standards";

// Course pages of the learning area (tests/fixtures/courses/short-course is in the e2e database).
const LESSON = "/courses/short-course/essentials/rights-holders";
const QUIZ = "/courses/short-course/essentials/quiz";

const table: Record<string, Case[]> = {
  "$.tsx": [{ path: () => "/no-such-page", expect: all(404) }],
  "_index.tsx": [{ path: () => "/", expect: all(200) }],
  "about.tsx": [{ path: () => "/about", expect: all(200) }],
  "healthz.ts": [{ path: () => "/healthz", expect: all(200) }],
  // interface strings for the browser, public like the pages that show them
  "i18n.$locale.$namespace.ts": [
    { path: () => "/i18n/ar/learning", expect: all(200) },
    { path: () => "/i18n/xx/learning", expect: all(404) },
    { path: () => "/i18n/en/no-such-namespace", expect: all(404) },
  ],
  "login.tsx": [{ path: () => "/login", expect: { ...signedIn(302), anonymous: 200 } }],
  "register.tsx": [{ path: () => "/register", expect: { ...signedIn(302), anonymous: 200 } }],
  // the emailed registration link: a link that is not a live token is 404 for everyone
  "register_.confirm.$token.tsx": [
    { path: () => "/register/confirm/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", expect: all(404) },
    { method: "POST", path: () => "/register/confirm/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", expect: all(404) },
  ],
  "logout.tsx": [{ path: () => "/logout", expect: all(302) }],
  "account.tsx": [{ path: () => "/account", expect: signedIn(200) }],
  // password reset: the same page for everyone; a link that is not a live token is 404
  "forgot-password.tsx": [{ path: () => "/forgot-password", expect: all(200) }],
  "reset-password.$token.tsx": [{ path: () => "/reset-password/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", expect: all(404) }],

  // learning (the lead's area)
  "courses._index.tsx": [{ path: () => "/courses", expect: all(200) }],
  "courses.$slug._index.tsx": [
    { path: () => "/courses/short-course", expect: all(200) },
    { path: () => "/courses/no-such-course", expect: all(404) },
  ],
  // lessons and quizzes are for enrolled learners; anyone else is sent to the course page (or to sign
  // in). The learner and the other manager are enrolled in short-course (see certificateOf below).
  "courses.$slug.$moduleKey.$lessonKey.tsx": [
    { path: () => LESSON, expect: { ...signedIn(302), learner: 200, otherManager: 200 } },
    { path: () => "/courses/short-course/essentials/no-such-lesson", expect: { ...signedIn(302), learner: 404, otherManager: 404 } },
  ],
  "courses.$slug.$moduleKey.quiz.tsx": [{ path: () => QUIZ, expect: { ...signedIn(302), learner: 200, otherManager: 200 } }],
  "learning._index.tsx": [{ path: () => "/learning", expect: signedIn(200) }],
  // course reference pages: public like the course page (a glossary and the tools help decide to enrol)
  "courses.$slug.glossary.tsx": [
    { path: () => "/courses/short-course/glossary", expect: all(200) },
    { path: () => "/courses/no-such-course/glossary", expect: all(404) },
  ],
  "courses.$slug.$moduleKey.tools.$toolKey.tsx": [
    { path: () => "/courses/short-course/essentials/tools/service-checklist", expect: all(200) },
    { path: () => "/courses/short-course/essentials/tools/no-such-tool", expect: all(404) },
  ],
  "courses.$slug.$moduleKey.tools.$toolKey_.download.$format.ts": [
    { path: () => "/courses/short-course/essentials/tools/service-checklist/download/html", expect: all(200) },
    { path: () => "/courses/short-course/essentials/tools/service-checklist/download/md", expect: all(200) },
    { path: () => "/courses/short-course/essentials/tools/service-checklist/download/exe", expect: all(404) },
  ],

  // certificates: the holder, a manager of the holder's municipality, the authors of the issuing
  // academy (short-course is the demo academy's: they may revoke, docs/certificates.md "Who may
  // revoke"), the platform administrator; public verification for anyone
  "certificates._index.tsx": [{ path: () => "/certificates", expect: signedIn(200) }],
  "certificates.$id.tsx": [
    { path: (ids) => `/certificates/${ids.certificateId}`, expect: { ...signedIn(404), learner: 200, manager: 200, author: 200, admin: 200 } },
    { path: (ids) => `/certificates/${ids.otherCertificateId}`, expect: { ...signedIn(404), otherManager: 200, author: 200, admin: 200 } },
    { path: () => "/certificates/no-such-certificate", expect: signedIn(404) },
  ],
  "certificates.$id[.]json.ts": [
    { path: (ids) => `/certificates/${ids.certificateId}.json`, expect: { ...signedIn(404), learner: 200, manager: 200, author: 200, admin: 200 } },
  ],
  "certificates.$id[.]jwt.ts": [
    { path: (ids) => `/certificates/${ids.certificateId}.jwt`, expect: { ...signedIn(404), learner: 200, manager: 200, author: 200, admin: 200 } },
  ],
  "certificates.$id[.]png.ts": [
    { path: (ids) => `/certificates/${ids.certificateId}.png`, expect: { ...signedIn(404), learner: 200, manager: 200, author: 200, admin: 200 } },
  ],
  // public, no account: the verification as JSON, badge images, revocation lists (docs/certificates.md)
  "verify.$id[.]json.ts": [
    { path: (ids) => `/verify/${ids.certificateId}.json`, expect: all(200) },
    { path: () => "/verify/no-such-certificate.json", expect: all(404) },
  ],
  "badges.$slug[.]png.ts": [
    { path: () => "/badges/short-course.png", expect: all(200) },
    { path: () => "/badges/no-such-course.png", expect: all(404) },
  ],
  "credentials.status.$list.ts": [
    { path: () => "/credentials/status/1", expect: all(200) },
    { path: () => "/credentials/status/999999", expect: all(404) },
    { path: () => "/credentials/status/x", expect: all(404) },
  ],
  "certificates.$id[.]pdf.ts": [
    { path: (ids) => `/certificates/${ids.certificateId}.pdf`, expect: { ...signedIn(404), learner: 200, manager: 200, author: 200, admin: 200 } },
  ],
  "verify._index.tsx": [{ path: () => "/verify", expect: all(200) }],
  "verify.$id.tsx": [
    { path: (ids) => `/verify/${ids.certificateId}`, expect: all(200) },
    { path: () => "/verify/no-such-certificate", expect: all(404) },
  ],
  "[.well-known].did[.]json.ts": [{ path: () => "/.well-known/did.json", expect: all(200) }],
  // a private calendar feed: its secret address is the key (calendar apps have no session), so whoever
  // has it reads it; any other address, a renewed one included, is 404 (docs/integrations.md)
  "calendar.$token.ts": [
    { path: (ids) => `/calendar/${ids.calendarToken}.ics`, expect: all(200) },
    { path: () => "/calendar/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA.ics", expect: all(404) },
    { path: () => "/calendar/not-a-token", expect: all(404) },
  ],
  "[.well-known].jwks[.]json.ts": [{ path: () => "/.well-known/jwks.json", expect: all(200) }],

  // municipalities (this area)
  "manage.$org.tsx": [
    { path: () => "/manage/riverside", expect: riversideManager() },
    { path: () => "/manage/lakeside", expect: lakesideManager() },
    { path: () => "/manage/demo-academy", expect: signedIn(404) },
    { path: () => "/manage/no-such-town", expect: signedIn(404) },
  ],
  "manage.$org._index.tsx": [
    { path: () => "/manage/riverside?status=overdue", expect: riversideManager() },
    { path: () => "/manage/lakeside?department=x", expect: lakesideManager() },
  ],
  "manage.$org.staff._index.tsx": [
    { path: () => "/manage/riverside/staff", expect: riversideManager() },
    { path: () => "/manage/lakeside/staff", expect: lakesideManager() },
  ],
  "manage.$org.staff.$userId.tsx": [
    { path: (ids) => `/manage/riverside/staff/${ids.learnerId}`, expect: riversideManager() },
    // another municipality's person through one's own municipality: 404, whatever the id
    { path: (ids) => `/manage/lakeside/staff/${ids.learnerId}`, expect: signedIn(404) },
    { path: (ids) => `/manage/riverside/staff/${ids.otherManagerId}`, expect: signedIn(404) },
    { path: () => "/manage/riverside/staff/no-such-person", expect: signedIn(404) },
    { method: "POST", path: (ids) => `/manage/riverside/staff/${ids.learnerId}`, form: { intent: "nonsense" }, expect: riversideManager(400) },
    { method: "POST", path: (ids) => `/manage/lakeside/staff/${ids.learnerId}`, form: { intent: "deactivate" }, expect: signedIn(404) },
    // a quiz override (app/learning/overrides.server.ts): Riverside's manager gets a form error for a
    // missing reason; nobody else reaches the person (404)
    { method: "POST", path: (ids) => `/manage/riverside/staff/${ids.learnerId}`, form: { intent: "quizOverride", quizKey: "essentials-quiz", overrideAction: "extra" }, expect: riversideManager(400) },
    { method: "POST", path: (ids) => `/manage/lakeside/staff/${ids.learnerId}`, form: { intent: "quizOverride", quizKey: "essentials-quiz", overrideAction: "extra", reason: "not theirs" }, expect: signedIn(404) },
  ],
  "manage.$org.invite.tsx": [
    { path: () => "/manage/riverside/invite", expect: riversideManager() },
    { method: "POST", path: () => "/manage/riverside/invite", form: { intent: "preview", source: "list", list: "" }, expect: riversideManager(400) },
    { method: "POST", path: () => "/manage/lakeside/invite", form: { intent: "revoke", invitationId: "no-such-invitation" }, expect: lakesideManager(404) },
  ],
  "manage.$org.assignments.tsx": [
    { path: () => "/manage/riverside/assignments", expect: riversideManager() },
    { method: "POST", path: () => "/manage/riverside/assignments", form: { intent: "assign" }, expect: riversideManager(400) },
    { method: "POST", path: () => "/manage/riverside/assignments", form: { intent: "cancel", assignmentId: "no-such-assignment" }, expect: riversideManager(404) },
  ],
  "manage.$org.audit.tsx": [{ path: () => "/manage/riverside/audit", expect: riversideManager() }],
  "manage.$org.export.$kind.ts": [
    { path: () => "/manage/riverside/export/completions.csv", expect: riversideManager() },
    { path: () => "/manage/riverside/export/certificates.csv?course=x", expect: riversideManager() },
    { path: () => "/manage/lakeside/export/completions.csv", expect: lakesideManager() },
    { path: () => "/manage/riverside/export/passwords.csv", expect: signedIn(404) },
  ],
  "admin._index.tsx": [
    { path: () => "/admin", expect: { ...signedIn(404), admin: 200 } },
    { method: "POST", path: () => "/admin", form: { intent: "create" }, expect: { ...signedIn(404), admin: 400 } },
  ],
  // authoring: export and import of course zips (an academy's authors; the platform admin is not one)
  "author.import.tsx": [
    { path: () => "/author/import", expect: { ...signedIn(404), author: 200 } },
    { method: "POST", path: () => "/author/import", form: { academy: "no-such-academy" }, expect: { ...signedIn(404), author: 400 } },
  ],
  "author.courses.$slug.versions.$version.export[.]zip.ts": [
    { path: () => "/author/courses/short-course/versions/1/export.zip", expect: { ...signedIn(404), author: 200 } },
    { path: () => "/author/courses/short-course/versions/99/export.zip", expect: signedIn(404) },
    { path: () => "/author/courses/short-course/versions/first/export.zip", expect: signedIn(404) },
    { path: () => "/author/courses/no-such-course/versions/1/export.zip", expect: signedIn(404) },
  ],
  // item statistics of a course version (the academy's authors; the platform admin is not one)
  "author.courses.$slug.versions.$version.statistics.tsx": [
    { path: () => "/author/courses/short-course/versions/1/statistics", expect: academyAuthor() },
    { path: () => "/author/courses/short-course/versions/1/statistics?quiz=essentials", expect: academyAuthor() },
    { path: () => "/author/courses/short-course/versions/1/statistics?quiz=no-such-module", expect: signedIn(404) },
    { path: () => "/author/courses/short-course/versions/99/statistics", expect: signedIn(404) },
    { path: () => "/author/courses/short-course/versions/first/statistics", expect: signedIn(404) },
    { path: () => "/author/courses/no-such-course/versions/1/statistics", expect: signedIn(404) },
  ],
  "author.courses.$slug.versions.$version.statistics[.]csv.ts": [
    { path: () => "/author/courses/short-course/versions/1/statistics.csv", expect: academyAuthor() },
    { path: () => "/author/courses/short-course/versions/0/statistics.csv", expect: signedIn(404) },
  ],
  // notifications (app/notifications): one's own list and preferences; a municipality's delivery
  // status for its managers; the outbox for the platform administrator
  "notifications.tsx": [
    { path: () => "/notifications", expect: signedIn(200) },
    { method: "POST", path: () => "/notifications", form: { intent: "read", id: "no-such-notification" }, expect: signedIn(404) },
    { method: "POST", path: () => "/notifications", form: { intent: "nonsense" }, expect: signedIn(400) },
  ],
  "account_.notifications.tsx": [
    { path: () => "/account/notifications", expect: signedIn(200) },
    { method: "POST", path: () => "/account/notifications", form: { intent: "nonsense" }, expect: signedIn(400) },
  ],
  "manage.$org.notifications.tsx": [
    { path: () => "/manage/riverside/notifications?status=SENT&kind=ASSIGNED", expect: riversideManager() },
    { path: () => "/manage/lakeside/notifications", expect: lakesideManager() },
    { method: "POST", path: () => "/manage/riverside/notifications", form: { intent: "nonsense" }, expect: riversideManager(400) },
    // "Send again" of a notice that is not this municipality's (or none): 404 for everyone
    { method: "POST", path: () => "/manage/riverside/notifications", form: { intent: "resend", id: "no-such-notification" }, expect: signedIn(404) },
  ],
  // platform administration (issue 16): the layout with its menu, people, courses, single sign-on, the log
  "admin.tsx": [{ path: () => "/admin", expect: { ...signedIn(404), admin: 200 } }],
  "admin.users._index.tsx": [
    { path: () => "/admin/users", expect: { ...signedIn(404), admin: 200 } },
    { path: () => "/admin/users?q=%25&org=nonsense&status=nonsense&page=-1", expect: { ...signedIn(404), admin: 200 } },
  ],
  "admin.users.$id.tsx": [
    { path: (ids) => `/admin/users/${ids.learnerId}`, expect: { ...signedIn(404), admin: 200 } },
    { path: () => "/admin/users/no-such-user", expect: signedIn(404) },
    { method: "POST", path: (ids) => `/admin/users/${ids.learnerId}`, form: { intent: "nonsense" }, expect: { ...signedIn(404), admin: 400 } },
    { method: "POST", path: (ids) => `/admin/users/${ids.learnerId}`, form: { intent: "unlock" }, expect: { ...signedIn(404), admin: 200 } },
    { method: "POST", path: () => "/admin/users/no-such-user", form: { intent: "endSessions" }, expect: signedIn(404) },
  ],
  "admin.courses.tsx": [
    { path: () => "/admin/courses", expect: { ...signedIn(404), admin: 200 } },
    { method: "POST", path: () => "/admin/courses", form: { intent: "nonsense" }, expect: { ...signedIn(404), admin: 400 } },
    { method: "POST", path: () => "/admin/courses", form: { intent: "archive", versionId: "no-such-version" }, expect: signedIn(404) },
  ],
  "admin.audit.tsx": [{ path: () => "/admin/audit", expect: { ...signedIn(404), admin: 200 } }],
  "admin.sso._index.tsx": [{ path: () => "/admin/sso", expect: { ...signedIn(404), admin: 200 } }],
  "admin.sso.$org.tsx": [
    { path: () => "/admin/sso/riverside", expect: { ...signedIn(404), admin: 200 } },
    { path: () => "/admin/sso/no-such-municipality", expect: signedIn(404) },
    { method: "POST", path: () => "/admin/sso/riverside", form: { intent: "save", issuer: "ftp://idp.example.org" }, expect: { ...signedIn(404), admin: 400 } },
  ],
  // single sign-on (issue 16): the picker is for signed-out people; a municipality without single
  // sign-on has no start; a callback without this browser's attempt is refused (400) for everyone
  "sso._index.tsx": [{ path: () => "/sso", expect: { ...signedIn(302), anonymous: 200 } }],
  "sso.$org.start.ts": [{ path: () => "/sso/riverside/start", expect: all(404) }],
  "sso.callback.tsx": [{ path: () => "/sso/callback?code=x&state=y", expect: all(400) }],
  "account_.sso.tsx": [{ path: () => "/account/sso", expect: signedIn(200) }],
  "admin.outbox.tsx": [
    { path: () => "/admin/outbox", expect: { ...signedIn(404), admin: 200 } },
    { path: () => "/admin/outbox?open=no-such-message.eml", expect: signedIn(404) },
    { path: () => "/admin/outbox?open=..%2F..%2Fpackage.json", expect: signedIn(404) },
    { method: "POST", path: () => "/admin/outbox", form: { intent: "nonsense" }, expect: { ...signedIn(404), admin: 400 } },
    { method: "POST", path: () => "/admin/outbox", form: { intent: "resend", id: "no-such-notification" }, expect: signedIn(404) },
  ],
  // authoring (app/authoring/): the authors of the academy that owns the course (author@demo.test);
  // everyone else gets 404. DRAFTED is a demo course with an open draft (see draftOf below).
  "author._index.tsx": [{ path: () => "/author", expect: academyAuthor() }],
  "author.new.tsx": [
    { path: () => "/author/new", expect: academyAuthor() },
    { method: "POST", path: () => "/author/new", form: { slug: "" }, expect: academyAuthor(400) },
  ],
  "author.courses.$slug._index.tsx": [
    { path: () => `/author/courses/${DRAFTED}`, expect: academyAuthor() },
    { path: () => "/author/courses/no-such-course", expect: signedIn(404) },
    { method: "POST", path: () => `/author/courses/${DRAFTED}`, form: { intent: "nonsense" }, expect: academyAuthor(400) },
    // a quiz override by the academy's author: an email not enrolled is a form error; others get 404
    { method: "POST", path: () => "/author/courses/short-course", form: { intent: "quizOverride", quizKey: "essentials-quiz", overrideAction: "extra", reason: "second chance", email: "nobody@example.org" }, expect: academyAuthor(400) },
  ],
  "author.courses.$slug.edit.tsx": [
    { path: () => `/author/courses/${DRAFTED}/edit`, expect: academyAuthor() },
    // a published course without a draft: its authors see the published version and "start a new draft"
    { path: () => "/author/courses/short-course/edit", expect: academyAuthor() },
    { path: () => "/author/courses/no-such-course/edit", expect: signedIn(404) },
    { method: "POST", path: () => `/author/courses/${DRAFTED}/edit`, form: { intent: "nonsense", revision: "0" }, expect: academyAuthor(400) },
  ],
  "author.courses.$slug.modules.$moduleKey.tsx": [
    { path: (ids) => `/author/courses/${DRAFTED}/modules/${ids.draft.moduleKey}`, expect: academyAuthor() },
    { path: () => `/author/courses/${DRAFTED}/modules/no-such-module`, expect: signedIn(404) },
  ],
  "author.courses.$slug.lessons.$moduleKey.$lessonKey.tsx": [
    { path: (ids) => `/author/courses/${DRAFTED}/lessons/${ids.draft.moduleKey}/${ids.draft.lessonKey}?locale=ar`, expect: academyAuthor() },
    { method: "POST", path: (ids) => `/author/courses/${DRAFTED}/lessons/${ids.draft.moduleKey}/${ids.draft.lessonKey}`, form: { intent: "preview", markdown: "# x" }, expect: academyAuthor() },
  ],
  "author.courses.$slug.questions.$moduleKey.$questionKey.tsx": [
    { path: (ids) => `/author/courses/${DRAFTED}/questions/${ids.draft.moduleKey}/${ids.draft.questionKey}`, expect: academyAuthor() },
    { path: (ids) => `/author/courses/${DRAFTED}/questions/${ids.draft.moduleKey}/no-such-question`, expect: signedIn(404) },
  ],
  "author.courses.$slug.read.tsx": [
    { path: () => `/author/courses/${DRAFTED}/read?locale=fr`, expect: academyAuthor() },
    { path: () => "/author/courses/short-course/read?version=99", expect: signedIn(404) },
  ],
  "author.courses.$slug.translate.tsx": [
    { path: () => `/author/courses/${DRAFTED}/translate?to=fr`, expect: academyAuthor() },
    { path: () => "/author/courses/short-course/translate?to=fr", expect: academyAuthor() },
    // a save from a revision that never existed: refused as a conflict, nothing changes
    { method: "POST", path: () => `/author/courses/${DRAFTED}/translate?to=fr`, form: { intent: "translate", revision: "-1" }, expect: academyAuthor(409) },
  ],
  "invite.$token.tsx": [
    { path: () => "/invite/this-is-not-a-valid-invitation-token", expect: all(404) },
    { method: "POST", path: () => "/invite/this-is-not-a-valid-invitation-token", form: { intent: "create" }, expect: all(404) },
  ],
};

/** Route modules as Remix sees them (remix.config.js ignores dotfiles and tests). */
function routeFiles() {
  return readdirSync("app/routes").filter((f) => !f.startsWith(".") && !/\.test\.(ts|tsx)$/.test(f) && /\.(ts|tsx)$/.test(f));
}

test("every route module is in the access table (and nothing else is)", () => {
  const files = routeFiles().sort();
  expect(files.filter((f) => !(f in table)), "routes missing from tests/e2e/access-control.spec.ts").toEqual([]);
  expect(Object.keys(table).filter((f) => !files.includes(f)), "table entries without a route").toEqual([]);
});

test.describe("each role gets the expected status", () => {
  const contexts = {} as Record<Role, APIRequestContext>;
  let ids: Ids;

  test.beforeAll(async ({ playwright, baseURL }) => {
    for (const role of ROLES) {
      const context = await playwright.request.newContext({ baseURL });
      if (role !== "anonymous") {
        const response = await context.post("/login", { form: { email: ACCOUNTS[role], password: DEMO_PASSWORD }, headers: { Origin: baseURL! }, maxRedirects: 0 });
        expect(response.status(), `sign-in of ${role}`).toBe(302);
      }
      contexts[role] = context;
    }
    // ids straight from the throwaway database (the same URL as playwright.config.ts)
    const db = await openDb(process.env.E2E_DATABASE_URL ?? "file:./e2e.db");
    try {
      const user = (email: string) => db.user.findUniqueOrThrow({ where: { email }, select: { id: true } });
      const learner = await user(ACCOUNTS.learner);
      const otherManager = await user(ACCOUNTS.otherManager);
      ids = {
        learnerId: learner.id,
        otherManagerId: otherManager.id,
        certificateId: await certificateOf(db, learner.id),
        otherCertificateId: await certificateOf(db, otherManager.id),
        draft: await draftOf(db, DRAFTED),
        calendarToken: await (await import("../../app/calendar/feed.server")).renewFeed(learner.id, db),
      };
    } finally {
      await db.$disconnect();
    }
  });
  test.afterAll(async () => {
    for (const context of Object.values(contexts)) await context.dispose();
  });

  for (const [file, cases] of Object.entries(table)) {
    test(file, async ({ baseURL }) => {
      const failures: string[] = [];
      for (const c of cases) {
        const path = c.path(ids);
        for (const role of ROLES) {
          const context = contexts[role];
          const response =
            c.method === "POST"
              ? await context.post(path, { form: c.form ?? {}, headers: { Origin: baseURL! }, maxRedirects: 0 })
              : await context.get(path, { maxRedirects: 0 });
          if (response.status() !== c.expect[role]) failures.push(`${c.method ?? "GET"} ${path} as ${role}: ${response.status()}, expected ${c.expect[role]}`);
        }
      }
      expect(failures).toEqual([]);
    });
  }
});

/**
 * A certificate of this person, made directly in the e2e database when there is none, so that the
 * certificate routes can be checked for every role without running a whole course first.
 */
async function certificateOf(db: Awaited<ReturnType<typeof openDb>>, userId: string): Promise<string> {
  const existing = await db.certificate.findFirst({ where: { userId, revokedAt: null }, select: { id: true } });
  if (existing) return existing.id;
  const { issueCertificateForEnrolment } = await import("../../app/certificates/issue.server");
  const version = await db.courseVersion.findFirstOrThrow({ where: { status: "PUBLISHED", course: { slug: "short-course" } }, select: { id: true, courseId: true } });
  const enrolment = await db.enrolment.upsert({
    where: { userId_courseId: { userId, courseId: version.courseId } },
    update: { completedAt: new Date() },
    create: { id: `ac-${userId}`, userId, courseId: version.courseId, courseVersionId: version.id, completedAt: new Date() },
    select: { id: true },
  });
  return (await issueCertificateForEnrolment(enrolment.id, undefined, db)).id;
}

/** Keys inside a draft of the course, made from its published version when there is no draft yet. */
async function draftOf(db: Awaited<ReturnType<typeof openDb>>, slug: string): Promise<DraftKeys> {
  const { startDraft, workingVersion } = await import("../../app/authoring/drafts.server");
  const course = await db.course.findUniqueOrThrow({ where: { slug }, select: { id: true } });
  // writes beside the running server: on SQLite the transaction waits for the server's writes
  // (transactions begin IMMEDIATE, docs/deployment.md) instead of failing
  if (!(await workingVersion(course.id, db))) await startDraft(course.id, db);
  const { content } = (await workingVersion(course.id, db))!;
  const m = content.modules[0];
  return { moduleKey: m.key, lessonKey: m.lessons[0].key, questionKey: m.quiz.questions[0].key };
}
