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

