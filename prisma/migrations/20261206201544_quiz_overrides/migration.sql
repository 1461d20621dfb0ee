-- CreateTable
CREATE TABLE "QuizOverride" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "enrolmentId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "courseId" TEXT NOT NULL,
    "quizKey" TEXT NOT NULL,
    "extraAttempts" INTEGER NOT NULL DEFAULT 0,
    "reset" BOOLEAN NOT NULL DEFAULT false,
    "reason" TEXT NOT NULL,
    "grantedById" TEXT,
    "grantedAs" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "QuizOverride_enrolmentId_fkey" FOREIGN KEY ("enrolmentId") REFERENCES "Enrolment" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "QuizOverride_enrolmentId_quizKey_createdAt_idx" ON "QuizOverride"("enrolmentId", "quizKey", "createdAt");

