#pragma once

// The JSON form of a package diff in the CLI contract (`diff --json`'s "packages" and `history
// --json`'s per-platform packages): {"changed": [{"name", "from", "to", "source_package"}],
// "added": [{"name", "version"}], "removed": [{"name", "version"}]}, and of one platform's analysis.

#include "packages/PackageAnalysis.h"
#include "packages/PackageDiff.h"

#include <QJsonObject>

namespace RebuildRadar {

QJsonObject packageDiffJson(const PackageDiff &diff);
// The diff's fields plus "source" and "fixes" ([{"id", "package"}], or null when no security data
// could be read): one platform's entry of a rebuild's "packages" in `history --json`.
QJsonObject packageAnalysisJson(const PackageAnalysis &analysis);
// [{"id", "package"}], or null.
QJsonValue securityFixesJson(const std::optional<QList<SecurityFix>> &fixes);

// The stored form of an analysis: its JSON above plus what the contract leaves out (the platform, the
// distribution, each change's ecosystem, the bytes fetched), read back whole; nothing for a record
// that is not one (a damaged row reads as "not analysed", never as "no package changed").
QJsonObject packageAnalysisRecord(const PackageAnalysis &analysis);
std::optional<PackageAnalysis> packageAnalysisFromRecord(const QJsonObject &record);

} // namespace RebuildRadar
