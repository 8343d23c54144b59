#!/usr/bin/env bash
# tests/crash/kill9_test.sh — durability of acknowledged writes across a kill -9.
#
#  1. demo → serve → API token;
#  2. 2,000 POST /api/v1/entities (departments crash-1..crash-2000 under the police entity) with
#     32 in flight; every code answered 201 is recorded as acknowledged;
#  3. once about half are acknowledged the server gets SIGKILL while writes are in flight;
#  4. restart on the same database: every acknowledged code must be listed by the API, the
#     entities and their audit events must agree, `sawt admin verify-audit` must exit 0, and the
#     restarted server must accept a new write;
#  5. stop the server, change one audit event's payload behind the server's back (sqlite3 / psql):
#     verify-audit must exit non-zero and name that event id.
#
# Environment:
#   SAWT_BIN             the sawt binary (required)
#   SAWT_CRASH_BACKEND   sqlite (default) | postgres
#   SAWT_TEST_PG_URL     postgres only: a role with CREATEDB (scripts/pg.sh prints one); a fresh
#                        database is created in that cluster and dropped at the end
#   SAWT_REQUIRE_PG=1    postgres only: a missing SAWT_TEST_PG_URL fails instead of skipping (exit 77)
#   CRASH_DB_DIR         sqlite only: where the database lives; default a fresh dir under /dev/shm
#                        when it exists (a kill -9 loses only what never reached the kernel, so tmpfs
#                        tests the same property; on disk every commit waits for fdatasync — ~30 ms
#                        on this machine — and the run takes ~15 s instead of ~12 s), else the temp dir
#   CRASH_CLIENT         python (default when python3 exists: tests/crash/writer.py, standard library
#                        only, keep-alive connections, kills at exactly half) | curl (one curl per write)
#   CRASH_WRITES (2000), CRASH_CONCURRENCY (32), CRASH_KEEP=1 keeps the temp dirs
# Prints PASS/FAIL lines; exit 0 when every check passed, 1 on failure, 77 when skipped.
set -uo pipefail

backend="${SAWT_CRASH_BACKEND:-sqlite}"
writes="${CRASH_WRITES:-2000}"
concurrency="${CRASH_CONCURRENCY:-32}"
failures=0
client="${CRASH_CLIENT:-}"  # validated below
if [[ -z "$client" ]]; then
  if command -v python3 >/dev/null; then client=python; else client=curl; fi
fi

pass() { printf 'PASS %s\n' "$*"; }
fail() { printf 'FAIL %s\n' "$*"; failures=$((failures + 1)); }
info() { printf '     [%3ds] %s\n' "$SECONDS" "$*"; }
fatal() { fail "$*"; exit 1; }

[[ -n "${SAWT_BIN:-}" && -x "${SAWT_BIN}" ]] || fatal "SAWT_BIN must name the sawt binary (got '${SAWT_BIN:-}')"
command -v curl >/dev/null || fatal "curl not found"
[[ "$client" == python || "$client" == curl ]] || fatal "CRASH_CLIENT must be python or curl (got '$client')"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"

