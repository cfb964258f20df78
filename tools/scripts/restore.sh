#!/usr/bin/env bash
# npm run restore -- ARCHIVE [--db NAME] [--storage FOLDER] [--force]: puts a backup made by
# `npm run backup` into a database (DB_NAME unless --db) and STORAGE_DIR (unless --storage).
# Refuses a database that already holds tables unless --force (which drops them first). Every
# file's SHA-256 is checked against its name before anything is written. Start the app on the
# restored database as usual: it applies any migration newer than the backup.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"

archive=""
target_db="${DB_NAME:-vanthu}"
storage="${STORAGE_DIR:-$ROOT/.data/files}"
force=""
while [ $# -gt 0 ]; do
  case "$1" in
    --db) target_db="$2"; shift 2 ;;
    --storage) storage="$2"; shift 2 ;;
    --force) force=1; shift ;;
    -*) die "Unknown option $1 (usage: npm run restore -- ARCHIVE [--db NAME] [--storage FOLDER] [--force])" ;;
    *) archive="$1"; shift ;;
  esac
done
[ -n "$archive" ] || die "usage: npm run restore -- ARCHIVE [--db NAME] [--storage FOLDER] [--force]"
[ -f "$archive" ] || die "No such backup: $archive"
[[ "$target_db" =~ ^[A-Za-z0-9_]+$ ]] || die "The database name may hold only letters, digits and _"
command -v mariadb >/dev/null || ensure_packages mariadb-client
sql() { MYSQL_PWD="$DB_PASSWORD" mariadb --host="$DB_HOST" --port="$DB_PORT" --user="$DB_USER" "$@"; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
tar -C "$work" -xf "$archive" || die "Cannot read $archive"
[ -f "$work/manifest.json" ] && [ -f "$work/database.sql.gz" ] || die "$archive is not a VănThư backup (no manifest.json or database.sql.gz)"
grep -q '"format": "vanthu-backup/1"' "$work/manifest.json" || die "Unknown backup format in $archive"
want=$(sed -n 's/.*"databaseSha256": "\([0-9a-f]*\)".*/\1/p' "$work/manifest.json")
[ "$(sha256sum "$work/database.sql.gz" | cut -d' ' -f1)" = "$want" ] || die "The database dump in $archive is damaged (SHA-256 differs from the manifest)"

log "Checking the document files…"
bad=0
if [ -d "$work/files" ]; then
  while IFS= read -r -d '' file; do
    name=$(basename "$file")
    [ "$(sha256sum "$file" | cut -d' ' -f1)" = "$name" ] || { log "Damaged file: ${file#$work/files/}"; bad=$((bad + 1)); }
  done < <(find "$work/files" -type f -print0)
fi
[ "$bad" -eq 0 ] || die "$bad file(s) in the backup do not match their SHA-256 name: nothing restored"

tables=$(sql -N -B -e "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = '$target_db'")
if [ "$tables" -gt 0 ]; then
  [ -n "$force" ] || die "Database $target_db already holds $tables tables: choose another with --db, or add --force to replace it"
  log "Dropping database $target_db (--force)…"
  sql -e "DROP DATABASE \`$target_db\`"
fi
sql -e "CREATE DATABASE IF NOT EXISTS \`$target_db\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci"
log "Loading the database into $target_db…"
gunzip -c "$work/database.sql.gz" | sql --default-character-set=utf8mb4 "$target_db" || die "Loading the dump failed"

mkdir -p "$storage"
if [ -d "$work/files" ]; then
  # Content-addressed: a file already there is the same file.
  cp -a -n "$work/files/." "$storage/"
fi
files=$(find "$work/files" -type f 2>/dev/null | wc -l)
log "Restored $archive into database $target_db and $storage ($files files)."
