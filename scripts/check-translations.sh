#!/usr/bin/env bash
# The German and French catalogues (and the English plural forms) cover every user-visible string: lupdate finds nothing new in the
# code, and lrelease reports nothing unfinished. Called by the test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${QT_BIN:-/usr/lib/qt6/bin}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for lang in de fr en; do
  cp "translations/rebuildradar_$lang.ts" "$work/"
  only=()
  [ "$lang" = en ] && only=(-pluralonly) # English carries only its plural forms
  update=$("$bin/lupdate" -no-obsolete -locations none "${only[@]}" core ui app -ts "$work/rebuildradar_$lang.ts" 2>&1)
  # (-pluralonly counts every string as new before it strips them: lrelease below finds a missing plural)
  [ "$lang" = en ] || grep -q "(0 new and" <<<"$update" || { echo "$lang: strings missing from the catalogue (run translations/update.py): $update"; exit 1; }
  release=$("$bin/lrelease" "$work/rebuildradar_$lang.ts" -qm "$work/$lang.qm" 2>&1)
  grep -q " 0 unfinished" <<<"$release" || { echo "$lang: unfinished translations: $release"; exit 1; }
  if grep -qi "untranslated" <<<"$release"; then echo "$lang: $release"; exit 1; fi
done
echo "translations complete"
