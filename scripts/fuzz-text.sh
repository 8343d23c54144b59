#!/usr/bin/env bash
# Builds the text engine's libFuzzer target (src/text/fuzz/analyzer_fuzz.cpp) with clang,
# AddressSanitizer and UndefinedBehaviorSanitizer in build-fuzz/, then fuzzes it for
# FUZZ_SECONDS seconds (default 60). Exit status is non-zero if a crash, leak, hang or
# sanitizer report was found; the reproducer is left in build-fuzz/artifacts/.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${FUZZ_BUILD_DIR:-$repo/build-fuzz}"
seconds="${FUZZ_SECONDS:-60}"

if ! command -v clang++ >/dev/null 2>&1; then
  echo "fuzz-text: clang++ is required (apt-get install -y clang)" >&2
  exit 1
fi

flags="-g -O1 -fno-omit-frame-pointer -fsanitize=address,undefined,fuzzer-no-link -fno-sanitize-recover=undefined"
configure() {  # configure <source dir> <build dir>
  cmake -S "$1" -B "$2" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ \
    -DCMAKE_C_FLAGS="$flags" -DCMAKE_CXX_FLAGS="$flags" -DSAWT_FUZZ=ON -DSAWT_BENCH=OFF
}

mkdir -p "$build"
# The whole project first; if another module does not configure or build with clang, the text
# engine alone (it has no dependency on the rest of sawt).
if configure "$repo" "$build" >"$build/cmake.log" 2>&1 &&
   ninja -C "$build" analyzer_fuzz >"$build/ninja.log" 2>&1; then
  :
else
  echo "fuzz-text: project build failed (see $build/*.log); building src/text alone" >&2
  build="$build/text-only"
  mkdir -p "$build"
  configure "$repo/src/text" "$build" >"$build/cmake.log" 2>&1
  ninja -C "$build" analyzer_fuzz >"$build/ninja.log" 2>&1
fi
fuzzer="$(find "$build" -name analyzer_fuzz -type f -perm -u+x | head -n 1)"

# Seed corpus: the inputs of the data-driven tests.
corpus="$build/corpus"
artifacts="$build/artifacts"
mkdir -p "$corpus" "$artifacts"
n=0
for tsv in "$repo"/src/text/testdata/*.tsv; do
  while IFS=$'\t' read -r input _; do
    [[ -z "$input" || "$input" == \#* ]] && continue
    printf '%s' "$input" >"$corpus/seed-$n"
    n=$((n + 1))
  done <"$tsv"
done

echo "fuzz-text: running $fuzzer for ${seconds}s" >&2
"$fuzzer" "$corpus" -max_total_time="$seconds" -max_len=8192 -timeout=10 -rss_limit_mb=2048 \
  -artifact_prefix="$artifacts/" -print_final_stats=1
