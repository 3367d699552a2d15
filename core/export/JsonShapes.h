#pragma once

#include "domain/History.h"
// familiarOf lives in reference/ now; kept reachable from here until core/cli includes it directly.
#include "reference/ImageReference.h"

#include <QJsonArray>
#include <QJsonObject>

namespace RebuildRadar {

// The JSON shapes of the CLI contract, shared by `watch list`, `history`, `export` and the app.
QJsonObject watchedTagJson(const WatchedTag &tag);
// Rebuilds carry "rollout": N and the object gets "rollouts" (see docs/CLI.md).
QJsonObject historyJson(const TagHistory &history, qint64 rolloutWindowMs = 72LL * 3600 * 1000);
QJsonObject rebuildJson(const Rebuild &rebuild);

} // namespace RebuildRadar
