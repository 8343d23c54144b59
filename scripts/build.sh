#!/usr/bin/env bash
# Configures and builds sawt in build/ (or $SAWT_BUILD_DIR). Fast when nothing changed.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR=${SAWT_BUILD_DIR:-build}
if [ ! -f "$BUILD_DIR/build.ninja" ]; then
  cmake -S . -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DSAWT_WERROR=ON "$@" >/dev/null
fi
ninja -C "$BUILD_DIR" ${SAWT_BUILD_TARGETS:-}
