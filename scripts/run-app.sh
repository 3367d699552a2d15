#!/usr/bin/env bash
# Installs what is missing, builds, and starts the desktop app on its default SQLite database.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
build=${BUILD_DIR:-build}
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo
cmake --build "$build" --parallel --target rebuildradar rebuildradar-cli
exec "$build/app/rebuildradar" "$@"
