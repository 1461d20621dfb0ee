-- AlterTable
ALTER TABLE "CourseVersion" ADD COLUMN     "revision" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "submittedById" TEXT,
ADD COLUMN     "translationSources" JSONB;

-- CreateTable
CREATE TABLE "CourseReviewEvent" (
    "id" TEXT NOT NULL,
    "versionId" TEXT NOT NULL,
    "actorId" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "comment" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CourseReviewEvent_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "CourseReviewEvent_versionId_createdAt_idx" ON "CourseReviewEvent"("versionId", "createdAt");

-- AddForeignKey
ALTER TABLE "CourseReviewEvent" ADD CONSTRAINT "CourseReviewEvent_versionId_fkey" FOREIGN KEY ("versionId") REFERENCES "CourseVersion"("id") ON DELETE CASCADE ON UPDATE CASCADE;

