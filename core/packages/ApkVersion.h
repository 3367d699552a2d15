#pragma once

// Orders Alpine package versions as apk-tools does (`apk version -t`).

#include <QStringView>

namespace RebuildRadar {

// Negative when a sorts before b, zero when apk holds them equal, positive when after.
// Never fails: a malformed tail stops the comparison where apk's tokenizer stops.
int compareApkVersions(QStringView a, QStringView b);

} // namespace RebuildRadar
