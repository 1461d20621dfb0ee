// A large, realistic dataset for measuring the municipal reports (see scripts/bench-reports.ts and
// docs/performance.md). Never run it on a database you care about: it adds ~100,000 people.
//
//   DATABASE_URL=file:./bench.db npx prisma migrate deploy
//   DATABASE_URL=file:./bench.db npx tsx scripts/seed-large.ts [--learners 100000] [--municipalities 100] [--courses 20]
//
// Municipalities differ in size as real ones do (a few large cities, many small towns: sizes follow
// 1/rank^0.8, from ~12,000 down to ~300 for the defaults). Each has 8 departments; each department is
// assigned 5 of the courses with due dates from 200 days ago to 150 days ahead (a third with
// recertification), plus individual assignments. Learners enrol in most assigned courses and a few
// others; 60 % of enrolments are completed (over the last three years, more of them recently), with
// lesson progress, quiz attempts and certificates (24-month validity for 12 of the courses).
import Database from "better-sqlite3";
import pg from "pg";
import { databaseUrl, isPostgres, openDb, type Db } from "../app/db.server.ts";
import { seedDemo, DEMO_PASSWORD } from "../app/demo/demo-data.server.ts";
import { hashPassword } from "../app/auth/hash.server.ts";
import { newId } from "../app/ids.ts";
import { ensureCourse } from "../app/organizations/fixtures.server.ts";
import { addMonths } from "../app/dates.ts";
import { rebuildReportSummaries } from "../app/organizations/summary.server.ts";

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}
const LEARNERS = arg("learners", 100_000);
const MUNICIPALITIES = arg("municipalities", 100);
const COURSES = arg("courses", 20);
const MODULES = 4;
const LESSONS_PER_MODULE = 2;
const DEPARTMENTS = ["Urban Planning", "Social Services", "Public Works", "Housing", "Finance", "Education", "Health", "Civil Registry"];
const DAY = 86_400_000;

let seed = 42;
const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
const pick = <T,>(list: readonly T[]) => list[Math.floor(random() * list.length)];
const sample = <T,>(list: readonly T[], n: number) => [...list].sort(() => random() - 0.5).slice(0, n);

const GIVEN = ["Amina", "Omar", "Li", "Wei", "Ana", "Carlos", "Olga", "Ivan", "Fatou", "Marie", "José", "Yuki", "Sara", "Nadia", "Pierre", "Elena", "محمد", "فاطمة", "李", "王", "Анна", "Сергей", "Lucía", "Ahmed"];
const FAMILY = ["Haddad", "Méndez", "Petrova", "Chen", "Diallo", "Dubois", "García", "Ivanov", "Kowalski", "Nguyen", "Okafor", "Rossi", "Silva", "Tanaka", "الخطيب", "حسن", "张", "刘", "Смирнов", "Кузнецова", "López", "Martin"];
const LOCALES = ["en", "fr", "es", "ar", "ru", "zh"];

function sizes(total: number, count: number): number[] {
  const weights = Array.from({ length: count }, (_, i) => 1 / (i + 1) ** 0.8);
  const sum = weights.reduce((a, b) => a + b, 0);
  const result = weights.map((w) => Math.max(1, Math.floor((w / sum) * total)));
  result[0] += total - result.reduce((a, b) => a + b, 0);
  return result;
}

// Bulk rows go straight to the database driver: Prisma's createMany manages ~4,000 rows a second here
// (its query engine maps every field), which would make 3.5 million rows take a quarter of an hour.
// Values are written exactly as Prisma writes them (dates as UTC ISO text in SQLite and as UTC
// timestamps in PostgreSQL, booleans as 1/0 in SQLite, JSON as text).
type Row = Record<string, unknown>;
const counts: Record<string, number> = {};
const url = databaseUrl();
const sqlite = isPostgres() ? null : (new Database(url.replace(/^file:/, "")) as unknown as SqliteDriver);
const pool = isPostgres() ? new pg.Pool({ connectionString: url, max: 1 }) : null;
type SqliteDriver = { prepare(sql: string): { run(...values: unknown[]): void }; transaction(fn: () => void): () => void; pragma(p: string): void; close(): void };

