#!/usr/bin/env bash
# Installs what is missing, builds, and runs every test, ending with CTest's summary:
#   1. the whole tree under AddressSanitizer + UndefinedBehaviorSanitizer (build-asan/, with -Wall
#      -Wextra -Werror, benchmarks included so they keep compiling);
#   2. the API and authorization suites under ThreadSanitizer (build-tsan/, optimised);
#   3. the text and JSON request fuzzers for a bounded time;
#   4. the whole suite in build-asan/: unit, store and API tests against SQLite and a real
#      PostgreSQL 15, crash recovery, nginx in front, OpenAPI linters, the browser tests.
# SAWT_SKIP_SANITIZE=1 runs steps 3 and 4 in the plain build/ instead (quicker, for development);
# SAWT_SKIP_FUZZ=1 leaves out step 3.
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

if [ "${SAWT_SKIP_SANITIZE:-0}" = 1 ]; then
  SUITE_DIR=build
  scripts/build.sh
else
  SUITE_DIR=build-asan
  # The two sanitizer trees are most of this script's time on a small machine: unity batches parse
  # the heavy headers once per batch (cmake/unity.cmake), -g1 keeps the line tables the sanitizers'
  # reports need without full debug info, and lld links the test binaries several times faster.
  FAST_BUILD=(-DCMAKE_UNITY_BUILD=ON -DCMAKE_UNITY_BUILD_BATCH_SIZE=8)
  if command -v ld.lld >/dev/null; then
    FAST_BUILD+=(-DCMAKE_EXE_LINKER_FLAGS=-fuse-ld=lld -DCMAKE_SHARED_LINKER_FLAGS=-fuse-ld=lld)
  fi
  echo "== build under ASan + UBSan"
  [ -f build-asan/build.ninja ] ||
    cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG="-O0 -g1" \
      "${FAST_BUILD[@]}" -DSAWT_SANITIZE=ON -DSAWT_WERROR=ON -DSAWT_BENCH=ON >/dev/null
  ninja -C build-asan
  export ASAN_OPTIONS=detect_leaks=1 LSAN_OPTIONS="suppressions=$PWD/tests/store/lsan.supp"

  echo "== ThreadSanitizer: API and authorization tests"
  [ -f build-tsan/build.ninja ] ||
    cmake -S . -B build-tsan -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g1 -DNDEBUG" \
      "${FAST_BUILD[@]}" -DSAWT_TSAN=ON -DSAWT_WERROR=ON -DSAWT_BENCH=OFF >/dev/null
  ninja -C build-tsan api_tests authz_tests example_module_tests
  # Labels are regular expressions: anchored, so "api" does not also select "openapi".
  if ! TSAN_OPTIONS="halt_on_error=1 second_deadlock_stack=1 suppressions=$PWD/tests/tsan.supp" \
      ctest --test-dir build-tsan -L '^api$' --output-on-failure -j2 >build-tsan/ctest.log 2>&1; then
    tail -n 200 build-tsan/ctest.log
    echo "ThreadSanitizer: tests failed" >&2
    exit 1
  fi
  grep -E "tests passed|tests failed" build-tsan/ctest.log
fi

if [ "${SAWT_SKIP_FUZZ:-0}" != 1 ]; then
  echo "== fuzzing the text engine and the JSON request layer (${FUZZ_SECONDS:=60} s each)"
  FUZZ_SECONDS=$FUZZ_SECONDS scripts/fuzz.sh analyzer_fuzz json_request_fuzz
fi

echo "== full test suite in $SUITE_DIR (SQLite + PostgreSQL, crash, nginx, OpenAPI, browser)"
ctest --test-dir "$SUITE_DIR" --output-on-failure -j2 2>&1 | tee "$SUITE_DIR/ctest.log"
# CTest lists skipped tests after its summary; end with the summary line itself.
grep -E '^[0-9]+% tests passed' "$SUITE_DIR/ctest.log" | tail -n 1
