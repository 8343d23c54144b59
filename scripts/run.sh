#!/usr/bin/env bash
# Installs what is missing, builds, loads the demo network into SQLite and serves it on :8080.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh run
SAWT_BUILD_TARGETS=sawt scripts/build.sh
DB=${SAWT_DB:-sqlite:var/sawt.db}
PORT=${SAWT_PORT:-8080}
build/src/app/sawt demo --db "$DB" --quiet
echo
echo "sawt (صوت) is starting at http://localhost:$PORT/"
echo "demo logins (every account but admin uses the password sawt-demo-2026):"
echo "  admin / admin-demo            network administrator (Government Communication Office)"
echo "  police.director               entity admin, General Command of Police  (also: health., rta., municipality., ...)"
echo "  police.editor / police.reviewer / police.spokesperson"
echo "  gco.analyst / gco.trainer / gco.editor"
echo "(the README lists every demo login; stop with Ctrl-C)"
# --public-url makes feed self links and e-mail links absolute (docs/operations.md).
exec build/src/app/sawt serve --db "$DB" --port "$PORT" --web web --public-url "http://localhost:$PORT"
