#!/usr/bin/env bash
# A throwaway PostgreSQL 15 cluster for tests, listening on 127.0.0.1 only.
#   scripts/pg.sh start DIR PORT   -> prints postgresql://sawt@127.0.0.1:PORT/sawt
#   scripts/pg.sh stop DIR
#   scripts/pg.sh url DIR PORT
# Idempotent: `start` on a running cluster only prints the URL. Runs the server as the
# `postgres` system user (initdb refuses root); trust authentication on loopback only.
set -euo pipefail

PG_BIN=/usr/lib/postgresql/15/bin

usage() { echo "usage: $0 start DIR PORT | stop DIR | url DIR PORT" >&2; exit 2; }

as_postgres() {
  if [ "$(id -un)" = postgres ]; then "$@"; else runuser -u postgres -- "$@"; fi
}

ensure_installed() {
  if [ ! -x "$PG_BIN/pg_ctl" ]; then
    echo "installing postgresql-15..." >&2
    for _ in $(seq 1 60); do
      if DEBIAN_FRONTEND=noninteractive apt-get install -y postgresql-15 >&2; then break; fi
      sleep 5  # dpkg lock held by someone else
    done
  fi
  [ -x "$PG_BIN/pg_ctl" ] || { echo "postgresql-15 is not installed" >&2; exit 1; }
}

is_running() { as_postgres "$PG_BIN/pg_ctl" -D "$1" status >/dev/null 2>&1; }

cmd=${1:-}; dir=${2:-}
[ -n "$cmd" ] && [ -n "$dir" ] || usage
case "$cmd" in
  start)
    port=${3:-}; [ -n "$port" ] || usage
    ensure_installed
    mkdir -p "$dir"
    dir=$(cd "$dir" && pwd)
    url="postgresql://sawt@127.0.0.1:$port/sawt"
    if is_running "$dir"; then echo "$url"; exit 0; fi
    chown postgres:postgres "$dir"
    chmod 700 "$dir"
    if [ ! -f "$dir/PG_VERSION" ]; then
      as_postgres "$PG_BIN/initdb" -D "$dir" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >&2
      cat >"$dir/pg_hba.conf" <<HBA
# Loopback only, no passwords: a throwaway test cluster.
local all all trust
host  all all 127.0.0.1/32 trust
HBA
      cat >>"$dir/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
unix_socket_directories = '$dir'
max_connections = 200
fsync = on
CONF
    fi
    as_postgres "$PG_BIN/pg_ctl" -D "$dir" -o "-p $port" -l "$dir/server.log" -w -t 60 start >&2
    for _ in $(seq 1 60); do
      if as_postgres "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$port"; then break; fi
      sleep 0.5
    done
    psql_admin() { as_postgres "$PG_BIN/psql" -v ON_ERROR_STOP=1 -q -h "$dir" -p "$port" -U postgres "$@"; }
    if [ "$(psql_admin -d postgres -tAc "SELECT 1 FROM pg_roles WHERE rolname='sawt'")" != 1 ]; then
      psql_admin -d postgres -c "CREATE ROLE sawt LOGIN CREATEDB" >&2
    fi
    if [ "$(psql_admin -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname='sawt'")" != 1 ]; then
      psql_admin -d postgres -c "CREATE DATABASE sawt OWNER sawt" >&2
    fi
    echo "$url"
    ;;
  stop)
    dir=$(cd "$dir" 2>/dev/null && pwd) || exit 0
    if is_running "$dir"; then as_postgres "$PG_BIN/pg_ctl" -D "$dir" -m fast -w stop >&2; fi
    ;;
  url)
    port=${3:-}; [ -n "$port" ] || usage
    echo "postgresql://sawt@127.0.0.1:$port/sawt"
    ;;
  *) usage ;;
esac