tmp="$(mktemp -d "${TMPDIR:-/tmp}/sawt-crash.XXXXXX")"
db_dir=""
server_pid=""
pg_admin_url=""
pg_db=""
cleanup() {
  local rc=$?
  if [[ -n "$server_pid" ]]; then
    kill -9 "$server_pid" 2>/dev/null
    wait_gone "$server_pid"
  fi
  if [[ -n "$pg_db" ]]; then
    psql -q -X "$pg_admin_url" -c "DROP DATABASE IF EXISTS $pg_db WITH (FORCE)" >/dev/null 2>&1
  fi
  if [[ "${CRASH_KEEP:-0}" == 1 ]]; then
    echo "     kept $tmp $db_dir"
  else
    rm -rf "$tmp"
    [[ -n "$db_dir" ]] && rm -rf "$db_dir"
  fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# The server runs disowned (so bash does not report its SIGKILL); this waits until it is gone.
wait_gone() {
  for _ in $(seq 1 200); do kill -0 "$1" 2>/dev/null || return 0; sleep 0.05; done
  return 1
}

# --- the database --------------------------------------------------------------------------------
case "$backend" in
  sqlite)
    command -v sqlite3 >/dev/null || fatal "sqlite3 shell not found (apt-get install -y sqlite3)"
    if [[ -n "${CRASH_DB_DIR:-}" ]]; then
      mkdir -p "$CRASH_DB_DIR" || fatal "cannot create CRASH_DB_DIR=$CRASH_DB_DIR"
      db_dir="$(mktemp -d "$CRASH_DB_DIR/sawt-crash-db.XXXXXX")"
    elif [[ -d /dev/shm && -w /dev/shm ]]; then
      db_dir="$(mktemp -d /dev/shm/sawt-crash-db.XXXXXX)"
    else
      db_dir="$tmp"
    fi
    db_file="$db_dir/sawt.db"
    db="sqlite:$db_file"
    sql() { sqlite3 -batch "$db_file" "$1"; }
    ;;
  postgres)
    if [[ -z "${SAWT_TEST_PG_URL:-}" ]]; then
      if [[ "${SAWT_REQUIRE_PG:-0}" == 1 ]]; then fatal "SAWT_REQUIRE_PG=1 but SAWT_TEST_PG_URL is unset"; fi
      echo "SKIP SAWT_TEST_PG_URL is unset"
      exit 77
    fi
    command -v psql >/dev/null || fatal "psql not found (apt-get install -y postgresql-client)"
    pg_admin_url="$SAWT_TEST_PG_URL"
    name="sawt_crash_$$_$RANDOM"
    psql -q -X -v ON_ERROR_STOP=1 "$pg_admin_url" -c "CREATE DATABASE $name" >/dev/null ||
      fatal "cannot create database $name in $pg_admin_url"
    pg_db="$name"
    # Same URL, other database: replace the path, keep the query string.
    base="${pg_admin_url%%\?*}"
    query=""
    [[ "$pg_admin_url" == *\?* ]] && query="?${pg_admin_url#*\?}"
    authority="${base#*://}"
    if [[ "$authority" == */* ]]; then base="${base%/*}"; fi
    db="$base/$name$query"
    sql() { psql -q -X -tA -v ON_ERROR_STOP=1 "$db" -c "$1"; }
    ;;
  *) fatal "SAWT_CRASH_BACKEND must be sqlite or postgres (got '$backend')" ;;
esac
info "backend $backend, $writes writes, $concurrency in flight, temp $tmp${db_file:+, db $db_file}"

# --- server helpers ------------------------------------------------------------------------------
port=""
start_server() {  # start_server LOGNAME
  rm -f "$tmp/port"
  "$SAWT_BIN" serve --db "$db" --address 127.0.0.1 --port 0 --port-file "$tmp/port" --web "$repo/web" \
    --access-log off >"$tmp/$1.log" 2>&1 &
  server_pid=$!
  disown "$server_pid"
  for _ in $(seq 1 150); do
    if [[ -s "$tmp/port" ]]; then
      port="$(tr -d '[:space:]' <"$tmp/port")"
      if curl -s -o /dev/null --max-time 2 "http://127.0.0.1:$port/healthz"; then return 0; fi
    fi
    kill -0 "$server_pid" 2>/dev/null || break
    sleep 0.1
  done
  cat "$tmp/$1.log"
  return 1
}
stop_server() {  # graceful: SIGTERM, then wait
  [[ -n "$server_pid" ]] || return 0
  kill -TERM "$server_pid" 2>/dev/null
  for _ in $(seq 1 100); do kill -0 "$server_pid" 2>/dev/null || break; sleep 0.1; done
  kill -9 "$server_pid" 2>/dev/null
  wait_gone "$server_pid"
  server_pid=""
}

"$SAWT_BIN" demo --db "$db" --quiet >"$tmp/demo.log" 2>&1 || { cat "$tmp/demo.log"; fatal "sawt demo"; }
start_server serve1 || fatal "server did not start"
token="$("$SAWT_BIN" admin token --user admin --db "$db" 2>"$tmp/token.log")" || {
  cat "$tmp/token.log"
  fatal "sawt admin token"
}
auth=(-H "Authorization: Bearer $token")

entities="$(curl -sS --max-time 10 "${auth[@]}" "http://127.0.0.1:$port/api/v1/entities?limit=200")"
police_id="$(grep -o '"code":"police","[^}]*' <<<"$entities" | grep -o '"id":[0-9]*' | head -1 | cut -d: -f2)"
[[ -n "$police_id" ]] || fatal "no police entity in GET /api/v1/entities"
info "server on :$port, police entity id $police_id"

# --- 2,000 concurrent writes, kill -9 half-way ---------------------------------------------------
acked="$tmp/acked"      # one code per line, appended only after a 201
results="$tmp/results"  # "n http_status outcome" per request; outcome: ok | refused | cut (in flight)
: >"$acked"
: >"$results"
half=$((writes / 2))
killed_at=""
start_ns=$(date +%s%N)
if [[ "$client" == python ]]; then
  # One process, keep-alive connections; it sends SIGKILL itself the moment `half` are acknowledged.
  python3 "$here/writer.py" --port "$port" --token "$token" --parent "$police_id" --writes "$writes" \
    --concurrency "$concurrency" --kill-pid "$server_pid" --kill-after "$half" --acked "$acked" \
    --results "$tmp/results.raw" >"$tmp/writer.json" 2>"$tmp/writer.log" || {
    cat "$tmp/writer.log"
    fatal "writer.py failed"
  }
  killed_at="$(sed -n 's/.*"killed_at": *\([0-9]*\).*/\1/p' "$tmp/writer.json")"
  awk '{ o = ($3 == "-") ? "ok" : ($3 == "ConnectionRefusedError") ? "refused" : "cut"; print $1, $2, o }' \
    "$tmp/results.raw" >"$results"
else
  # curl fallback: `concurrency` shell workers, one curl per request; this shell watches the count.
  url="http://127.0.0.1:$port/api/v1/entities"
  worker() {  # worker FIRST: requests FIRST, FIRST+concurrency, ...
    local n code rc
    for ((n = $1; n <= writes; n += concurrency)); do
      code="$(curl -s -o /dev/null -w '%{http_code}' --max-time 20 -X POST "${auth[@]}" \
        -H 'Content-Type: application/json' \
        --data-binary "{\"kind\":\"department\",\"parent_id\":$police_id,\"code\":\"crash-$n\",\"name_ar\":\"إدارة اختبار $n\",\"name_en\":\"Test department $n\"}" \
        "$url")"
      rc=$?
      [[ "$code" == 201 ]] && echo "crash-$n" >>"$acked"
      echo "$n $code $rc" >>"$tmp/results.raw"
    done
  }
  worker_pids=()
  for ((w = 1; w <= concurrency; w++)); do
    worker "$w" &
    worker_pids+=($!)
  done
  for _ in $(seq 1 3000); do  # at most ~60 s
    n_acked=$(wc -l <"$acked")
    if ((n_acked >= half)); then
      kill -9 "$server_pid"
      killed_at=$n_acked
      break
    fi
    kill -0 "$server_pid" 2>/dev/null || break
    sleep 0.02
  done
  wait "${worker_pids[@]}"
  awk '{ o = ($3 == 0) ? "ok" : ($3 == 7) ? "refused" : "cut"; print $1, $2, o }' "$tmp/results.raw" >"$results"
fi
if [[ -z "$killed_at" ]]; then
  fail "the server was not killed: only $(wc -l <"$acked") writes acknowledged"
  kill -9 "$server_pid" 2>/dev/null
fi
wait_gone "$server_pid" || fail "the killed server is still there"
server_pid=""
elapsed_ms=$((($(date +%s%N) - start_ns) / 1000000))

n_acked=$(wc -l <"$acked")
n_sent=$(wc -l <"$results")
in_flight=$(awk '$3 == "cut"' "$results" | wc -l)
refused=$(awk '$3 == "refused"' "$results" | wc -l)
other=$(awk '$3 == "ok" && $2 != 201' "$results" | wc -l)
info "$client client, ${elapsed_ms} ms: $n_sent requests, $n_acked acknowledged (kill -9 at ${killed_at:-never}), $in_flight cut off in flight, $refused refused after the kill, $other other answers"
if ((other > 0)); then
  fail "$other requests got an answer other than 201"
  awk '$3 == "ok" && $2 != 201' "$results" | head -3 | sed 's/^/     /'
fi
if ((n_acked >= half && n_acked < writes)); then
  pass "kill -9 landed mid-run ($n_acked of $writes acknowledged)"
else
  fail "kill -9 did not land mid-run ($n_acked of $writes acknowledged)"
fi
if ((in_flight > 0)); then
  pass "$in_flight writes were in flight at the kill"
else
  info "no write was caught in flight at the kill"
fi

# --- restart: every acknowledged write is there --------------------------------------------------
start_server serve2 || fatal "server did not restart after kill -9"
info "restarted on :$port"
listed="$tmp/listed"
: >"$listed"
cursor=""
for _ in $(seq 1 100); do
  page="$(curl -sS --max-time 10 "${auth[@]}" \
    "http://127.0.0.1:$port/api/v1/entities?parent_id=$police_id&limit=200${cursor:+&cursor=$cursor}")" ||
    fatal "GET /api/v1/entities after restart"
  grep -o '"code":"crash-[0-9]*"' <<<"$page" | cut -d'"' -f4 >>"$listed"
  cursor="$(sed -n 's/.*"next_cursor":"\([^"]*\)".*/\1/p' <<<"$page")"
  [[ -n "$cursor" ]] || break
done
sort -u "$listed" -o "$listed"
sort -u "$acked" -o "$tmp/acked.sorted"
missing="$(comm -23 "$tmp/acked.sorted" "$listed")"
n_listed=$(wc -l <"$listed")
if [[ -z "$missing" ]]; then
  pass "all $n_acked acknowledged writes present after restart ($n_listed crash entities listed)"
else
  fail "$(wc -l <<<"$missing") acknowledged writes lost: $(head -5 <<<"$missing" | tr '\n' ' ')"
fi

db_entities="$(sql "SELECT count(*) FROM entities WHERE code LIKE 'crash-%'")"
db_events="$(sql "SELECT count(*) FROM events WHERE action = 'network.entity_created' AND payload LIKE '%\"code\":\"crash-%'")"
if [[ "$db_entities" == "$n_listed" && "$db_events" == "$db_entities" ]]; then
  pass "entities and audit events agree ($db_entities rows, $db_events events)"
else
  fail "entities/events disagree: $db_entities crash entities in the table, $n_listed listed, $db_events events"
fi

if "$SAWT_BIN" admin verify-audit --db "$db" >"$tmp/verify1.log" 2>&1; then
  pass "verify-audit after kill -9: $(head -1 "$tmp/verify1.log")"
else
  fail "verify-audit after kill -9: $(head -3 "$tmp/verify1.log" | tr '\n' ' ')"
fi

code="$(curl -s -o /dev/null -w '%{http_code}' --max-time 10 -X POST "${auth[@]}" -H 'Content-Type: application/json' \
  --data-binary "{\"kind\":\"department\",\"parent_id\":$police_id,\"code\":\"after-crash\",\"name_ar\":\"إدارة بعد الانهيار\",\"name_en\":\"After crash\"}" \
  "http://127.0.0.1:$port/api/v1/entities")"
if [[ "$code" == 201 ]]; then pass "restarted server accepts writes"; else fail "write after restart answered $code"; fi

# --- tampering with one audit event is detected --------------------------------------------------
stop_server
# The sixth crash event (the demo's own events hold no "crash", so MIN(id)+5 could change nothing).
victim="$(sql "SELECT id FROM events WHERE payload LIKE '%\"code\":\"crash-%' ORDER BY id LIMIT 1 OFFSET 5")"
if [[ -z "$victim" ]]; then
  fail "no crash event to tamper with"
else
  if [[ "$backend" == sqlite ]]; then
    changed="$(sql "UPDATE events SET payload = replace(payload, 'crash', 'crush') WHERE id = $victim; SELECT changes();")"
  else
    changed="$(sql "UPDATE events SET payload = replace(payload, 'crash', 'crush') WHERE id = $victim" && echo 1)"
  fi
  [[ "$changed" == 1 ]] || fail "the tampering UPDATE changed '$changed' rows"
  "$SAWT_BIN" admin verify-audit --db "$db" >"$tmp/verify2.log" 2>&1
  rc=$?
  if ((rc != 0)) && grep -Eq "event $victim([^0-9]|$)" "$tmp/verify2.log"; then
    pass "verify-audit detects the edited event $victim (exit $rc: $(head -1 "$tmp/verify2.log"))"
  else
    fail "verify-audit after editing event $victim: exit $rc, $(head -3 "$tmp/verify2.log" | tr '\n' ' ')"
  fi
fi

if ((failures == 0)); then
  echo "PASS crash.kill9 ($backend)"
  exit 0
fi
echo "FAIL crash.kill9 ($backend): $failures check(s) failed"
exit 1
