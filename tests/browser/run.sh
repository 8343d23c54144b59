#!/bin/sh
# Runs the browser tests: installs playwright-core (from package-lock.json) when missing,
# then `node --test tests/browser/*.test.mjs`. Exits with the test runner's status.
# Environment: SAWT_BIN (sawt binary, default build/src/app/sawt), CHROMIUM (/usr/bin/chromium).
set -e
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
if [ ! -d "$HERE/node_modules/playwright-core" ]; then
  (cd "$HERE" && npm ci --no-audit --no-fund)
fi
cd "$ROOT"
set +e
node --test tests/browser/*.test.mjs
exit $?
