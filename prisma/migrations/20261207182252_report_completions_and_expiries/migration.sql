-- CreateTable
CREATE TABLE "ReportCompletion" (
    "organizationId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "courseId" TEXT NOT NULL,
    "departmentId" TEXT,
    "completedAt" DATETIME NOT NULL,

    PRIMARY KEY ("organizationId", "userId", "courseId"),
    CONSTRAINT "ReportCompletion_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ReportCompletion_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ReportCompletion_courseId_fkey" FOREIGN KEY ("courseId") REFERENCES "Course" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ReportExpiry" (
    "organizationId" TEXT NOT NULL,
    "certificateId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "courseId" TEXT NOT NULL,
    "departmentId" TEXT,
    "expiresAt" DATETIME NOT NULL,

    PRIMARY KEY ("organizationId", "certificateId"),
    CONSTRAINT "ReportExpiry_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ReportExpiry_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ReportExpiry_courseId_fkey" FOREIGN KEY ("courseId") REFERENCES "Course" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ReportExpiry_certificateId_fkey" FOREIGN KEY ("certificateId") REFERENCES "Certificate" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "ReportCompletion_organizationId_completedAt_courseId_departmentId_idx" ON "ReportCompletion"("organizationId", "completedAt", "courseId", "departmentId");

-- CreateIndex
CREATE INDEX "ReportCompletion_userId_courseId_idx" ON "ReportCompletion"("userId", "courseId");

-- CreateIndex
CREATE INDEX "ReportExpiry_organizationId_expiresAt_courseId_departmentId_idx" ON "ReportExpiry"("organizationId", "expiresAt", "courseId", "departmentId");

-- CreateIndex
CREATE INDEX "ReportExpiry_userId_courseId_idx" ON "ReportExpiry"("userId", "courseId");

-- CreateIndex
CREATE INDEX "ReportExpiry_certificateId_idx" ON "ReportExpiry"("certificateId");


-- Fill both summaries from the source tables (the same statements as refreshReportSummaries with no
-- scope in app/organizations/summary.server.ts, which `npm run reports:rebuild` runs at any time).
INSERT INTO "ReportCompletion" ("organizationId", "userId", "courseId", "departmentId", "completedAt")
    SELECT m."organizationId", m."userId", e."courseId", m."departmentId", e."completedAt"
    FROM "Membership" m JOIN "Enrolment" e ON e."userId" = m."userId"
    WHERE m."status" = 'ACTIVE' AND e."completedAt" IS NOT NULL;

INSERT INTO "ReportExpiry" ("organizationId", "certificateId", "userId", "courseId", "departmentId", "expiresAt")
    SELECT m."organizationId", c."id", m."userId", c."courseId", m."departmentId", c."expiresAt"
    FROM "Membership" m JOIN "Certificate" c ON c."userId" = m."userId"
    WHERE m."status" = 'ACTIVE' AND c."revokedAt" IS NULL AND c."expiresAt" IS NOT NULL
      AND NOT EXISTS (
        SELECT 1 FROM "Certificate" r
        WHERE r."userId" = c."userId" AND r."courseId" = c."courseId" AND r."id" <> c."id" AND r."revokedAt" IS NULL
          AND (r."expiresAt" IS NULL OR r."expiresAt" > c."expiresAt"));
