-- AlterTable
ALTER TABLE "QuizAttempt" ADD COLUMN "courseVersionId" TEXT;
ALTER TABLE "QuizAttempt" ADD COLUMN "locale" TEXT;

-- Backfill: attempts made before this column count for the version their enrolment is on now
-- (the best that is known: an enrolment that moved to a newer version took them in an older one).
UPDATE "QuizAttempt" SET "courseVersionId" = (SELECT e."courseVersionId" FROM "Enrolment" e WHERE e."id" = "QuizAttempt"."enrolmentId");

-- CreateIndex
CREATE INDEX "QuizAttempt_courseVersionId_quizKey_submittedAt_locale_id_idx" ON "QuizAttempt"("courseVersionId", "quizKey", "submittedAt", "locale", "id");

-- CreateIndex
CREATE INDEX "QuizResponse_attemptId_questionKey_correct_answer_idx" ON "QuizResponse"("attemptId", "questionKey", "correct", "answer");

