#!/usr/bin/env bash
# The layer check finds what it must: a tree with one violation of each rule fails, naming each one;
# the same tree without them passes.
set -euo pipefail
check="$(dirname "$0")/../scripts/check-layers.sh"
tree=$(mktemp -d)
trap 'rm -rf "$tree"' EXIT
mkdir -p "$tree"/core/{domain,history,store,reference,poll,packages,security,analysis}
echo '#include "common/Result.h"' > "$tree/core/domain/Ok.h"
echo '#include "domain/History.h"' > "$tree/core/store/Ok.cpp"
echo '#include "packages/DpkgVersion.h"' > "$tree/core/packages/Ok.cpp"
echo '#include "packages/PackageDiff.h"' > "$tree/core/security/Ok.cpp"
echo '#include "registry/RegistryClient.h"' > "$tree/core/analysis/Ok.cpp"
bash "$check" "$tree" >/dev/null || { echo "a clean tree was refused"; exit 1; }
echo '#include "registry/RegistryClient.h"' > "$tree/core/store/Bad.cpp"
echo '#include "history/Rollouts.h"' > "$tree/core/domain/Bad.h"
echo '#include <QWidget>' > "$tree/core/poll/Bad.cpp"
echo '#include <QtGui/QImage>' > "$tree/core/history/Bad.cpp"
echo '#include "registry/ManifestParser.h"' > "$tree/core/packages/Bad.cpp"
echo '#include "registry/RegistryClient.h"' > "$tree/core/security/Bad.cpp"
echo '#include "store/HistoryStore.h"' > "$tree/core/analysis/Bad.cpp"
if out=$(bash "$check" "$tree"); then echo "violations passed: $out"; exit 1; fi
for expected in store/Bad.cpp domain/Bad.h poll/Bad.cpp history/Bad.cpp packages/Bad.cpp security/Bad.cpp analysis/Bad.cpp; do
  grep -q "$expected" <<<"$out" || { echo "not named: $expected in: $out"; exit 1; }
done
echo "the layer check finds each violation"
