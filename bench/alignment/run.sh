#!/usr/bin/env bash
# Alignment check benchmark: builds alignment_bench and runs it pinned to one core; prints ONE JSON
# object on stdout (progress on stderr).
#   bench/alignment/run.sh
# Knobs: SAWT_BENCH_CORPUS (JSONL with a "text" field; default ../shared/data/corpus/ant_v1.1_jawharafm.jsonl),
# SAWT_BENCH_ITERATIONS (default 300), BUILD_DIR (default build-bench, Release).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
build=${BUILD_DIR:-$root/build-bench}
export SAWT_BENCH_CORPUS=${SAWT_BENCH_CORPUS:-$root/../shared/data/corpus/ant_v1.1_jawharafm.jsonl}
[ -f "$build/build.ninja" ] || cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release >&2
ninja -C "$build" alignment_bench >&2
exec taskset -c 0 "$build/bench/alignment/alignment_bench"
