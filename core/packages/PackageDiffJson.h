#pragma once

// The JSON form of a package diff in the CLI contract (`diff --json`'s "packages" and `history
// --json`'s per-platform packages): {"changed": [{"name", "from", "to", "source_package"}],
// "added": [{"name", "version"}], "removed": [{"name", "version"}]}.

#include "packages/PackageDiff.h"

#include <QJsonObject>

namespace RebuildRadar {

QJsonObject packageDiffJson(const PackageDiff &diff);

} // namespace RebuildRadar
