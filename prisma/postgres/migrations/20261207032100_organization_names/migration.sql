-- AlterTable
ALTER TABLE "Certificate" ADD COLUMN     "issuerNames" JSONB;

-- AlterTable
ALTER TABLE "Organization" ADD COLUMN     "names" JSONB;

