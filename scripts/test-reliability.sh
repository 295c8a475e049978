#!/usr/bin/env bash
# `npm run test:reliability`: the system under load, kill -9, a PostgreSQL
# outage, hostile input, 1,000 SSE clients and the scale-out cluster under
# faults, each checked against the store.
# Several minutes per check; `--short` (what `npm test` runs in CI) runs each
# briefly. Builds the app first unless RELIABILITY_SKIP_BUILD=1.
set -uo pipefail
cd "$(dirname "$0")/.."
short=0
[ "${1:-}" = "--short" ] && short=1
status=0
step() { echo; echo "━━ $1"; shift; "$@" || status=1; }

if [ "${RELIABILITY_SKIP_BUILD:-}" != "1" ]; then step "Production build" npx next build; fi

if [ $short = 1 ]; then
  step "API load (short)" npx tsx bench/reliability/load.ts --seconds 15 --connections 8
  # Each process that can be killed: the web server, the projector, the saga runner and the outbox relay.
  step "kill -9 under load (short)" npx tsx bench/reliability/crash.ts --seconds 15
  # The short run cuts connections with a proxy rather than restarting the machine's shared PostgreSQL.
  step "PostgreSQL outage under load (short)" npx tsx bench/reliability/pg-outage.ts --seconds 20 --outages 1 --outage-ms 3000
  # The saga, projector, relay and notifications processes across restarts of a private PostgreSQL (not the shared one).
  step "Standalone processes across PostgreSQL restarts (short)" npx tsx bench/reliability/pg-restart-workers.ts --seconds 20 --restarts 2
  step "SSE clients (short)" npx tsx bench/reliability/sse-clients.ts --clients 200 --slow 10 --seconds 15 --rate 5
  # Three web servers, six background processes and a three-node NATS cluster; one of each kind killed.
  step "Cluster under faults (short)" npx tsx bench/reliability/cluster.ts --seconds 25 --connections 8
else
  step "Hostile input, many more cases (fast-check)" env FUZZ_RUNS=1000 npx vitest run lib/server/http/api-fuzz.int.spec.ts lib/server/forms/account-action-fuzz.int.spec.ts lib/server/actions/session-actions.int.spec.ts
  step "API load" npx tsx bench/reliability/load.ts --seconds 180 --connections 16
  step "kill -9 under load" npx tsx bench/reliability/crash.ts --seconds 120
  step "PostgreSQL restarted under load (a private server, never the shared one)" npx tsx bench/reliability/pg-outage.ts --seconds 90 --outages 3 --mode restart
  step "Standalone processes across PostgreSQL restarts (a private server)" npx tsx bench/reliability/pg-restart-workers.ts --seconds 90 --restarts 4
  step "SSE clients" npx tsx bench/reliability/sse-clients.ts --clients 1000 --slow 20 --seconds 180 --rate 20
  step "Cluster under faults" npx tsx bench/reliability/cluster.ts --seconds 180 --connections 16
fi
[ $status = 0 ] && echo "Reliability: every check passed" || echo "Reliability: some checks FAILED (see above)"
exit $status
