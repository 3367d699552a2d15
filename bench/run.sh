#!/usr/bin/env bash
# Runs the benchmarks (after a build): sweep against the floor, the store at scale, the store on
# PostgreSQL beside SQLite, delivery to `follow`, and the desktop app on the store.
# Usage: bench/run.sh [TAGS_PER_REPO=20] [STORE_TAGS=10000] [DAYS=730] [POSTGRES_DAYS=30]
set -euo pipefail
cd "$(dirname "$0")/.."
build=${BUILD_DIR:-build}
cmake --build "$build" --target bench_sweep bench_store bench_follow bench_desktop bench_analysis >/dev/null
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$build/bench/bench_sweep" "${1:-20}"
"$build/bench/bench_analysis" 40
# The store benchmark leaves its database for the desktop one (two years of 10,000 tags: ~2 GB).
"$build/bench/bench_store" "${2:-10000}" "${3:-730}" "$work/history.sqlite"
# Both backends side by side, on a throwaway PostgreSQL server; a shorter history, since filling
# PostgreSQL through its client connection takes many minutes at two years.
# (Where PostgreSQL cannot start, these say why and the other benchmarks still run.)
"$build/bench/bench_store" --postgres "${2:-10000}" "${4:-30}" || echo "bench_store --postgres did not finish"
"$build/bench/bench_follow" 50 || echo "bench_follow did not finish"
QT_QPA_PLATFORM=offscreen "$build/bench/bench_desktop" "$work/history.sqlite" 1000
