// The analyzer's face: it owns the layer cache shared by its analyses and starts one AnalysisJob per
// call (AnalysisJob.cpp, SbomSearch.cpp), whose lifetime ends with its callback or its context.
#include "analysis/PackageAnalyzer.h"

#include "analysis/AnalysisJob.h"
#include "analysis/LayerCache.h"
#include "registry/RegistryClient.h"

#include <QRegularExpression>

namespace RebuildRadar {

PackageAnalyzer::PackageAnalyzer(RegistryClient &client, FixesSource *fixes, PackageAnalyzerOptions options,
                                 QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_fixes(fixes)
    , m_options(std::move(options))
    , m_cache(std::make_unique<LayerCache>(m_options.cacheFolder.isEmpty() ? LayerCache::defaultFolder()
                                                                           : m_options.cacheFolder,
                                           m_options.cacheMaxBytes))
{}

PackageAnalyzer::~PackageAnalyzer()
{
    // Jobs first: they use the cache.
    for (AnalysisJob *job : findChildren<AnalysisJob *>(Qt::FindDirectChildrenOnly))
        delete job;
}

void PackageAnalyzer::analyse(const ImageReference &repository, const QString &oldDigest,
                              const QString &newDigest, const QString &platform, QObject *context,
                              Callback callback)
{
    static const QRegularExpression digest(QStringLiteral("^sha(256:[0-9a-f]{64}|512:[0-9a-f]{128})$"));
    auto *job = new AnalysisJob(*this, repository, platform, context, std::move(callback));
    for (const QString &d : {oldDigest, newDigest}) {
        if (!digest.match(d).hasMatch()) {
            job->fail(makeError(ErrorCode::InvalidInput, QStringLiteral("not an image digest: %1").arg(d)));
            return;
        }
    }
    job->start(oldDigest, newDigest);
}

} // namespace RebuildRadar
