#pragma once

#include "history/Types.h"

#include <QJsonObject>

namespace RebuildRadar {

// The JSON shapes of the CLI contract, shared by `watch list`, `history`, `export` and the app.
QJsonObject watchedTagJson(const WatchedTag &tag);
QJsonObject historyJson(const TagHistory &history);
QJsonObject rebuildJson(const Rebuild &rebuild);
// `familiar` form of a canonical reference; the input when it does not parse.
QString familiarOf(const QString &reference);

} // namespace RebuildRadar
