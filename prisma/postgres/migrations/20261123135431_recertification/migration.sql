-- AlterTable
ALTER TABLE "Enrolment" ADD COLUMN     "cycleStartedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;

-- CreateIndex
CREATE UNIQUE INDEX "Certificate_enrolmentId_issuedAt_key" ON "Certificate"("enrolmentId", "issuedAt");

-- existing enrolments: their cycle started when they enrolled, so all their progress still counts
UPDATE "Enrolment" SET "cycleStartedAt" = "enrolledAt";
