#!/usr/bin/env bash
# Builds sawt's libFuzzer targets with clang, AddressSanitizer and UndefinedBehaviorSanitizer in
# build-fuzz/, then fuzzes each named target for FUZZ_SECONDS seconds (default 60):
#   scripts/fuzz.sh [analyzer_fuzz] [json_request_fuzz]     (no argument: both)
#   analyzer_fuzz       the text engine (src/text/fuzz), seeded with src/text/testdata/*.tsv inputs
#   json_request_fuzz   the JSON request layer (src/module/fuzz), seeded with tests/fuzz/json_request/
# Exit status is non-zero if a crash, leak, hang or sanitizer report was found; the reproducer is
# left in build-fuzz/artifacts/<target>/.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${FUZZ_BUILD_DIR:-$repo/build-fuzz}"
seconds="${FUZZ_SECONDS:-60}"
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(analyzer_fuzz json_request_fuzz)

if ! command -v clang++ >/dev/null 2>&1; then
  echo "fuzz: clang++ is required (apt-get install -y clang)" >&2
  exit 1
fi

flags="-g -O1 -fno-omit-frame-pointer -fsanitize=address,undefined,fuzzer-no-link -fno-sanitize-recover=undefined"
mkdir -p "$build"
if [ ! -f "$build/build.ninja" ]; then
  cmake -S "$repo" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ \
    -DCMAKE_C_FLAGS="$flags" -DCMAKE_CXX_FLAGS="$flags" -DSAWT_FUZZ=ON -DSAWT_BENCH=OFF >"$build/cmake.log" 2>&1 ||
    { cat "$build/cmake.log" >&2; exit 1; }
fi
ninja -C "$build" "${targets[@]}" >"$build/ninja.log" 2>&1 || { tail -n 50 "$build/ninja.log" >&2; exit 1; }

for target in "${targets[@]}"; do
  fuzzer="$(find "$build" -name "$target" -type f -perm -u+x | head -n 1)"
  corpus="$build/corpus/$target"
  artifacts="$build/artifacts/$target"
  mkdir -p "$corpus" "$artifacts"
  case "$target" in
    analyzer_fuzz)
      n=0
      for tsv in "$repo"/src/text/testdata/*.tsv; do
        while IFS=$'\t' read -r input _; do
          [[ -z "$input" || "$input" == \#* ]] && continue
          printf '%s' "$input" >"$corpus/seed-$n"
          n=$((n + 1))
        done <"$tsv"
      done
      max_len=8192
      ;;
    json_request_fuzz)
      cp "$repo"/tests/fuzz/json_request/* "$corpus/"
      # Deep nesting at and past the limit, and one far past it (once a remote crash).
      python3 -c "import sys; sys.stdout.write('{\"a\":' + '['*100000 + ']'*100000 + '}')" >"$corpus/depth-100000"
      max_len=262144
      ;;
    *) echo "fuzz: unknown target $target" >&2; exit 2 ;;
  esac
  echo "fuzz: running $target for ${seconds}s" >&2
  "$fuzzer" "$corpus" -max_total_time="$seconds" -max_len="$max_len" -timeout=10 -rss_limit_mb=2048 \
    -artifact_prefix="$artifacts/" -print_final_stats=1
done
