#!/usr/bin/env bash
# Runs the benchmarks (after a build): sweep against the floor, and the store at scale.
# Usage: bench/run.sh [TAGS_PER_REPO=20] [STORE_TAGS=10000] [DAYS=730]
set -euo pipefail
cd "$(dirname "$0")/.."
build=${BUILD_DIR:-build}
cmake --build "$build" --target bench_sweep bench_store >/dev/null
"$build/bench/bench_sweep" "${1:-20}"
"$build/bench/bench_store" "${2:-10000}" "${3:-730}"
