#pragma once

// Durations as people read them ("3 d 4 h", "45 min"), shared by the reports, the CLI and the
// timeline so every face of the app words a gap the same way.

#include <QString>

namespace RebuildRadar {

// Whole minutes, hours and days of `ms`, the two largest units that apply.
QString humanDuration(qint64 ms);

} // namespace RebuildRadar
