#!/usr/bin/env bash
# Installs what is missing, builds with warnings as errors, and runs the whole test suite inside a
# private D-Bus session with an unlocked gnome-keyring (for the keychain tests).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
# Formatting is part of the build's warnings: the project's .clang-format, clang-format 14.
git ls-files '*.cpp' '*.h' | xargs clang-format --dry-run -Werror
build=${BUILD_DIR:-build}
# -g1: line tables for backtraces at two thirds of the build time of full debug information (configure
# a tree of your own with -g to step through locals in a debugger).
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O2 -g1 -DNDEBUG" \
  -DREBUILDRADAR_WERROR=ON
cmake --build "$build" --parallel
export QT_QPA_PLATFORM=offscreen
dbus-run-session -- bash -c '
  set -euo pipefail
  # A keyring of its own for this run: a fresh login collection, unlocked with a known password.
  export XDG_DATA_HOME=$(mktemp -d)
  trap "rm -rf \"$XDG_DATA_HOME\"" EXIT
  echo -n rebuildradar-test | gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1 || true
  ctest --test-dir "'"$build"'" --output-on-failure --timeout 300 -j2
'
