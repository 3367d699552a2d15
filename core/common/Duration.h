#pragma once

// The interval syntax people type (`30s`, `15m`, `6h`, `1d`, sums such as `1h30m`) and its shortest
// written form. Shared by the CLI's `--every` and anything else that reads or shows a watch interval.

#include "common/Result.h"

#include <QString>

namespace RebuildRadar {

// `30s`, `15m`, `6h`, `1d` (and combinations such as `1h30m`); at least one second, at most a year.
Result<int> parseDuration(const QString &text);
// The largest whole unit: 86400 is `1d`, 5400 is `90m`.
QString formatDuration(int seconds);

} // namespace RebuildRadar
