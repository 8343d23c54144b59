#!/usr/bin/env bash
# Installs what sawt needs from Debian 12 (and npm for the browser tests), only what is missing.
#   scripts/deps.sh run    build + run the server
#   scripts/deps.sh test   everything the full test suite needs (PostgreSQL, clang, Chromium, Node, nginx)
#   scripts/deps.sh bench  the benchmark peers (nginx, wrk)
set -euo pipefail

RUN_PKGS=(build-essential cmake ninja-build pkg-config libboost1.81-dev libsqlite3-dev sqlite3 libpqxx-dev
  libargon2-dev libssl-dev nlohmann-json3-dev libicu-dev libstemmer-dev zlib1g-dev libgtest-dev libgmock-dev
  libbenchmark-dev libxml2-dev libical-dev libpango1.0-dev libcairo2-dev fonts-noto-core)
TEST_PKGS=(postgresql-15 clang lld libclang-rt-14-dev chromium nodejs npm curl ca-certificates libxml2-utils
  fonts-dejavu-core nginx-light openssl poppler-utils)
BENCH_PKGS=(nginx-light wrk postgresql-15 curl)

want=("${RUN_PKGS[@]}")
case "${1:-run}" in
  run) ;;
  test) want+=("${TEST_PKGS[@]}") ;;
  bench) want+=("${TEST_PKGS[@]}" "${BENCH_PKGS[@]}") ;;
  *) echo "usage: $0 run|test|bench" >&2; exit 2 ;;
esac

missing=()
for p in "${want[@]}"; do
  # node/npm may come from elsewhere than Debian (a newer Node.js already on the machine): keep it.
  if [ "$p" = nodejs ] && command -v node >/dev/null; then continue; fi
  if [ "$p" = npm ] && command -v npm >/dev/null; then continue; fi
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing: ${missing[*]}" >&2
  SUDO=""
  [ "$(id -u)" = 0 ] || SUDO=sudo
  export DEBIAN_FRONTEND=noninteractive
  # The package lists may be missing or stale on a fresh machine; retry while another apt holds the lock.
  for attempt in 1 2 3 4 5 6 7 8 9 10; do
    if $SUDO apt-get update -qq && $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"; then
      break
    fi
    [ "$attempt" = 10 ] && { echo "apt-get failed" >&2; exit 1; }
    sleep 6
  done
fi

# The OpenAPI linters (tests/openapi/lint.sh), exactly as package-lock.json pins them: installed
# here so that the test itself needs no network. Reinstalled when any locked package is missing
# or at another version.
if [ "${1:-run}" != run ]; then
  if ! (cd tests/openapi && node -e '
      const fs = require("fs");
      const lock = require("./package-lock.json");
      for (const [where, p] of Object.entries(lock.packages)) {
        if (!where.startsWith("node_modules/") || !p.version || p.optional) continue;
        let got = "";
        try { got = JSON.parse(fs.readFileSync(where + "/package.json")).version; } catch {}
        if (got !== p.version) process.exit(1);
      }') 2>/dev/null; then
    (cd tests/openapi && npm ci --no-audit --no-fund --ignore-scripts)
  fi
fi
