#pragma once

// The value every package source (dpkg status, apk database, rpmdb.sqlite, SPDX SBOM) turns into: one
// installed package with the version and source package the distribution gave it, and the ecosystem whose
// version rules order its versions. A PackageSet holds one image's packages keyed by name.

#include <QMap>
#include <QString>

namespace RebuildRadar {

// Whose version rules apply: Debian (dpkg, deb-version(7)), Alpine (apk-tools) or RPM (rpmvercmp on
// epoch:version-release). Unknown versions can be told apart but not ordered.
enum class Ecosystem
{
    Debian,
    Alpine,
    Rpm,
    Unknown,
};

struct InstalledPackage
{
    QString name;
    QString version;
    QString sourcePackage; // the package it was built from; the name itself when none is given
    Ecosystem ecosystem = Ecosystem::Unknown;

    friend bool operator==(const InstalledPackage &, const InstalledPackage &) = default;
};

// Keyed by package name; QMap keeps names sorted, which the diff's order relies on.
using PackageSet = QMap<QString, InstalledPackage>;

// Adds the packages of `more` to `set` (distroless images keep one status.d file per package);
// a name in both takes the version from `more`.
inline void mergePackages(PackageSet &set, const PackageSet &more)
{
    for (auto it = more.begin(); it != more.end(); ++it)
        set.insert(it.key(), it.value());
}

} // namespace RebuildRadar
