#pragma once

// The platform list people type (`linux/amd64,linux/arm64/v8`) for the platforms they run: read by the
// CLI's `--platforms` and the desktop's Add dialog alike.

#include "common/Result.h"

#include <QStringList>

namespace RebuildRadar {

// Comma-separated `os/architecture[/variant]`, duplicates dropped, order kept.
Result<QStringList> parsePlatforms(const QString &text);

} // namespace RebuildRadar
