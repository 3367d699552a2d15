#!/usr/bin/env bash
# The whole test suite again, built with AddressSanitizer and UndefinedBehaviorSanitizer (clang; the
# same tree holds the fuzz targets that scripts/fuzz.sh runs).
# (Leak detection is off: Qt, fontconfig and D-Bus keep process-lifetime allocations.)
set -euo pipefail
cd "$(dirname "$0")/.."
build=${SANITIZE_BUILD_DIR:-build-sanitized}
unset build_targets # the whole tree
source scripts/sanitized-build.sh
export QT_QPA_PLATFORM=offscreen ASAN_OPTIONS=detect_leaks=0 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
dbus-run-session -- bash -c '
  set -euo pipefail
  export XDG_DATA_HOME=$(mktemp -d)
  trap "rm -rf \"$XDG_DATA_HOME\"" EXIT
  echo -n rebuildradar-test | gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1 || true
  # The package and translation checks do not exercise our code under the sanitizers.
  ctest --test-dir "'"$build"'" --output-on-failure --timeout 600 -j2 -E "PackageDeb|TranslationsComplete"
'
