#!/usr/bin/env bash
# Keeps the layers of ARCHITECTURE.md: the history's values and reasoning, the store and references
# know no HTTP (no registry/ include under core/domain, core/history, core/store, core/reference), domain/
# includes only common/, domain/ and packages/, packages/ only common/ and packages/, security/ only
# common/, packages/ and security/, analysis/ only common/, packages/, reference/, registry/ and
# analysis/, and nothing in core/ includes a QtWidgets or QtGui header.
# Usage: check-layers.sh [ROOT] (default: the repository); exits 1 and names each violation.
set -euo pipefail
root=${1:-"$(dirname "$0")/.."}
qt=${QT_INCLUDE:-/usr/include/x86_64-linux-gnu/qt6}
status=0
violation() { echo "layer violation: $1"; status=1; }

while IFS= read -r line; do
  violation "$line (history, store, reference and domain never include registry/)"
done < <(grep -rnE '^\s*#\s*include\s*"registry/' "$root"/core/domain "$root"/core/history "$root"/core/store \
           "$root"/core/reference 2>/dev/null || true)

while IFS= read -r line; do
  violation "$line (domain/ includes only common/, domain/ and packages/)"
done < <(grep -rnE '^\s*#\s*include\s*"' "$root"/core/domain 2>/dev/null | grep -vE '"(common|domain|packages)/' || true)

while IFS= read -r line; do
  violation "$line (packages/ includes only common/ and packages/)"
done < <(grep -rnE '^\s*#\s*include\s*"' "$root"/core/packages 2>/dev/null | grep -vE '"(common|packages)/' || true)

while IFS= read -r line; do
  violation "$line (security/ includes only common/, packages/ and security/)"
done < <(grep -rnE '^\s*#\s*include\s*"' "$root"/core/security 2>/dev/null | grep -vE '"(common|packages|security)/' || true)

while IFS= read -r line; do
  violation "$line (analysis/ includes only common/, packages/, reference/, registry/ and analysis/)"
done < <(grep -rnE '^\s*#\s*include\s*"' "$root"/core/analysis 2>/dev/null |
           grep -vE '"(common|packages|reference|registry|analysis)/' || true)

# Any header that QtWidgets or QtGui provides, however it is spelled (<QWidget>, <QtWidgets/QWidget>).
while IFS= read -r hit; do
  file=${hit%%:*}
  header=$(sed -E 's/.*#\s*include\s*<([^>]+)>.*/\1/' <<<"${hit#*:*:}")
  base=${header##*/}
  for module in QtWidgets QtGui; do
    if [ -e "$qt/$module/$base" ] || [[ "$header" == "$module/"* ]]; then
      violation "$file includes <$header> ($module: core links QtCore, QtNetwork and QtSql only)"
    fi
  done
done < <(grep -rnE '^\s*#\s*include\s*<Q' "$root"/core 2>/dev/null || true)

[ "$status" -eq 0 ] && echo "layers kept"
exit "$status"
