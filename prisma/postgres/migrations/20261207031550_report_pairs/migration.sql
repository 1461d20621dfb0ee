-- CreateTable
CREATE TABLE "ReportPair" (
    "organizationId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "courseId" TEXT NOT NULL,
    "departmentId" TEXT,
    "dueAt" TIMESTAMP(3) NOT NULL,
    "need" INTEGER NOT NULL,
    "due0" TIMESTAMP(3),
    "due6" TIMESTAMP(3),
    "due12" TIMESTAMP(3),
    "due18" TIMESTAMP(3),
    "due24" TIMESTAMP(3),
    "due36" TIMESTAMP(3),
    "due48" TIMESTAMP(3),
    "due60" TIMESTAMP(3),
    "dueOnce" TIMESTAMP(3),
    "completedAt" TIMESTAMP(3),
    "certIssuedAt" TIMESTAMP(3),
    "certExpiresAt" TIMESTAMP(3),
    "certOutlived" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "ReportPair_pkey" PRIMARY KEY ("organizationId","userId","courseId")
);

-- CreateIndex
CREATE INDEX "ReportPair_organizationId_departmentId_courseId_idx" ON "ReportPair"("organizationId", "departmentId", "courseId");

-- CreateIndex
CREATE INDEX "ReportPair_userId_courseId_idx" ON "ReportPair"("userId", "courseId");

-- AddForeignKey
ALTER TABLE "ReportPair" ADD CONSTRAINT "ReportPair_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReportPair" ADD CONSTRAINT "ReportPair_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReportPair" ADD CONSTRAINT "ReportPair_courseId_fkey" FOREIGN KEY ("courseId") REFERENCES "Course"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Backfill (issue 19): the summary of the existing data, the same statement as `npm run reports:rebuild`
-- (app/organizations/summary.server.ts, refreshReportPairs with no scope) at the time of this migration.
INSERT INTO "ReportPair" ("organizationId", "userId", "courseId", "departmentId", "dueAt", "need", "due0", "due6", "due12", "due18", "due24", "due36", "due48", "due60", "dueOnce",
      "completedAt", "certIssuedAt", "certExpiresAt", "certOutlived")
    WITH reached AS (
      SELECT a."organizationId" AS org, m."userId" AS uid, m."departmentId" AS dep, a."courseId" AS cid, a."dueAt" AS due, CASE WHEN a."recertifyMonths" IS NULL THEN 100000
    WHEN a."recertifyMonths" IN (6, 12, 18, 24, 36, 48, 60) THEN a."recertifyMonths" ELSE 0 END AS need FROM "Assignment" a JOIN "Membership" m ON m."departmentId" = a."departmentId" WHERE m."organizationId" = a."organizationId" AND m."status" = 'ACTIVE'
      UNION ALL
      SELECT a."organizationId" AS org, m."userId" AS uid, m."departmentId" AS dep, a."courseId" AS cid, a."dueAt" AS due, CASE WHEN a."recertifyMonths" IS NULL THEN 100000
    WHEN a."recertifyMonths" IN (6, 12, 18, 24, 36, 48, 60) THEN a."recertifyMonths" ELSE 0 END AS need FROM "Assignment" a JOIN "Membership" m ON m."userId" = a."userId" WHERE m."organizationId" = a."organizationId" AND m."status" = 'ACTIVE'
    ),
    pairs AS (
      SELECT org, uid, dep, cid, MIN(due) AS due, MIN(need) AS need, MIN(CASE WHEN need = 0 THEN due END) AS "due0", MIN(CASE WHEN need = 6 THEN due END) AS "due6", MIN(CASE WHEN need = 12 THEN due END) AS "due12", MIN(CASE WHEN need = 18 THEN due END) AS "due18", MIN(CASE WHEN need = 24 THEN due END) AS "due24", MIN(CASE WHEN need = 36 THEN due END) AS "due36", MIN(CASE WHEN need = 48 THEN due END) AS "due48", MIN(CASE WHEN need = 60 THEN due END) AS "due60", MIN(CASE WHEN need = 100000 THEN due END) AS "dueOnce"
      FROM reached GROUP BY org, uid, dep, cid
    ),
    newest AS (
      SELECT c."userId" AS uid, c."courseId" AS cid, c."issuedAt" AS issued, c."expiresAt" AS expires,
        ROW_NUMBER() OVER (PARTITION BY c."userId", c."courseId" ORDER BY c."issuedAt" DESC, c."id") AS rank
      FROM "Certificate" c
      WHERE c."revokedAt" IS NULL AND EXISTS (SELECT 1 FROM pairs p WHERE p.uid = c."userId" AND p.cid = c."courseId")
    )
    SELECT p.org, p.uid, p.cid, p.dep, p.due, p.need, p."due0", p."due6", p."due12", p."due18", p."due24", p."due36", p."due48", p."due60", p."dueOnce",
      e."completedAt", n.issued, n.expires,
      CASE WHEN n.expires IS NOT NULL AND EXISTS (
        SELECT 1 FROM "Certificate" o
        WHERE o."userId" = p.uid AND o."courseId" = p.cid AND o."revokedAt" IS NULL AND (o."expiresAt" IS NULL OR o."expiresAt" > n.expires)
      ) THEN 1 ELSE 0 END
    FROM pairs p
    LEFT JOIN "Enrolment" e ON e."userId" = p.uid AND e."courseId" = p.cid
    LEFT JOIN newest n ON n.uid = p.uid AND n.cid = p.cid AND n.rank = 1;
