#!/usr/bin/env bash
# Runs the benchmarks (after a build): sweep against the floor, the store at scale, and the desktop app
# on that store. Usage: bench/run.sh [TAGS_PER_REPO=20] [STORE_TAGS=10000] [DAYS=730]
set -euo pipefail
cd "$(dirname "$0")/.."
build=${BUILD_DIR:-build}
cmake --build "$build" --target bench_sweep bench_store bench_desktop bench_analysis >/dev/null
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$build/bench/bench_sweep" "${1:-20}"
"$build/bench/bench_analysis" 40
# The store benchmark leaves its database for the desktop one (two years of 10,000 tags: ~2 GB).
"$build/bench/bench_store" "${2:-10000}" "${3:-730}" "$work/history.sqlite"
QT_QPA_PLATFORM=offscreen "$build/bench/bench_desktop" "$work/history.sqlite" 1000
