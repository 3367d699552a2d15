#pragma once

// What changed inside a rebuild, in one line of words: the line the details pane, the timeline's
// tooltip, reports and notifications show ("openssl 3.0.15-1 → 3.0.17-1 (fixes CVE-2024-13176); 2
// more changed" or "no package changed: rebuilt with the same packages"). Translated (context
// "Packages"); plain text, each reader escapes it for its own format.

#include "domain/History.h"

#include <QString>

namespace RebuildRadar {

// One platform's analysis. The packages that bring security fixes lead, grouped by source package.
QString packageSummary(const PackageAnalysis &analysis);

// A rebuild's platforms: one line when every analysed platform changed alike, else one part per
// platform ("linux/amd64: …; linux/arm64: not analysed: over budget"); empty until analysed.
QString rebuildPackageSummary(const Rebuild &rebuild);

} // namespace RebuildRadar
