-- CreateTable
CREATE TABLE "JobWatermark" (
    "name" TEXT NOT NULL PRIMARY KEY,
    "at" DATETIME NOT NULL
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Assignment" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "organizationId" TEXT NOT NULL,
    "courseId" TEXT NOT NULL,
    "userId" TEXT,
    "departmentId" TEXT,
    "dueAt" DATETIME NOT NULL,
    "recertifyMonths" INTEGER,
    "createdById" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "changedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Assignment_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Assignment_courseId_fkey" FOREIGN KEY ("courseId") REFERENCES "Course" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Assignment_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Assignment_departmentId_fkey" FOREIGN KEY ("departmentId") REFERENCES "Department" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_Assignment" ("courseId", "createdAt", "createdById", "departmentId", "dueAt", "id", "organizationId", "recertifyMonths", "userId") SELECT "courseId", "createdAt", "createdById", "departmentId", "dueAt", "id", "organizationId", "recertifyMonths", "userId" FROM "Assignment";
DROP TABLE "Assignment";
ALTER TABLE "new_Assignment" RENAME TO "Assignment";
CREATE INDEX "Assignment_organizationId_idx" ON "Assignment"("organizationId");
CREATE INDEX "Assignment_userId_idx" ON "Assignment"("userId");
CREATE INDEX "Assignment_departmentId_idx" ON "Assignment"("departmentId");
CREATE INDEX "Assignment_dueAt_idx" ON "Assignment"("dueAt");
CREATE INDEX "Assignment_changedAt_idx" ON "Assignment"("changedAt");
CREATE TABLE "new_Certificate" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "enrolmentId" TEXT NOT NULL,
    "courseId" TEXT NOT NULL,
    "courseVersion" INTEGER NOT NULL,
    "holderName" TEXT NOT NULL,
    "courseTitle" JSONB NOT NULL,
    "issuerName" TEXT NOT NULL,
    "issuedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" DATETIME,
    "revokedAt" DATETIME,
    "revokedReason" TEXT,
    "changedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "credential" TEXT NOT NULL,
    "statusListIndex" INTEGER,
    CONSTRAINT "Certificate_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Certificate_enrolmentId_fkey" FOREIGN KEY ("enrolmentId") REFERENCES "Enrolment" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_Certificate" ("courseId", "courseTitle", "courseVersion", "credential", "enrolmentId", "expiresAt", "holderName", "id", "issuedAt", "issuerName", "revokedAt", "revokedReason", "statusListIndex", "userId") SELECT "courseId", "courseTitle", "courseVersion", "credential", "enrolmentId", "expiresAt", "holderName", "id", "issuedAt", "issuerName", "revokedAt", "revokedReason", "statusListIndex", "userId" FROM "Certificate";
DROP TABLE "Certificate";
ALTER TABLE "new_Certificate" RENAME TO "Certificate";
CREATE UNIQUE INDEX "Certificate_statusListIndex_key" ON "Certificate"("statusListIndex");
CREATE INDEX "Certificate_userId_courseId_revokedAt_expiresAt_issuedAt_idx" ON "Certificate"("userId", "courseId", "revokedAt", "expiresAt", "issuedAt");
CREATE INDEX "Certificate_courseId_idx" ON "Certificate"("courseId");
CREATE INDEX "Certificate_expiresAt_idx" ON "Certificate"("expiresAt");
CREATE INDEX "Certificate_issuedAt_idx" ON "Certificate"("issuedAt");
CREATE INDEX "Certificate_changedAt_idx" ON "Certificate"("changedAt");
CREATE UNIQUE INDEX "Certificate_enrolmentId_issuedAt_key" ON "Certificate"("enrolmentId", "issuedAt");
CREATE TABLE "new_Enrolment" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "courseId" TEXT NOT NULL,
    "courseVersionId" TEXT NOT NULL,
    "enrolledAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastLessonKey" TEXT,
    "lastActivityAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "cycleStartedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "completedAt" DATETIME,
    "changedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Enrolment_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Enrolment_courseId_fkey" FOREIGN KEY ("courseId") REFERENCES "Course" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Enrolment_courseVersionId_fkey" FOREIGN KEY ("courseVersionId") REFERENCES "CourseVersion" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_Enrolment" ("completedAt", "courseId", "courseVersionId", "cycleStartedAt", "enrolledAt", "id", "lastActivityAt", "lastLessonKey", "userId") SELECT "completedAt", "courseId", "courseVersionId", "cycleStartedAt", "enrolledAt", "id", "lastActivityAt", "lastLessonKey", "userId" FROM "Enrolment";
DROP TABLE "Enrolment";
ALTER TABLE "new_Enrolment" RENAME TO "Enrolment";
CREATE INDEX "Enrolment_courseId_idx" ON "Enrolment"("courseId");
CREATE INDEX "Enrolment_userId_courseId_completedAt_idx" ON "Enrolment"("userId", "courseId", "completedAt");
CREATE INDEX "Enrolment_completedAt_idx" ON "Enrolment"("completedAt");
CREATE INDEX "Enrolment_changedAt_idx" ON "Enrolment"("changedAt");
CREATE UNIQUE INDEX "Enrolment_userId_courseId_key" ON "Enrolment"("userId", "courseId");
CREATE TABLE "new_Membership" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "departmentId" TEXT,
    "status" TEXT NOT NULL DEFAULT 'ACTIVE',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "changedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Membership_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Membership_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Membership_departmentId_fkey" FOREIGN KEY ("departmentId") REFERENCES "Department" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Membership" ("createdAt", "departmentId", "id", "organizationId", "role", "status", "userId") SELECT "createdAt", "departmentId", "id", "organizationId", "role", "status", "userId" FROM "Membership";
DROP TABLE "Membership";
ALTER TABLE "new_Membership" RENAME TO "Membership";
CREATE INDEX "Membership_organizationId_role_idx" ON "Membership"("organizationId", "role");
CREATE INDEX "Membership_departmentId_organizationId_status_userId_idx" ON "Membership"("departmentId", "organizationId", "status", "userId");
CREATE INDEX "Membership_organizationId_status_departmentId_userId_idx" ON "Membership"("organizationId", "status", "departmentId", "userId");
CREATE INDEX "Membership_changedAt_idx" ON "Membership"("changedAt");
CREATE UNIQUE INDEX "Membership_userId_organizationId_key" ON "Membership"("userId", "organizationId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "Notification_kind_organizationId_idx" ON "Notification"("kind", "organizationId");

