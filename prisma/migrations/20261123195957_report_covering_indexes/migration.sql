-- DropIndex
DROP INDEX "Certificate_userId_idx";

-- DropIndex
DROP INDEX "Membership_departmentId_idx";

-- CreateIndex
CREATE INDEX "Certificate_userId_courseId_revokedAt_expiresAt_issuedAt_idx" ON "Certificate"("userId", "courseId", "revokedAt", "expiresAt", "issuedAt");

-- CreateIndex
CREATE INDEX "Enrolment_userId_courseId_completedAt_idx" ON "Enrolment"("userId", "courseId", "completedAt");

-- CreateIndex
CREATE INDEX "Membership_departmentId_organizationId_status_userId_idx" ON "Membership"("departmentId", "organizationId", "status", "userId");

-- CreateIndex
CREATE INDEX "Membership_organizationId_status_departmentId_userId_idx" ON "Membership"("organizationId", "status", "departmentId", "userId");

