#!/bin/sh
# Runs the browser tests: installs the npm packages (from package-lock.json) when one is missing,
# then `node --test` on the files named (default: every tests/browser/*.test.mjs). Exits with the
# test runner's status. `run.sh --install` only installs (CTest's fixture before the per-file tests).
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
[ "${1:-}" = "--install" ] && exit 0
cd "$ROOT"
[ $# -gt 0 ] || set -- tests/browser/*.test.mjs
set +e
node --test "$@"
exit $?
