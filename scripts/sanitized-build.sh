#!/usr/bin/env bash
# Configures and builds the one sanitized tree that both the sanitizer test run and the fuzz targets
# use: clang, AddressSanitizer + UndefinedBehaviorSanitizer, libFuzzer coverage in the code under test.
# -O1 -g1 as ASan advises: line numbers in reports at half the build time of -O2 -g.
# Usage: source it with `build` set to the tree's folder (and `build_targets`, to build only those).
build=${build:-build-sanitized}
CC=clang-14 CXX=clang++-14 cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_C_FLAGS_RELWITHDEBINFO="-O1 -g1 -DNDEBUG" -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g1 -DNDEBUG" \
  -DREBUILDRADAR_WERROR=ON -DREBUILDRADAR_SANITIZE=ON -DREBUILDRADAR_FUZZ=ON -DREBUILDRADAR_BUILD_BENCH=OFF \
  ${CMAKE_EXTRA_ARGS:-} >/dev/null
cmake --build "$build" --parallel ${build_targets:+--target $build_targets}
