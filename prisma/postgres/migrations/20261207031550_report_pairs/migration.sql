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

