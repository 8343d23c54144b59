#!/bin/sh
# Runs the browser tests: installs the npm packages (from package-lock.json) when one is missing,
# then `node --test tests/browser/*.test.mjs`. Exits with the test runner's status.
# Environment: SAWT_BIN (sawt binary, default build/src/app/sawt), CHROMIUM (/usr/bin/chromium).
set -e
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
# Every package of package.json must be installed (a new one is added to an existing checkout).
missing=$(cd "$HERE" && node -e '
  const p = require("./package.json");
  const fs = require("fs");
  const names = Object.keys({ ...(p.dependencies || {}), ...(p.devDependencies || {}) });
  console.log(names.filter((n) => !fs.existsSync(`node_modules/${n}/package.json`)).join(" "));')
if [ -n "$missing" ]; then
  (cd "$HERE" && npm ci --no-audit --no-fund)
fi
cd "$ROOT"
set +e
node --test tests/browser/*.test.mjs
exit $?
