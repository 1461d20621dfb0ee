-- CreateTable
CREATE TABLE "ReportPair" (
    "organizationId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "courseId" TEXT NOT NULL,
    "departmentId" TEXT,
    "dueAt" DATETIME NOT NULL,
    "need" INTEGER NOT NULL,
    "due0" DATETIME,
    "due6" DATETIME,
    "due12" DATETIME,
    "due18" DATETIME,
    "due24" DATETIME,
    "due36" DATETIME,
    "due48" DATETIME,
    "due60" DATETIME,
    "dueOnce" DATETIME,
    "completedAt" DATETIME,
    "certIssuedAt" DATETIME,
    "certExpiresAt" DATETIME,
    "certOutlived" INTEGER NOT NULL DEFAULT 0,

    PRIMARY KEY ("organizationId", "userId", "courseId"),
    CONSTRAINT "ReportPair_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ReportPair_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ReportPair_courseId_fkey" FOREIGN KEY ("courseId") REFERENCES "Course" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "ReportPair_organizationId_departmentId_courseId_idx" ON "ReportPair"("organizationId", "departmentId", "courseId");

-- CreateIndex
CREATE INDEX "ReportPair_userId_courseId_idx" ON "ReportPair"("userId", "courseId");

