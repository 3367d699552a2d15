#pragma once

// Orders Debian package versions as dpkg does (Debian policy §5.6.12, deb-version(7)).

#include <QStringView>

namespace RebuildRadar {

// Negative when a sorts before b, zero when dpkg holds them equal, positive when after.
// Never fails: malformed versions are compared by the same rules, as dpkg's verrevcmp would.
int compareDpkgVersions(QStringView a, QStringView b);

} // namespace RebuildRadar
