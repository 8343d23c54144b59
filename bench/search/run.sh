#!/usr/bin/env bash
# Search benchmark: builds search_bench, starts a throwaway PostgreSQL cluster, runs all four
# configurations and prints ONE JSON object on stdout (progress on stderr).
#   SAWT_BENCH_N=200000 bench/search/run.sh      # documents per configuration (default 1000000)
# Other knobs: SAWT_BENCH_QUERIES, SAWT_BENCH_TIME_LIMIT (seconds of indexing per configuration),
# BUILD_DIR (default build-bench, Release), PG_PORT (default 55447).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
build=${BUILD_DIR:-$root/build-bench}
port=${PG_PORT:-55447}
export SAWT_BENCH_CORPUS=${SAWT_BENCH_CORPUS:-$root/../shared/data/corpus/ant_v1.1_jawharafm.jsonl}
[ -f "$build/build.ninja" ] || cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release >&2
ninja -C "$build" search_bench >&2
pgdir=$(mktemp -d /tmp/sawt-search-bench-pg.XXXXXX)
chmod 777 "$pgdir"
cleanup() { "$root/scripts/pg.sh" stop "$pgdir" >&2 || true; rm -rf "$pgdir"; }
trap cleanup EXIT
export SAWT_BENCH_PG_URL=$("$root/scripts/pg.sh" start "$pgdir" "$port" 2>/dev/null)
"$build/bench/search/search_bench"
