#!/usr/bin/env bash
# Creates a migration for both databases from the change to prisma/schema.prisma:
#   npm run db:new-migration -- <name>
# SQLite (prisma/migrations) and PostgreSQL (prisma/postgres/migrations) get the same name.
set -euo pipefail
name="${1:?usage: npm run db:new-migration -- <name>}"
stamp="$(date -u +%Y%m%d%H%M%S)_${name}"
pg_url="${PG_DIFF_URL:-postgresql://postgres@127.0.0.1:5432/test}"
node scripts/prisma-pg-schema.mjs
tmp="$(mktemp -d)"
npx prisma migrate diff --from-migrations prisma/migrations --to-schema-datamodel prisma/schema.prisma --script > "$tmp/sqlite.sql"
DATABASE_URL="$pg_url" npx prisma migrate diff --from-migrations prisma/postgres/migrations \
  --to-schema-datamodel prisma/postgres/schema.prisma --script > "$tmp/pg.sql"
mkdir -p "prisma/migrations/$stamp" "prisma/postgres/migrations/$stamp"
mv "$tmp/sqlite.sql" "prisma/migrations/$stamp/migration.sql"
mv "$tmp/pg.sql" "prisma/postgres/migrations/$stamp/migration.sql"
npm run db:generate >/dev/null
echo "created prisma/migrations/$stamp and prisma/postgres/migrations/$stamp"
