#!/usr/bin/env bash
# Runs each libFuzzer target (clang, ASan + UBSan: scripts/sanitized-build.sh) for a bounded time.
# A crashing input is saved in tests/fuzz/corpus/<target>/, where the regression test replays it.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${FUZZ_SECONDS:-20}
# CI runs a fixed number of inputs from a fixed seed, so its result is the one seen before pushing.
runs=${FUZZ_RUNS:-}
seed=${FUZZ_SEED:-1}
# The sanitized tree of scripts/test-sanitizers.sh (built here if it is not yet).
build=${FUZZ_BUILD_DIR:-${SANITIZE_BUILD_DIR:-build-sanitized}}
targets=(reference auth manifest authFile dockerfile yaml dpkgStatus apkInstalled rpmHeader spdx secdb osvBatch layer)
build_targets="${targets[*]/#/fuzz_}" source scripts/sanitized-build.sh
status=0
for target in "${targets[@]}"; do
  dir=$(tr '[:upper:]' '[:lower:]' <<<"$target")
  corpus=$(mktemp -d)
  cp tests/fuzz/corpus/"$dir"/* "$corpus"/
  if [ -n "$runs" ]; then limit=(-runs="$runs" -seed="$seed"); echo "fuzzing $target: $runs inputs, seed $seed"
  else limit=(-max_total_time="$seconds"); echo "fuzzing $target for ${seconds}s"; fi
  if ! ASAN_OPTIONS=detect_leaks=0 "$build/tests/fuzz/fuzz_$target" "${limit[@]}" -max_len=65536 \
       -artifact_prefix="tests/fuzz/corpus/$dir/" "$corpus" >"$corpus/log" 2>&1; then
    echo "fuzz_$target found a crash (saved under tests/fuzz/corpus/$dir/):"
    tail -30 "$corpus/log"
    status=1
  fi
  rm -rf "$corpus"
done
exit $status
