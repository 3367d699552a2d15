#pragma once

// Durations: the interval syntax people type (`30s`, `15m`, `6h`, `1d`, sums such as `1h30m`) and its
// shortest written form, shared by the CLI's `--every` and anything that reads or shows an interval;
// and gaps as people read them ("3 d 4 h", "45 min"), shared by the reports, the CLI and the timeline
// so every face of the app words a gap the same way.

#include "common/Result.h"

#include <QString>

namespace RebuildRadar {

// `30s`, `15m`, `6h`, `1d` (and combinations such as `1h30m`); at least one second, at most a year.
Result<int> parseDuration(const QString &text);
// The largest whole unit: 86400 is `1d`, 5400 is `90m`.
QString formatDuration(int seconds);

// Whole minutes, hours and days of `ms`, the two largest units that apply.
QString humanDuration(qint64 ms);

} // namespace RebuildRadar
