#!/usr/bin/env bash
# Builds and serves the app for Playwright on a fresh, seeded SQLite file.
set -euo pipefail
port="${1:-3100}"
export DATABASE_URL="file:./data/e2e.db"
# The demo users are listed on the sign-in page; the session secret is made under data/ if none is set.
export CHRONICLE_DEMO_MODE=on
rm -f data/e2e.db data/e2e.db-wal data/e2e.db-shm
npm run --silent db:migrate
npx tsx scripts/seed.ts --customers 12 --sales-per-day 4 --demo-users
if [ "${E2E_SKIP_BUILD:-}" != "1" ]; then npx next build; fi
exec node scripts/serve.mjs -H 127.0.0.1 -p "$port"
