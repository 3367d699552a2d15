#!/usr/bin/env bash
# Builds the libFuzzer targets with clang (ASan + UBSan) and runs each for a bounded time.
# A crashing input is saved in tests/fuzz/corpus/<target>/, where the regression test replays it.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${FUZZ_SECONDS:-20}
build=${FUZZ_BUILD_DIR:-build-fuzz}
CC=clang-14 CXX=clang++-14 cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DREBUILDRADAR_FUZZ=ON -DREBUILDRADAR_BUILD_UI=OFF -DREBUILDRADAR_WERROR=OFF >/dev/null
targets=(reference auth manifest authFile dockerfile yaml)
cmake --build "$build" --target "${targets[@]/#/fuzz_}"
status=0
for target in "${targets[@]}"; do
  dir=$(tr '[:upper:]' '[:lower:]' <<<"$target")
  corpus=$(mktemp -d)
  cp tests/fuzz/corpus/"$dir"/* "$corpus"/
  echo "fuzzing $target for ${seconds}s"
  if ! ASAN_OPTIONS=detect_leaks=0 "$build/tests/fuzz/fuzz_$target" -max_total_time="$seconds" -max_len=65536 \
       -artifact_prefix="tests/fuzz/corpus/$dir/" "$corpus" >"$corpus/log" 2>&1; then
    echo "fuzz_$target found a crash (saved under tests/fuzz/corpus/$dir/):"
    tail -30 "$corpus/log"
    status=1
  fi
  rm -rf "$corpus"
done
exit $status
