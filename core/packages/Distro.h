#pragma once

// Which distribution an image is, from what the image says about itself: `/etc/os-release` (or
// `/usr/lib/os-release`) in its layers, or the distro qualifiers of its SBOM's package URLs, which
// generators spell differently (`distro=debian-12`, `distro=alpine-3.20.3`, `os_distro=bookworm`
// with `os_name`/`os_version`, or only the purl namespace `wolfi`).

#include "packages/PackageAnalysis.h"
#include "packages/PackageUrl.h"

#include <QByteArray>

namespace RebuildRadar {

// ID, VERSION_ID and VERSION_CODENAME of an os-release file (freedesktop.org os-release(5)); a
// Debian testing image without VERSION_ID keeps its codename.
Distro parseOsRelease(const QByteArray &data);

// RPM-based distributions by os-release ID: rhel, fedora, centos, rocky, almalinux, amzn, ol,
// opensuse-* and sles.
bool isRpmDistro(const QString &id);

// The distribution one package URL names; unknown for language packages (pypi, npm …).
Distro distroOfPackageUrl(const PackageUrl &purl);

} // namespace RebuildRadar
