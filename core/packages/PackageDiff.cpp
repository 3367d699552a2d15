// The diff walks both name-sorted sets once, like a merge: a name in both is compared, a name in one
// only is added or removed.
#include "packages/PackageDiff.h"

#include "packages/ApkVersion.h"
#include "packages/DpkgVersion.h"
#include "packages/RpmVersion.h"

namespace RebuildRadar {

std::optional<int> compareVersions(Ecosystem ecosystem, QStringView a, QStringView b)
{
    switch (ecosystem) {
    case Ecosystem::Debian:
        return compareDpkgVersions(a, b);
    case Ecosystem::Alpine:
        return compareApkVersions(a, b);
    case Ecosystem::Rpm:
        return compareRpmVersions(a, b);
    case Ecosystem::Unknown:
        break;
    }
    return std::nullopt;
}

namespace {

// Returns nothing when the two are the same version.
std::optional<PackageChange> change(const InstalledPackage &before, const InstalledPackage &after)
{
    // A package whose ecosystem changed (an image rebased from Debian to Alpine) has versions no
    // single rule orders.
    const Ecosystem ecosystem = before.ecosystem == after.ecosystem ? after.ecosystem : Ecosystem::Unknown;
    PackageChange c{after.name,          before.version, after.version,
                    after.sourcePackage, ecosystem,      VersionDirection::Unknown};
    if (const std::optional<int> order = compareVersions(ecosystem, before.version, after.version)) {
        if (*order == 0)
            return std::nullopt;
        c.direction = *order < 0 ? VersionDirection::Upgrade : VersionDirection::Downgrade;
    } else if (before.version == after.version) {
        return std::nullopt;
    }
    return c;
}

} // namespace

PackageDiff diffPackages(const PackageSet &oldSet, const PackageSet &newSet)
{
    PackageDiff diff;
    auto o = oldSet.constBegin();
    auto n = newSet.constBegin();
    while (o != oldSet.constEnd() || n != newSet.constEnd()) {
        if (n == newSet.constEnd() || (o != oldSet.constEnd() && o.key() < n.key())) {
            diff.removed.append(PackageVersion{o->name, o->version});
            ++o;
        } else if (o == oldSet.constEnd() || n.key() < o.key()) {
            diff.added.append(PackageVersion{n->name, n->version});
            ++n;
        } else {
            if (auto c = change(*o, *n))
                diff.changed.append(*c);
            ++o;
            ++n;
        }
    }
    return diff;
}

} // namespace RebuildRadar
