-- CreateTable
CREATE TABLE "CourseReviewEvent" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "versionId" TEXT NOT NULL,
    "actorId" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "comment" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "CourseReviewEvent_versionId_fkey" FOREIGN KEY ("versionId") REFERENCES "CourseVersion" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_CourseVersion" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "courseId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "status" TEXT NOT NULL,
    "contentHash" TEXT NOT NULL,
    "title" JSONB NOT NULL,
    "summary" JSONB NOT NULL,
    "topics" JSONB NOT NULL,
    "completeLocales" JSONB NOT NULL,
    "durationMinutes" INTEGER NOT NULL,
    "content" JSONB NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "publishedAt" DATETIME,
    "revision" INTEGER NOT NULL DEFAULT 0,
    "submittedById" TEXT,
    "translationSources" JSONB,
    CONSTRAINT "CourseVersion_courseId_fkey" FOREIGN KEY ("courseId") REFERENCES "Course" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_CourseVersion" ("completeLocales", "content", "contentHash", "courseId", "createdAt", "durationMinutes", "id", "publishedAt", "status", "summary", "title", "topics", "version") SELECT "completeLocales", "content", "contentHash", "courseId", "createdAt", "durationMinutes", "id", "publishedAt", "status", "summary", "title", "topics", "version" FROM "CourseVersion";
DROP TABLE "CourseVersion";
ALTER TABLE "new_CourseVersion" RENAME TO "CourseVersion";
CREATE INDEX "CourseVersion_status_idx" ON "CourseVersion"("status");
CREATE UNIQUE INDEX "CourseVersion_courseId_version_key" ON "CourseVersion"("courseId", "version");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "CourseReviewEvent_versionId_createdAt_idx" ON "CourseReviewEvent"("versionId", "createdAt");

