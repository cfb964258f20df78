#!/usr/bin/env bash
# Shared by start.sh and test.sh: makes Node packages, MariaDB and Redis available.
# Uses servers already listening on the configured addresses; otherwise installs them with apt-get
# and starts private instances whose data lives under .data/ (ignored by git).

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
DATA_DIR="$ROOT/.data"

export DB_HOST="${DB_HOST:-127.0.0.1}"
export DB_PORT="${DB_PORT:-3306}"
export DB_USER="${DB_USER:-root}"
export DB_PASSWORD="${DB_PASSWORD:-}"
export REDIS_URL="${REDIS_URL:-redis://127.0.0.1:6379}"
export NX_DAEMON="${NX_DAEMON:-false}"
export NX_NO_CLOUD=true
export NX_TUI=false
export NX_SKIP_NX_CACHE="${NX_SKIP_NX_CACHE:-}"

log() { printf '\033[1;34m[vanthu]\033[0m %s\n' "$*" >&2; }
die() { printf '\033[1;31m[vanthu] %s\033[0m\n' "$*" >&2; exit 1; }

port_open() { (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null; }

wait_port() {
  local host=$1 port=$2 what=$3 tries=${4:-60}
  for _ in $(seq 1 "$tries"); do
    port_open "$host" "$port" && return 0
    sleep 0.5
  done
  die "$what did not start listening on $host:$port"
}

APT_UPDATED=""
ensure_packages() {
  local missing=()
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  [ "$(id -u)" -eq 0 ] || die "Missing Debian packages: ${missing[*]}. Run as root, or install them: apt-get install ${missing[*]}"
  log "Installing Debian packages: ${missing[*]}"
  if [ -z "$APT_UPDATED" ]; then
    DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null || die "apt-get update failed"
    APT_UPDATED=1
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null \
    || die "apt-get install ${missing[*]} failed"
}

ensure_node_modules() {
  local stamp="$ROOT/node_modules/.vanthu-lock-sha"
  local want
  # The stamp names the lock file and the fact that devDependencies are in: an install made
  # under NODE_ENV=production (without the builders) must not count as done.
  want="$(sha256sum "$ROOT/package-lock.json" | cut -d' ' -f1) with-dev"
  if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ] || [ ! -x "$ROOT/node_modules/.bin/nx" ]; then
    # `npm install` installs exactly the locked versions. Not `npm ci`: npm 11 writes lock files
    # without other platforms' optional packages and then its own `npm ci` refuses them.
    # Every package, whatever NODE_ENV says: building needs nx and the Angular and Nest builders.
    log "Installing npm packages from package-lock.json…"
    (cd "$ROOT" && env -u NODE_ENV npm install --include=dev --include=optional --no-audit --no-fund --loglevel=error) \
      || die "npm install failed"
    [ -x "$ROOT/node_modules/.bin/nx" ] || die "npm install left out nx: check npm's 'omit' setting (npm config get omit)"
    # The lock file as npm left it (it may add other platforms' optional packages).
    echo "$(sha256sum "$ROOT/package-lock.json" | cut -d' ' -f1) with-dev" > "$stamp"
  fi
}

# The workspace's own tools, never a download: `npx nx` would fetch another version when the
# local one is missing.
nx() { "$ROOT/node_modules/.bin/nx" "$@"; }

