#!/bin/sh
# Lints the OpenAPI document with Redocly's recommended rules and Spectral's OpenAPI ruleset; fails
# on any error (warnings are printed). The linters come from package-lock.json, installed by
# scripts/deps.sh test: this test itself needs no network (and sends no telemetry).
# Environment: OPENAPI_DUMP (the openapi_dump binary).
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
for bin in redocly spectral; do
  if [ ! -x "$HERE/node_modules/.bin/$bin" ]; then
    echo "tests/openapi/node_modules/.bin/$bin is missing: run scripts/deps.sh test (npm ci in tests/openapi)" >&2
    exit 1
  fi
done
SCRATCH=$(mktemp -d)
trap 'rm -rf "$SCRATCH"' EXIT
"${OPENAPI_DUMP:?set OPENAPI_DUMP to the openapi_dump binary}" "$SCRATCH" >"$SCRATCH/openapi.json"
cd "$HERE"
status=0
echo "== redocly lint (recommended)"
REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true NO_COLOR=1 \
  node_modules/.bin/redocly lint --config redocly.yaml --format stylish "$SCRATCH/openapi.json" || status=1
echo "== spectral lint (spectral:oas)"
node_modules/.bin/spectral lint --ruleset .spectral.yaml --fail-severity error --format text "$SCRATCH/openapi.json" ||
  status=1
exit $status