function sqlValue(value: unknown): unknown {
  if (value instanceof Date) return sqlite ? value.toISOString().replace("Z", "+00:00") : value.toISOString().slice(0, 23);
  if (typeof value === "boolean") return sqlite ? (value ? 1 : 0) : value;
  if (value !== null && typeof value === "object") return JSON.stringify(value);
  return value ?? null;
}

async function insert(table: string, rows: Row[]) {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0]);
  const names = columns.map((c) => `"${c}"`).join(", ");
  if (sqlite) {
    const statement = sqlite.prepare(`INSERT INTO "${table}" (${names}) VALUES (${columns.map(() => "?").join(", ")})`);
    sqlite.transaction(() => {
      for (const row of rows) statement.run(...columns.map((c) => sqlValue(row[c])));
    })();
  } else {
    const per = Math.floor(60_000 / columns.length);
    for (let i = 0; i < rows.length; i += per) {
      const chunk = rows.slice(i, i + per);
      let n = 0;
      const values = chunk.map(() => `(${columns.map(() => `$${++n}`).join(", ")})`).join(", ");
      await pool!.query(`INSERT INTO "${table}" (${names}) VALUES ${values}`, chunk.flatMap((row) => columns.map((c) => sqlValue(row[c]))));
    }
  }
  counts[table] = (counts[table] ?? 0) + rows.length;
}

