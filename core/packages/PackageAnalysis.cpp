// The contract's words for where a package list came from.
#include "packages/PackageAnalysis.h"

namespace RebuildRadar {

QString packageSourceName(PackageSource source)
{
    switch (source) {
    case PackageSource::Sbom:
        return QStringLiteral("sbom");
    case PackageSource::Layers:
        return QStringLiteral("layers");
    }
    return {};
}

std::optional<PackageSource> packageSourceFromName(QStringView name)
{
    if (name == u"sbom")
        return PackageSource::Sbom;
    if (name == u"layers")
        return PackageSource::Layers;
    return std::nullopt;
}

} // namespace RebuildRadar