ensure_mariadb() {
  if port_open "$DB_HOST" "$DB_PORT"; then
    log "MariaDB/MySQL: using the server on $DB_HOST:$DB_PORT"
    return 0
  fi
  case "$DB_HOST" in 127.0.0.1|localhost) ;; *) die "No database answers on $DB_HOST:$DB_PORT" ;; esac
  ensure_packages mariadb-server mariadb-client
  local dir="$DATA_DIR/mariadb"
  mkdir -p "$DATA_DIR"
  if [ ! -d "$dir/mysql" ]; then
    log "Initialising a private MariaDB in $dir"
    mariadb-install-db --no-defaults --user="$(id -un)" --datadir="$dir" --auth-root-authentication-method=normal \
      --skip-test-db >"$DATA_DIR/mariadb-install.log" 2>&1 || die "mariadb-install-db failed (see .data/mariadb-install.log)"
  fi
  log "Starting a private MariaDB on 127.0.0.1:$DB_PORT"
  # Its own session (setsid): Ctrl-C on `npm start`, or stopping its process group, leaves the
  # database server running for the next start.
  setsid -f mariadbd --no-defaults --user="$(id -un)" --datadir="$dir" --port="$DB_PORT" --bind-address=127.0.0.1 \
    --socket="$DATA_DIR/mariadb.sock" --pid-file="$DATA_DIR/mariadb.pid" --log-error="$DATA_DIR/mariadb.err" \
    --character-set-server=utf8mb4 --collation-server=utf8mb4_unicode_ci --max-connections=500 \
    --innodb-buffer-pool-size=512M </dev/null >/dev/null 2>&1
  wait_port 127.0.0.1 "$DB_PORT" MariaDB 120
  # root over TCP with the configured (by default empty) password, as on the CI machines.
  mariadb --socket="$DATA_DIR/mariadb.sock" -uroot -e \
    "CREATE USER IF NOT EXISTS 'root'@'127.0.0.1' IDENTIFIED BY '${DB_PASSWORD}'; GRANT ALL PRIVILEGES ON *.* TO 'root'@'127.0.0.1' WITH GRANT OPTION; FLUSH PRIVILEGES;" \
    || die "Could not grant root access over TCP"
}

ensure_redis() {
  local hostport host port
  hostport=$(node -e 'const u=new URL(process.argv[1]);console.log(u.hostname+" "+(u.port||6379))' "$REDIS_URL")
  host=${hostport% *}
  port=${hostport#* }
  if port_open "$host" "$port"; then
    log "Redis: using the server on $host:$port"
    return 0
  fi
  case "$host" in 127.0.0.1|localhost) ;; *) die "No Redis answers on $host:$port" ;; esac
  ensure_packages redis-server
  mkdir -p "$DATA_DIR/redis"
  log "Starting a private Redis on 127.0.0.1:$port"
  # Append-only file: queued notifications survive a Redis restart.
  redis-server --port "$port" --bind 127.0.0.1 --daemonize yes --dir "$DATA_DIR/redis" \
    --appendonly yes --save "" --pidfile "$DATA_DIR/redis.pid" --logfile "$DATA_DIR/redis.log" >/dev/null \
    || die "redis-server failed to start (see .data/redis.log)"
  wait_port 127.0.0.1 "$port" Redis
}

ensure_database() {
  local name=$1
  node -e '
    const mysql = require("mysql2/promise");
    (async () => {
      const c = await mysql.createConnection({ host: process.env.DB_HOST, port: +process.env.DB_PORT, user: process.env.DB_USER, password: process.env.DB_PASSWORD });
      await c.query("CREATE DATABASE IF NOT EXISTS `" + process.argv[1] + "` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
      await c.end();
    })().catch((e) => { console.error("Cannot create database:", e.message); process.exit(1); });
  ' "$name" || die "Could not create database $name"
}

provision() {
  command -v node >/dev/null || die "Node.js is required (>= 20.19)"
  node -e 'const [a,b]=process.versions.node.split(".").map(Number);process.exit(a>20||(a===20&&b>=19)?0:1)' \
    || die "Node.js >= 20.19 is required, found $(node -v)"
  mkdir -p "$DATA_DIR"
  ensure_node_modules
  ensure_mariadb
  ensure_redis
  export TEST_DB_HOST="$DB_HOST" TEST_DB_PORT="$DB_PORT" TEST_DB_USER="$DB_USER" TEST_DB_PASSWORD="$DB_PASSWORD" TEST_REDIS_URL="$REDIS_URL"
}

# What the tests need beyond Node: signature checks use the standard validators, token signing
# uses SoftHSM2 and OpenSC's pkcs11-tool, browser tests use Debian's Chromium, the cluster test
# puts nginx in front of the APIs, the fault suite kills and restarts MariaDB and Redis servers of
# its own.
ensure_test_packages() {
  ensure_packages poppler-utils mupdf-tools qpdf libnss3-tools openssl softhsm2 opensc chromium fonts-dejavu-core nginx libnginx-mod-http-brotli-static mariadb-server redis-server unzip
}

# The system tests (tools/system-tests), one file at a time; arguments go to jest (a file pattern,
# --json …). They run the built apps in dist/.
run_system_tests() {
  npx jest -c tools/system-tests/jest.config.ts --ci --runInBand "$@"
}