async function main(db: Db) {
  if (await db.organization.findUnique({ where: { slug: "bench-001" } })) {
    console.log("The large dataset is already there (organization bench-001 exists): nothing to do.");
    return;
  }
  // a throwaway benchmark database: speed over durability while loading
  sqlite?.pragma("journal_mode = WAL");
  sqlite?.pragma("synchronous = OFF");
  const started = Date.now();
  const { orgIds } = await seedDemo(db);
  const courses: { id: string; versionId: string; validity: number | null }[] = [];
  for (let c = 0; c < COURSES; c++) {
    const validity = c < 12 ? 24 : null;
    const { courseId, versionId } = await ensureCourse({
      slug: `bench-course-${String(c + 1).padStart(2, "0")}`,
      academyId: orgIds.academy,
      title: { en: `Benchmark course ${c + 1}`, fr: `Cours de mesure ${c + 1}`, ar: `دورة القياس ${c + 1}` },
      modules: MODULES,
      lessons: LESSONS_PER_MODULE,
      validityMonths: validity ?? undefined,
    }, db);
    courses.push({ id: courseId, versionId, validity });
  }
  const passwordHash = await hashPassword(DEMO_PASSWORD); // one hash for everyone: hashing 100,000 would take hours
  const now = Date.now();
  const lessonKeys = Array.from({ length: MODULES }, (_, m) => Array.from({ length: LESSONS_PER_MODULE }, (_, l) => ({ module: `module-${m + 1}`, lesson: `m${m + 1}-lesson-${l + 1}` }))).flat();
  const plan = sizes(LEARNERS, MUNICIPALITIES);

  for (let o = 0; o < MUNICIPALITIES; o++) {
    const slug = `bench-${String(o + 1).padStart(3, "0")}`;
    const orgId = newId();
    await insert("Organization", [{ id: orgId, slug, name: `Municipality ${o + 1} (benchmark)`, kind: "MUNICIPALITY", createdAt: new Date() }]);
    const departments = DEPARTMENTS.map((name) => ({ id: newId(), organizationId: orgId, name }));
    await insert("Department", departments);

    const users: { id: string; email: string; name: string; locale: string; passwordHash: string }[] = [];
    const memberships: { id: string; userId: string; organizationId: string; role: "LEARNER" | "MANAGER"; departmentId: string | null; status: "ACTIVE" | "DEACTIVATED" }[] = [];
    const managerId = newId();
    users.push({ id: managerId, email: `manager@${slug}.test`, name: `Manager of ${slug}`, locale: "en", passwordHash });
    memberships.push({ id: newId(), userId: managerId, organizationId: orgId, role: "MANAGER", departmentId: departments[0].id, status: "ACTIVE" });
    const learners: { id: string; name: string; departmentId: string | null }[] = [];
    for (let i = 0; i < plan[o]; i++) {
      const id = newId();
      const name = `${pick(GIVEN)} ${pick(FAMILY)}`;
      const departmentId = random() < 0.04 ? null : pick(departments).id;
      users.push({ id, email: `${slug}-${i}@example.org`, name, locale: pick(LOCALES), passwordHash });
      memberships.push({ id: newId(), userId: id, organizationId: orgId, role: "LEARNER", departmentId, status: random() < 0.03 ? "DEACTIVATED" : "ACTIVE" });
      learners.push({ id, name, departmentId });
    }
    const created = new Date();
    await insert("User", users.map((u) => ({ ...u, createdAt: created, updatedAt: created })));
    await insert("Membership", memberships.map((m) => ({ ...m, createdAt: created })));

    // assignments: 5 courses per department, and a few individual ones
    const assignments: { id: string; organizationId: string; courseId: string; userId: string | null; departmentId: string | null; dueAt: Date; recertifyMonths: number | null; createdById: string }[] = [];
    const assignedByDepartment = new Map<string, Set<string>>();
    for (const d of departments) {
      const chosen = sample(courses, 5);
      assignedByDepartment.set(d.id, new Set(chosen.map((c) => c.id)));
      for (const c of chosen) {
        const roll = random();
        assignments.push({
          id: newId(),
          organizationId: orgId,
          courseId: c.id,
          userId: null,
          departmentId: d.id,
          dueAt: new Date(now + Math.round(random() * 350 - 200) * DAY),
          recertifyMonths: roll < 0.2 ? 12 : roll < 0.33 ? 24 : null,
          createdById: managerId,
        });
      }
    }
    for (let i = 0; i < Math.ceil(plan[o] / 50); i++) {
      assignments.push({ id: newId(), organizationId: orgId, courseId: pick(courses).id, userId: pick(learners).id, departmentId: null, dueAt: new Date(now + Math.round(random() * 200 - 60) * DAY), recertifyMonths: null, createdById: managerId });
    }
    await insert("Assignment", assignments.map((a) => ({ ...a, createdAt: created })));

    // enrolments with progress, attempts and certificates
    const enrolments: { id: string; userId: string; courseId: string; courseVersionId: string; enrolledAt: Date; lastActivityAt: Date; lastLessonKey: string | null; completedAt: Date | null }[] = [];
    const lessons: { id: string; enrolmentId: string; moduleKey: string; lessonKey: string; firstCompletedAt: Date; lastCompletedAt: Date; lastVisitedAt: Date; timeSpentSeconds: number }[] = [];
    const attempts: { id: string; enrolmentId: string; userId: string; moduleKey: string; quizKey: string; attemptNumber: number; questionKeys: string[]; optionOrder: object; answers: object; score: number; passed: boolean; startedAt: Date; submittedAt: Date }[] = [];
    const certificates: { id: string; userId: string; enrolmentId: string; courseId: string; courseVersion: number; holderName: string; courseTitle: object; issuerName: string; issuedAt: Date; expiresAt: Date | null; revokedAt: Date | null; credential: string }[] = [];
    for (const learner of learners) {
      const assigned = learner.departmentId ? assignedByDepartment.get(learner.departmentId)! : new Set<string>();
      const chosen = courses.filter((c) => (assigned.has(c.id) ? random() < 0.85 : random() < 0.08));
      for (const course of chosen) {
        const enrolmentId = newId();
        const enrolledAt = new Date(now - Math.round(random() ** 1.5 * 1100) * DAY);
        const completed = random() < 0.6;
        const completedAt = completed ? new Date(Math.min(now, enrolledAt.getTime() + Math.round(random() * 40) * DAY)) : null;
        const done = completed ? lessonKeys.length : Math.floor(random() * lessonKeys.length);
        const last = completedAt ?? new Date(enrolledAt.getTime() + Math.round(random() * 30) * DAY);
        enrolments.push({ id: enrolmentId, userId: learner.id, courseId: course.id, courseVersionId: course.versionId, enrolledAt, lastActivityAt: last, lastLessonKey: done ? lessonKeys[done - 1].lesson : null, completedAt });
        for (let l = 0; l < done; l++) {
          const at = new Date(enrolledAt.getTime() + l * 3_600_000);
          lessons.push({ id: newId(), enrolmentId, moduleKey: lessonKeys[l].module, lessonKey: lessonKeys[l].lesson, firstCompletedAt: at, lastCompletedAt: at, lastVisitedAt: at, timeSpentSeconds: 300 + Math.floor(random() * 900) });
        }
        const modulesDone = completed ? MODULES : Math.floor(done / LESSONS_PER_MODULE);
        for (let m = 0; m < modulesDone; m++) {
          const failedFirst = random() < 0.25;
          for (let a = 1; a <= (failedFirst ? 2 : 1); a++) {
            const at = new Date(enrolledAt.getTime() + (m + 1) * 7_200_000 + a * 600_000);
            const passed = a === (failedFirst ? 2 : 1);
            attempts.push({ id: newId(), enrolmentId, userId: learner.id, moduleKey: `module-${m + 1}`, quizKey: `m${m + 1}-quiz`, attemptNumber: a, questionKeys: ["q1", "q2", "q3", "q4"], optionOrder: {}, answers: {}, score: passed ? 75 + Math.floor(random() * 26) : 25 + Math.floor(random() * 40), passed, startedAt: at, submittedAt: new Date(at.getTime() + 300_000) });
          }
        }
        if (completedAt) {
          certificates.push({
            id: newId(),
            userId: learner.id,
            enrolmentId,
            courseId: course.id,
            courseVersion: 1,
            holderName: learner.name,
            courseTitle: { en: "Benchmark course" },
            issuerName: "Demo Academy for Local Human Rights",
            issuedAt: completedAt,
            expiresAt: course.validity ? addMonths(completedAt, course.validity) : null,
            revokedAt: random() < 0.005 ? new Date(now - 10 * DAY) : null,
            credential: "benchmark",
          });
        }
      }
    }
    await insert("Enrolment", enrolments);
    await insert("LessonProgress", lessons);
    await insert("QuizAttempt", attempts);
    await insert("Certificate", certificates);
    if ((o + 1) % 10 === 0 || o === 0) {
      console.log(`${o + 1}/${MUNICIPALITIES} municipalities (${plan[o]} learners in ${slug}), ${Math.round((Date.now() - started) / 1000)} s`);
    }
  }
  // the municipal reports' summary (the rows above went in around the app's area functions)
  const summaryStarted = Date.now();
  await rebuildReportSummaries(db);
  console.log(`Reports summary rebuilt in ${Math.round((Date.now() - summaryStarted) / 1000)} s`);
  // Fresh statistics for the query planners (both databases). On PostgreSQL, VACUUM also marks the
  // freshly loaded pages all-visible, so that the reports' covering indexes are read without visiting
  // the table (index-only scans), as they are on a database that autovacuum keeps.
  await db.$executeRawUnsafe(isPostgres() ? "VACUUM ANALYZE" : "ANALYZE");
  console.log(`Done in ${Math.round((Date.now() - started) / 1000)} s:`, counts);
  console.log(`Largest: bench-001 (${plan[0]} learners), smallest: bench-${String(MUNICIPALITIES).padStart(3, "0")} (${plan[plan.length - 1]}). Managers: manager@bench-NNN.test, password ${DEMO_PASSWORD}.`);
}

const db = await openDb(url);
try {
  await main(db);
} finally {
  await db.$disconnect();
  sqlite?.close();
  await pool?.end();
}
