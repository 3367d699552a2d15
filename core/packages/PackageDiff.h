#pragma once

// What changed between the packages of two images (issue 21): each package whose version moved, in
// which direction by its ecosystem's rules, and the packages that appeared or went away.

#include "packages/InstalledPackage.h"

#include <QList>
#include <QString>

#include <optional>

namespace RebuildRadar {

enum class VersionDirection
{
    Upgrade,
    Downgrade,
    Unknown, // the ecosystem is unknown, or differs between the two images
};

struct PackageChange
{
    QString name;
    QString from;
    QString to;
    QString sourcePackage; // the new image's; the one a security fix is published for
    Ecosystem ecosystem = Ecosystem::Unknown;
    VersionDirection direction = VersionDirection::Unknown;

    friend bool operator==(const PackageChange &, const PackageChange &) = default;
};

struct PackageVersion
{
    QString name;
    QString version;

    friend bool operator==(const PackageVersion &, const PackageVersion &) = default;
};

struct PackageDiff
{
    QList<PackageChange> changed; // each list sorted by name
    QList<PackageVersion> added;
    QList<PackageVersion> removed;

    bool isEmpty() const { return changed.isEmpty() && added.isEmpty() && removed.isEmpty(); }
    friend bool operator==(const PackageDiff &, const PackageDiff &) = default;
};

// Orders two versions by the ecosystem's rules; nothing for Ecosystem::Unknown.
std::optional<int> compareVersions(Ecosystem ecosystem, QStringView a, QStringView b);

// A package counts as changed when its ecosystem holds the versions different (dpkg's "1.0" and
// "1.0-0" are one version), or, in an unknown ecosystem, when the strings differ.
PackageDiff diffPackages(const PackageSet &oldSet, const PackageSet &newSet);

} // namespace RebuildRadar
