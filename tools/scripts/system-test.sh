#!/usr/bin/env bash
# npm run test:cluster / test:smoke: provision, build the apps, run one system test file.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"
provision
ensure_test_packages
mkdir -p tmp
log "Building api, worker and web…"
nx run-many -t build -p api worker web --outputStyle=static >tmp/build.log 2>&1 || { tail -60 tmp/build.log; die "Build failed (tmp/build.log)"; }
run_system_tests "$@"
