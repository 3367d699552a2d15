#pragma once

// Reads the packages dpkg lists as installed in an image: `var/lib/dpkg/status`, or one file of the
// distroless `var/lib/dpkg/status.d/` directory (same stanza format, often without a Status field).

#include "packages/InstalledPackage.h"

#include <QByteArray>

namespace RebuildRadar {

// Every byte sequence is a valid (possibly empty) database here: stanzas that lack a Package or
// Version, or whose Status says the package is not fully installed, are skipped. Later stanzas of
// the same name replace earlier ones. Ecosystem is Debian.
PackageSet parseDpkgStatus(const QByteArray &data);

} // namespace RebuildRadar
