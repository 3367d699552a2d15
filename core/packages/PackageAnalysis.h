#pragma once

// What analysing one platform of one rebuild found (issue 21): where the packages came from (an SBOM
// attestation or the package databases in the layers), the distribution they belong to, their diff,
// the known security fixes the new versions bring (when security data could be read) and what the
// analysis downloaded. Also the seam through which security data is asked for, so the analysis knows
// no HTTP of its own.

#include "packages/PackageDiff.h"

#include <QList>
#include <QObject>
#include <QString>

#include <functional>
#include <optional>

namespace RebuildRadar {

// The distribution of an image, as /etc/os-release or a purl's distro qualifier names it:
// {"debian", "12", "bookworm"}, {"alpine", "3.20.3", ""}, {"wolfi", "", ""}, {"chainguard", "", ""}.
struct Distro
{
    QString id;        // os-release ID, lower case
    QString versionId; // os-release VERSION_ID
    QString codename;  // os-release VERSION_CODENAME

    bool isKnown() const { return !id.isEmpty(); }
    friend bool operator==(const Distro &, const Distro &) = default;
};

enum class PackageSource
{
    Sbom,
    Layers,
};

// "sbom" | "layers": the contract's words.
QString packageSourceName(PackageSource source);
std::optional<PackageSource> packageSourceFromName(QStringView name);

// One image's packages and the distribution they came with.
struct ImagePackages
{
    PackageSet packages;
    Distro distro;
};

// A vulnerability (CVE-…, GHSA-…, DSA-…) that the new version of `package` fixes and the old did not.
struct SecurityFix
{
    QString id;
    QString package;
    friend bool operator==(const SecurityFix &, const SecurityFix &) = default;
};

struct PackageAnalysis
{
    QString platform; // os/arch[/variant]
    PackageSource source = PackageSource::Sbom;
    Distro distro; // the new image's
    PackageDiff diff;
    // Unset: no security data for this distribution, or it could not be read ("security data
    // unavailable"); set and empty: the data was read and no fix came with this rebuild.
    std::optional<QList<SecurityFix>> fixes;
    qint64 bytesFetched = 0; // registry bytes this analysis downloaded (cached layers count 0)
    friend bool operator==(const PackageAnalysis &, const PackageAnalysis &) = default;
};

// Where security fixes come from (secdb, OSV); the analysis asks, the engine and the CLI supply one.
class FixesSource
{
public:
    virtual ~FixesSource() = default;
    using FixesCallback = std::function<void(std::optional<QList<SecurityFix>>)>;
    // Fixes brought by the upgrades in `diff` for `distro`; nullopt when no data is available. Calls
    // back on the caller's thread, never synchronously, and not at all once `context` is gone.
    virtual void fixesFor(const Distro &distro, const PackageDiff &diff, QObject *context,
                          FixesCallback callback) = 0;
};

} // namespace RebuildRadar
