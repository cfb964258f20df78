#!/usr/bin/env bash
# npm test: provision, then lint, unit + integration tests (jest), builds, e2e (Playwright in
# Debian's Chromium), the system tests (a fresh clone's `npm start`; two APIs and two workers
# behind nginx), and one closing summary line over all of them.
set -uo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"
set -e
provision
ensure_test_packages
set +e

mkdir -p tmp
rm -f tmp/jest-results.json tmp/e2e-results.json tmp/system-results.json
status=0
started=$(date +%s)

log "Lint (eslint, module boundaries)…"
# The boundary rule reads Nx's cached project graph and silently skips itself without one (fresh clone).
nx show projects >/dev/null || { status=1; LINT_FAILED=1; }
npx eslint . --max-warnings=0 || { status=1; LINT_FAILED=1; }

# jest transpiles without type checks (isolatedModules): the compiler checks every file here.
log "Type check (tsc, strict)…"
npx tsc -p tsconfig.typecheck.json || { status=1; LINT_FAILED=1; }
nx run web:typecheck --outputStyle=static >tmp/typecheck-web.log 2>&1 || { cat tmp/typecheck-web.log; status=1; LINT_FAILED=1; }

log "Unit and integration tests (jest, real MariaDB and Redis)…"
npx jest --ci --maxWorkers=2 --json --outputFile=tmp/jest-results.json || status=1

log "Building api, worker and web for the browser and system tests…"
if nx run-many -t build -p api worker web --outputStyle=static --skip-nx-cache >tmp/build.log 2>&1; then
  log "End-to-end tests (Playwright, Chromium)…"
  npx playwright test -c e2e/playwright.config.ts || status=1
  log "System tests (a fresh clone's npm start; a cluster behind nginx)…"
  run_system_tests --json --outputFile=tmp/system-results.json || status=1
else
  tail -60 tmp/build.log
  log "Build failed: end-to-end and system tests not run"
  BUILD_FAILED=1
  status=1
fi

node tools/scripts/summarize-tests.js jest:jest=tmp/jest-results.json e2e:e2e=tmp/e2e-results.json jest:system=tmp/system-results.json \
  "static-checks=${LINT_FAILED:-0}" "build=${BUILD_FAILED:-0}" "seconds=$(( $(date +%s) - started ))" || status=1
exit $status
