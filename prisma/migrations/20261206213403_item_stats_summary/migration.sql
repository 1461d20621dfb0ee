-- CreateTable
CREATE TABLE "QuizItemSummary" (
    "courseVersionId" TEXT NOT NULL,
    "quizKey" TEXT NOT NULL,
    "questionKey" TEXT NOT NULL,
    "locale" TEXT NOT NULL,
    "n" BIGINT NOT NULL,
    "sumX" BIGINT NOT NULL,
    "sumY" BIGINT NOT NULL,
    "sumY2" BIGINT NOT NULL,
    "sumXY" BIGINT NOT NULL,

    PRIMARY KEY ("courseVersionId", "quizKey", "questionKey", "locale")
);

-- CreateTable
CREATE TABLE "QuizOptionSummary" (
    "courseVersionId" TEXT NOT NULL,
    "quizKey" TEXT NOT NULL,
    "questionKey" TEXT NOT NULL,
    "locale" TEXT NOT NULL,
    "optionKey" TEXT NOT NULL,
    "chosen" BIGINT NOT NULL,

    PRIMARY KEY ("courseVersionId", "quizKey", "questionKey", "locale", "optionKey")
);

-- CreateTable
CREATE TABLE "QuizAttemptSummary" (
    "courseVersionId" TEXT NOT NULL,
    "quizKey" TEXT NOT NULL,
    "locale" TEXT NOT NULL,
    "attempts" BIGINT NOT NULL,

    PRIMARY KEY ("courseVersionId", "quizKey", "locale")
);


-- Backfill: the summary of every attempt submitted before this migration, computed as the item
-- statistics page did before (item-stats.server.ts history, tests/item-stats-reference.ts): y is the
-- attempt's other questions answered right. Attempts without a course version are not counted
-- (the page could never show them). item-stats.test.ts checks that they rebuild the submitted summary.
INSERT INTO "QuizItemSummary" ("courseVersionId", "quizKey", "questionKey", "locale", "n", "sumX", "sumY", "sumY2", "sumXY")
SELECT v, qz, q, loc, COUNT(*), SUM(x), SUM(total - x), SUM((total - x) * (total - x)), SUM(x * (total - x))
FROM (
  SELECT a."courseVersionId" AS v, a."quizKey" AS qz, r."questionKey" AS q, COALESCE(a."locale", 'unknown') AS loc,
    CASE WHEN r."correct" THEN 1 ELSE 0 END AS x,
    SUM(CASE WHEN r."correct" THEN 1 ELSE 0 END) OVER (PARTITION BY r."attemptId") AS total
  FROM "QuizAttempt" a JOIN "QuizResponse" r ON r."attemptId" = a."id"
  WHERE a."courseVersionId" IS NOT NULL AND a."submittedAt" IS NOT NULL
) resp
GROUP BY v, qz, q, loc;

INSERT INTO "QuizAttemptSummary" ("courseVersionId", "quizKey", "locale", "attempts")
SELECT a."courseVersionId", a."quizKey", COALESCE(a."locale", 'unknown'), COUNT(*)
FROM "QuizAttempt" a
WHERE a."courseVersionId" IS NOT NULL AND a."submittedAt" IS NOT NULL
GROUP BY a."courseVersionId", a."quizKey", COALESCE(a."locale", 'unknown');

-- Every option named in an answer, once per answer (ordering questions too: their rows are kept
-- but the page shows no option shares for them).
INSERT INTO "QuizOptionSummary" ("courseVersionId", "quizKey", "questionKey", "locale", "optionKey", "chosen")
SELECT a."courseVersionId", a."quizKey", r."questionKey", COALESCE(a."locale", 'unknown'), j."value", COUNT(DISTINCT r."id")
FROM "QuizAttempt" a JOIN "QuizResponse" r ON r."attemptId" = a."id", json_each(r."answer") j
WHERE a."courseVersionId" IS NOT NULL AND a."submittedAt" IS NOT NULL AND json_type(r."answer") = 'array' AND j."type" = 'text'
GROUP BY a."courseVersionId", a."quizKey", r."questionKey", COALESCE(a."locale", 'unknown'), j."value";
