#!/usr/bin/env bash
# Installs what is missing, builds, and runs every test: the unit tests under ASan+UBSan, the
# text fuzzer for a bounded time, then the whole suite (unit, store and API tests against SQLite
# and a real PostgreSQL 15, crash recovery, browser) — ending with CTest's summary.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh test

PG_DIR="$PWD/build/pg"
PG_PORT=${SAWT_TEST_PG_PORT:-55432}
mkdir -p build
export SAWT_TEST_PG_URL
SAWT_TEST_PG_URL=$(scripts/pg.sh start "$PG_DIR" "$PG_PORT")
export SAWT_REQUIRE_PG=1
trap 'scripts/pg.sh stop "$PG_DIR" >/dev/null 2>&1 || true' EXIT

if [ "${SAWT_SKIP_SANITIZE:-0}" != 1 ]; then
  echo "== ASan + UBSan build and unit tests"
  if [ ! -f build-asan/build.ninja ]; then
    cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=Debug -DSAWT_SANITIZE=ON -DSAWT_WERROR=ON \
      -DSAWT_BENCH=OFF >/dev/null
  fi
  # Only the unit-test binaries: the API/browser suites run in the main build below.
  unit_targets=$(ninja -C build-asan -t targets all | sed -n 's/^\([a-z_]*_tests\): phony$/\1/p' |
    grep -vE '^(api|authz)_tests$|^cmake_' | sort -u)
  ninja -C build-asan $unit_targets
  # The sanitizer run's own summary goes to a log; on failure the log is shown.
  if ! ASAN_OPTIONS=detect_leaks=1 LSAN_OPTIONS="suppressions=$PWD/tests/store/lsan.supp" \
      ctest --test-dir build-asan -L unit --output-on-failure -j2 >build-asan/ctest.log 2>&1; then
    tail -n 200 build-asan/ctest.log
    echo "sanitizer tests failed" >&2
    exit 1
  fi
  grep -E "tests passed|tests failed" build-asan/ctest.log
fi

if [ "${SAWT_SKIP_FUZZ:-0}" != 1 ] && [ -x scripts/fuzz-text.sh ]; then
  echo "== text engine fuzzing (${FUZZ_SECONDS:=60} s)"
  FUZZ_SECONDS=$FUZZ_SECONDS scripts/fuzz-text.sh
fi

echo "== build and full test suite (SQLite + PostgreSQL)"
scripts/build.sh
ctest --test-dir build --output-on-failure -j2 2>&1 | tee build/ctest.log
# CTest lists skipped tests after its summary; end with the summary line itself.
grep -E '^[0-9]+% tests passed' build/ctest.log | tail -n 1
