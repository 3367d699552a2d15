#pragma once

// Finds which packages changed between two images of a repository, for one platform (issue 21):
// from their SBOM attestations where both have one (BuildKit attestation manifests in the index,
// cosign `.att` tags, OCI referrers), else from the package databases in their layers, downloading
// only layers it has not read before (LayerCache) and no more than a byte budget. Security fixes come
// from an optional FixesSource. Asynchronous on the thread it lives on, like RegistryClient.

#include "common/Result.h"
#include "packages/PackageAnalysis.h"
#include "reference/ImageReference.h"

#include <QObject>

#include <functional>
#include <memory>

namespace RebuildRadar {

class LayerCache;
class RegistryClient;

struct PackageAnalyzerOptions
{
    QString cacheFolder;                      // empty: LayerCache::defaultFolder()
    qint64 cacheMaxBytes = 512LL << 20;       // the cache folder's size, least recently used out first
    qint64 byteBudget = 200LL * 1024 * 1024;  // registry bytes one analysis may download
    qint64 maxSbomBytes = 64LL * 1024 * 1024; // one SBOM document
    qint64 maxUnpackedPerLayer = 8LL << 30;   // against compression bombs
};

class PackageAnalyzer : public QObject
{
    Q_OBJECT
public:
    // `fixes` may be null (no security data: PackageAnalysis::fixes stays unset); not owned.
    PackageAnalyzer(RegistryClient &client, FixesSource *fixes, PackageAnalyzerOptions options = {},
                    QObject *parent = nullptr);
    ~PackageAnalyzer() override;

    using Callback = std::function<void(Result<PackageAnalysis>)>;
    // `oldDigest` and `newDigest` may name indexes or image manifests of `repository` (its tag, if
    // any, is not used). For an index, `platform` picks the image (empty: the only one, else
    // linux/amd64, else the first). Calls back once, never synchronously, and not at all once
    // `context` is destroyed. Errors: ErrorCode::TooLarge "not analysed: over budget", NotFound when
    // neither an SBOM nor a package database was found, and the registry's errors.
    void analyse(const ImageReference &repository, const QString &oldDigest, const QString &newDigest,
                 const QString &platform, QObject *context, Callback callback);

    const PackageAnalyzerOptions &options() const { return m_options; }

private:
    friend class AnalysisJob;
    RegistryClient &m_client;
    FixesSource *m_fixes;
    PackageAnalyzerOptions m_options;
    std::unique_ptr<LayerCache> m_cache;
};

} // namespace RebuildRadar
