#!/usr/bin/env bash
# Analysis throughput of sawt's text engine, on one core, against libstemmer's Snowball Arabic
# (same tokens, same run) and PostgreSQL 15's to_tsvector('arabic', ...) (same texts, in a
# throwaway cluster under the build directory). All three are compared by CPU time (the
# PostgreSQL backend's from /proc), so other load on the machine counts against none of them.
# Prints one JSON object on stdout; Google
# Benchmark's table and progress go to stderr.
#
# Environment: BUILD_DIR (default build-bench), SAWT_TEXT_CORPUS (default
# ../shared/data/corpus/ant_v1.1_jawharafm.jsonl; generated text if absent),
# PG_BIN (default /usr/lib/postgresql/15/bin), BENCH_MIN_TIME (seconds, default 2).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
build="${BUILD_DIR:-$repo/build-bench}"
corpus="${SAWT_TEXT_CORPUS:-$repo/../shared/data/corpus/ant_v1.1_jawharafm.jsonl}"
pg_bin="${PG_BIN:-/usr/lib/postgresql/15/bin}"
min_time="${BENCH_MIN_TIME:-2}"

log() { echo "bench/text: $*" >&2; }

# Build text_bench in Release: with the whole project if it configures, else the text engine
# on its own (src/text/CMakeLists.txt pulls in bench/text when configured alone).
mkdir -p "$build"
if cmake -S "$repo" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release >"$build/cmake-bench.log" 2>&1 \
   && ninja -C "$build" text_bench >"$build/ninja-bench.log" 2>&1; then
  :
else
  log "project build failed (see $build/*-bench.log); building src/text alone"
  build="$repo/build-text-solo"
  mkdir -p "$build"
  cmake -S "$repo/src/text" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release >"$build/cmake-bench.log" 2>&1
  ninja -C "$build" text_bench >"$build/ninja-bench.log" 2>&1
fi
bench="$(find "$build" -name text_bench -type f -perm -u+x | head -n 1)"
[[ -x "$bench" ]] || { log "text_bench was not built"; exit 1; }

pin=()
if command -v taskset >/dev/null 2>&1; then pin=(taskset -c 0); fi

# PostgreSQL: time to_tsvector('arabic', text) over the same texts.
pg_mbps=0
pgdir="$build/pg-bench"
pg_started=0
as_pg() {
  if [[ "$(id -u)" == 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}
stop_pg() {
  if [[ "$pg_started" == 1 ]]; then
    as_pg "$pg_bin/pg_ctl" -D "$pgdir/data" -m fast -w stop >/dev/null 2>&1 || true
    pg_started=0
  fi
}
trap stop_pg EXIT

free_port() {
  local port
  for port in $(seq 55432 55532); do
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return 0
    fi
  done
  return 1
}

if [[ -x "$pg_bin/initdb" && -x "$pg_bin/pg_ctl" ]] && command -v psql >/dev/null 2>&1; then
  rm -rf "$pgdir"
  mkdir -p "$pgdir"
  bytes="$("$bench" --corpus="$corpus" --export_text="$pgdir/corpus.tsv")"
  if [[ "$(id -u)" == 0 ]]; then chown -R postgres:postgres "$pgdir"; fi
  port="$(free_port)"
  log "PostgreSQL on 127.0.0.1:$port in $pgdir"
  as_pg "$pg_bin/initdb" -D "$pgdir/data" -A trust -U postgres -E UTF8 --no-locale >"$pgdir/initdb.log" 2>&1
  as_pg "$pg_bin/pg_ctl" -D "$pgdir/data" -l "$pgdir/server.log" -w \
    -o "-p $port -k $pgdir -c listen_addresses=127.0.0.1 -c max_parallel_workers_per_gather=0 -c shared_buffers=256MB -c jit=off" \
    start >/dev/null
  pg_started=1
  psql_cmd=(psql -X -q -A -t -h 127.0.0.1 -p "$port" -U postgres -d postgres -v ON_ERROR_STOP=1)
  # Stored uncompressed so the timing is text search, not TOAST decompression.
  "${psql_cmd[@]}" -c "CREATE TABLE corpus (text text)" \
    -c "ALTER TABLE corpus ALTER COLUMN text SET STORAGE EXTERNAL" \
    -c "\\copy corpus FROM '$pgdir/corpus.tsv'" -c "VACUUM ANALYZE corpus" >/dev/null
  # Three runs in one session; the backend's own CPU time (utime + stime from /proc, read
  # around each query) is compared with text_bench's CPU time, so load from other processes
  # on the machine counts against neither side. Wall time is logged too.
  script="$pgdir/timing.sql"
  {
    echo "SELECT pg_backend_pid() \\g $pgdir/backend.pid"
    for run in 1 2 3; do
      echo "\\! cat /proc/\$(cat $pgdir/backend.pid)/stat > $pgdir/stat.$run.before"
      echo "\\timing on"
      echo "SELECT sum(length(to_tsvector('arabic', text)::text)) FROM corpus;"
      echo "\\timing off"
      echo "\\! cat /proc/\$(cat $pgdir/backend.pid)/stat > $pgdir/stat.$run.after"
    done
  } >"$script"
  wall="$("${psql_cmd[@]}" -f "$script" | sed -n 's/^Time: \([0-9.]*\) ms.*/\1/p' | sort -n | head -n 1)"
  ticks="$(getconf CLK_TCK)"
  best_cpu=""
  for run in 1 2 3; do
    cpu="$(awk -v t="$ticks" 'NR==FNR {b = $14 + $15; next} {printf "%.3f", ($14 + $15 - b) / t}' \
      "$pgdir/stat.$run.before" "$pgdir/stat.$run.after" 2>/dev/null || true)"
    if [[ -n "$cpu" ]] && { [[ -z "$best_cpu" ]] || awk -v a="$cpu" -v b="$best_cpu" 'BEGIN{exit !(a<b)}'; }; then
      best_cpu="$cpu"
    fi
  done
  stop_pg
  if [[ -n "$best_cpu" ]] && awk -v c="$best_cpu" 'BEGIN{exit !(c>0)}'; then
    pg_mbps="$(awk -v b="$bytes" -v s="$best_cpu" 'BEGIN{printf "%.3f", b / s / 1e6}')"
    log "PostgreSQL to_tsvector('arabic'): best CPU ${best_cpu} s (best wall ${wall} ms) for $bytes bytes = $pg_mbps MB/s"
  elif [[ -n "$wall" ]]; then
    pg_mbps="$(awk -v b="$bytes" -v ms="$wall" 'BEGIN{printf "%.3f", b / (ms / 1000) / 1e6}')"
    log "PostgreSQL to_tsvector('arabic'): best wall ${wall} ms for $bytes bytes = $pg_mbps MB/s (no /proc CPU time)"
  fi
else
  log "PostgreSQL 15 not found under $pg_bin; skipping the PostgreSQL peer"
fi

"${pin[@]}" "$bench" --corpus="$corpus" --postgres_mbps="$pg_mbps" \
  --benchmark_min_time="$min_time"
