#!/usr/bin/env bash
# npm start: provision MariaDB and Redis, migrate, seed the demo district once, build and run
# the API (serving the web app) and the worker. Ctrl-C, or a signal to the process group, stops both.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"

export DB_NAME="${DB_NAME:-vanthu}"
export PORT="${PORT:-3000}"
export SEED_DEMO="${SEED_DEMO:-true}"
export WEB_DIST_DIR="${WEB_DIST_DIR:-$ROOT/dist/apps/web/browser}"
export LOG_LEVEL="${LOG_LEVEL:-info}"
# What the API and the worker run under; npm and the build see the caller's NODE_ENV (a
# production NODE_ENV during `npm install` would leave out the builders).
RUN_NODE_ENV="${NODE_ENV:-production}"

provision
ensure_database "$DB_NAME"
# The key-encryption key that seals the server-held signing keys (and the demo CA's): made once,
# on first start, in .data/ (ignored by git) unless one is configured. Losing it loses the keys.
if [ -z "${SIGNING_KEK:-}" ] && [ -z "${SIGNING_KEK_FILE:-}" ]; then
  export SIGNING_KEK_FILE="$DATA_DIR/signing.kek"
  if [ ! -s "$SIGNING_KEK_FILE" ]; then
    (umask 077 && head -c 32 /dev/urandom | base64 > "$SIGNING_KEK_FILE")
    log "Made a key-encryption key for the signing keys: $SIGNING_KEK_FILE (keep it with backups of .data, apart from the database)"
  fi
fi
if port_open 127.0.0.1 "$PORT"; then die "Port $PORT is already in use: stop what runs there or set PORT"; fi

log "Building api, worker and web (log: .data/build.log)…"
nx run-many -t build -p api worker web --outputStyle=static >"$DATA_DIR/build.log" 2>&1 \
  || { tail -50 "$DATA_DIR/build.log"; die "Build failed (full log: .data/build.log)"; }

pids=()
cleanup() {
  trap - INT TERM EXIT
  log "Stopping…"
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap cleanup INT TERM EXIT

# The API migrates and seeds before it listens; the worker starts once the schema is there.
NODE_ENV="$RUN_NODE_ENV" node dist/apps/api/main.js &
pids+=($!)
wait_port 127.0.0.1 "$PORT" "The API" 240
NODE_ENV="$RUN_NODE_ENV" node dist/apps/worker/main.js &
pids+=($!)

log "VănThư is running at http://localhost:$PORT  (health: http://localhost:$PORT/api/health, API docs: http://localhost:$PORT/api/docs)"
wait -n "${pids[@]}"
