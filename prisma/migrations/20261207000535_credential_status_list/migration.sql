-- AlterTable
ALTER TABLE "Certificate" ADD COLUMN "statusListIndex" INTEGER;

-- CreateTable
CREATE TABLE "Counter" (
    "name" TEXT NOT NULL PRIMARY KEY,
    "value" INTEGER NOT NULL DEFAULT 0
);

-- CreateTable
CREATE TABLE "CredentialStatusList" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "credential" TEXT NOT NULL,
    "updatedAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE UNIQUE INDEX "Certificate_statusListIndex_key" ON "Certificate"("statusListIndex");

