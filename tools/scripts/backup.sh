#!/usr/bin/env bash
# npm run backup [-- --out FOLDER]: one archive with the database (a consistent dump) and the
# document files (content-addressed, under STORAGE_DIR), plus a manifest. Reads the same
# variables as the API (DB_*, STORAGE_DIR; an environment file can be sourced first).
#
# Order matters: the dump first, the files after. Files are written before the row that names
# them commits and are never changed or removed, so every file the dump refers to is in the
# archive (a few newer ones may be too, harmlessly). Redis is not backed up: queued
# notifications are rebuilt from the database's outbox.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"

DB_NAME="${DB_NAME:-vanthu}"
STORAGE_DIR="${STORAGE_DIR:-$ROOT/.data/files}"
OUT_DIR="${BACKUP_DIR:-$ROOT/backups}"
while [ $# -gt 0 ]; do
  case "$1" in
    --out) OUT_DIR="$2"; shift 2 ;;
    *) die "Unknown option $1 (usage: npm run backup -- [--out FOLDER])" ;;
  esac
done
command -v mariadb-dump >/dev/null || ensure_packages mariadb-client
[[ "$DB_NAME" =~ ^[A-Za-z0-9_]+$ ]] || die "DB_NAME may hold only letters, digits and _"

stamp=$(date -u +%Y%m%dT%H%M%SZ)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$OUT_DIR" "$work/files"
archive="$OUT_DIR/vanthu-$DB_NAME-$stamp.tar"

log "Dumping database $DB_NAME from $DB_HOST:$DB_PORT…"
# --single-transaction: one consistent snapshot of InnoDB tables without locking writers.
MYSQL_PWD="$DB_PASSWORD" mariadb-dump --host="$DB_HOST" --port="$DB_PORT" --user="$DB_USER" \
  --single-transaction --quick --routines --triggers --hex-blob --no-tablespaces \
  --default-character-set=utf8mb4 "$DB_NAME" | gzip -6 > "$work/database.sql.gz" \
  || die "mariadb-dump failed"

files=0
if [ -d "$STORAGE_DIR" ]; then
  log "Copying document files from $STORAGE_DIR…"
  cp -a "$STORAGE_DIR/." "$work/files/"
  files=$(find "$work/files" -type f | wc -l)
fi
migration=$(MYSQL_PWD="$DB_PASSWORD" mariadb --host="$DB_HOST" --port="$DB_PORT" --user="$DB_USER" -N -B \
  -e "SELECT name FROM migrations ORDER BY id DESC LIMIT 1" "$DB_NAME" 2>/dev/null || echo unknown)
cat > "$work/manifest.json" <<JSON
{
  "format": "vanthu-backup/1",
  "createdAt": "$(date -u +%Y-%m-%dT%H:%M:%SZ)",
  "database": "$DB_NAME",
  "lastMigration": "$migration",
  "databaseSha256": "$(sha256sum "$work/database.sql.gz" | cut -d' ' -f1)",
  "files": $files,
  "commit": "$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)"
}
JSON
tar -C "$work" -cf "$archive" manifest.json database.sql.gz files
log "Backup written: $archive ($(du -h "$archive" | cut -f1), $files files, schema at $migration)"
echo "$archive"
