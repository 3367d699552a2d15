#pragma once

// Reads the packages apk lists as installed in an image: `lib/apk/db/installed`.

#include "packages/InstalledPackage.h"

#include <QByteArray>

namespace RebuildRadar {

// Every byte sequence is a valid (possibly empty) database here: records without a name (P:) or
// version (V:) are skipped. Ecosystem is Alpine.
PackageSet parseApkInstalled(const QByteArray &data);

} // namespace RebuildRadar
