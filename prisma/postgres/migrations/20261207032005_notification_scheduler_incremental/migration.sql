-- AlterTable
ALTER TABLE "Assignment" ADD COLUMN     "changedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;

-- AlterTable
ALTER TABLE "Certificate" ADD COLUMN     "changedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;

-- AlterTable
ALTER TABLE "Enrolment" ADD COLUMN     "changedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;

-- AlterTable
ALTER TABLE "Membership" ADD COLUMN     "changedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;

-- CreateTable
CREATE TABLE "JobWatermark" (
    "name" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "JobWatermark_pkey" PRIMARY KEY ("name")
);

-- CreateIndex
CREATE INDEX "Assignment_dueAt_idx" ON "Assignment"("dueAt");

-- CreateIndex
CREATE INDEX "Assignment_changedAt_idx" ON "Assignment"("changedAt");

-- CreateIndex
CREATE INDEX "Certificate_expiresAt_idx" ON "Certificate"("expiresAt");

-- CreateIndex
CREATE INDEX "Certificate_issuedAt_idx" ON "Certificate"("issuedAt");

-- CreateIndex
CREATE INDEX "Certificate_changedAt_idx" ON "Certificate"("changedAt");

-- CreateIndex
CREATE INDEX "Enrolment_completedAt_idx" ON "Enrolment"("completedAt");

-- CreateIndex
CREATE INDEX "Enrolment_changedAt_idx" ON "Enrolment"("changedAt");

-- CreateIndex
CREATE INDEX "Membership_changedAt_idx" ON "Membership"("changedAt");

-- CreateIndex
CREATE INDEX "Notification_kind_organizationId_idx" ON "Notification"("kind", "organizationId");

