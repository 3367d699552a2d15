// The order of work: both images' manifests (the index, then the platform's manifest), then SBOMs
// (the old image's first: without one there is no point asking for the new one's), else the layers
// of both, with the byte budget checked against the layers' declared sizes before any is fetched.
#include "analysis/AnalysisJob.h"

#include "analysis/LayerCache.h"
#include "analysis/LayerScan.h"
#include "registry/RegistryClient.h"

#include <QLoggingCategory>
#include <QSet>
#include <QTimer>

namespace RebuildRadar {

Q_LOGGING_CATEGORY(lcAnalysis, "rebuildradar.analysis")

AnalysisJob::AnalysisJob(PackageAnalyzer &analyzer, ImageReference repository, QString platform,
                         QObject *context, PackageAnalyzer::Callback callback)
    : QObject(&analyzer)
    , m_analyzer(analyzer)
    , m_repository(std::move(repository))
    , m_platform(std::move(platform))
    , m_context(context)
    , m_hasContext(context != nullptr)
    , m_callback(std::move(callback))
{
    if (context)
        connect(context, &QObject::destroyed, this, [this] { deleteLater(); });
}

void AnalysisJob::start(const QString &oldDigest, const QString &newDigest)
{
    resolve(oldDigest, [this, newDigest](Result<Image> oldImage) {
        if (!oldImage)
            return fail(oldImage.error());
        m_old = std::move(oldImage).value();
        resolve(newDigest, [this](Result<Image> newImage) {
            if (!newImage)
                return fail(newImage.error());
            m_new = std::move(newImage).value();
            analyseImages();
        });
    });
}

qint64 AnalysisJob::remainingBudget() const
{
    return std::max<qint64>(0, m_analyzer.m_options.byteBudget - m_fetched);
}

Error AnalysisJob::overBudget() const
{
    return makeError(ErrorCode::TooLarge, QStringLiteral("not analysed: over budget"));
}

void AnalysisJob::fetchManifest(const QString &reference, std::function<void(Result<ParsedManifest>)> done)
{
    m_analyzer.m_client.fetchManifest(
        m_repository, reference, this,
        [this, done = std::move(done)](Result<RegistryClient::FetchedManifest> fetched) {
            if (!fetched)
                return done(fetched.error());
            m_fetched += fetched->body.size();
            done(parseManifest(fetched->body, fetched->mediaType));
        });
}

void AnalysisJob::resolve(const QString &digest, ImageDone done)
{
    fetchManifest(digest, [this, digest, done = std::move(done)](Result<ParsedManifest> manifest) {
        if (!manifest)
            return done(manifest.error());
        Image image;
        image.digest = digest;
        if (!manifest->isIndex) {
            image.manifestDigest = digest;
            image.manifest = std::move(manifest).value();
            image.platform = m_platform;
            return done(std::move(image));
        }
        image.index = std::move(manifest).value();
        pickPlatform(std::move(image), std::move(done));
    });
}

void AnalysisJob::pickPlatform(Image image, ImageDone done)
{
    QList<Descriptor> images;
    for (const Descriptor &d : image.index->manifests) {
        if (!d.isAttestationOrUnknown())
            images.append(d);
    }
    const Descriptor *chosen = nullptr;
    const auto find = [&images](const QString &platform) -> const Descriptor * {
        for (const Descriptor &d : images) {
            if (d.platform == platform)
                return &d;
        }
        // "linux/arm64" asks for the one arm64 image, whatever its variant
        for (const Descriptor &d : images) {
            if (d.platform.startsWith(platform + u'/'))
                return &d;
        }
        return nullptr;
    };
    if (!m_platform.isEmpty())
        chosen = find(m_platform);
    else if (images.size() == 1)
        chosen = &images.first();
    else if (!(chosen = find(QStringLiteral("linux/amd64"))) && !images.isEmpty())
        chosen = &images.first();
    if (!chosen)
        return done(makeError(ErrorCode::NotFound,
                              m_platform.isEmpty()
                                  ? QStringLiteral("%1 lists no image").arg(image.digest)
                                  : QStringLiteral("%1 has no %2 image").arg(image.digest, m_platform)));
    image.manifestDigest = chosen->digest;
    image.platform = chosen->platform;
    fetchManifest(chosen->digest, [image, done = std::move(done)](Result<ParsedManifest> manifest) mutable {
        if (!manifest)
            return done(manifest.error());
        if (manifest->isIndex)
            return done(
                makeError(ErrorCode::Protocol,
                          QStringLiteral("%1 is an index inside an index").arg(image.manifestDigest)));
        image.manifest = std::move(manifest).value();
        done(std::move(image));
    });
}

void AnalysisJob::analyseImages()
{
    findSbom(m_old, [this](std::optional<ImagePackages> oldSbom) {
        const auto fromLayers = [this] {
            packagesFromLayers(m_old, [this](Result<ImagePackages> oldImage) {
                if (!oldImage)
                    return fail(oldImage.error());
                packagesFromLayers(m_new, [this, oldImage = *oldImage](Result<ImagePackages> newImage) {
                    if (!newImage)
                        return fail(newImage.error());
                    finish(PackageSource::Layers, oldImage, *newImage);
                });
            });
        };
        if (!oldSbom)
            return fromLayers();
        findSbom(m_new, [this, oldSbom = *oldSbom, fromLayers](std::optional<ImagePackages> newSbom) {
            if (!newSbom)
                return fromLayers();
            finish(PackageSource::Sbom, oldSbom, *newSbom);
        });
    });
}

void AnalysisJob::packagesFromLayers(const Image &image, PackagesDone done)
{
    // The budget is checked on the declared sizes of every layer still to download, of both images,
    // before the first byte: an analysis over budget downloads nothing.
    if (&image == &m_old) {
        QSet<QString> toFetch;
        qint64 declared = 0;
        for (const Image *each : {&m_old, &m_new}) {
            for (const Descriptor &layer : each->manifest.layers) {
                if (!toFetch.contains(layer.digest) && !m_analyzer.m_cache->find(layer.digest)) {
                    toFetch.insert(layer.digest);
                    declared += std::max<qint64>(layer.size, 0);
                }
            }
        }
        if (declared > remainingBudget())
            return done(overBudget());
    }
    const QString which = image.digest;
    scanLayers(image.manifest.layers, {}, which, std::move(done));
}

void AnalysisJob::scanLayers(QList<Descriptor> layers, QList<LayerContents> read, const QString &which,
                             PackagesDone done)
{
    if (layers.isEmpty() || read.size() == layers.size()) {
        auto image = packagesOfLayers(read);
        if (!image && image.error().code == ErrorCode::NotFound)
            return done(makeError(ErrorCode::NotFound,
                                  QStringLiteral("not analysed: %1 has no SBOM and no package database "
                                                 "(dpkg, apk, rpmdb.sqlite) in its layers")
                                      .arg(which)));
        if (!image)
            return done(makeError(image.error().code,
                                  QStringLiteral("not analysed: %1: %2").arg(which, image.error().message)));
        return done(std::move(*image));
    }
    const Descriptor layer = layers.at(read.size());
    const auto next = [this, layers, read, which, done](const LayerContents &contents) {
        QList<LayerContents> more = read;
        more.append(contents);
        scanLayers(layers, std::move(more), which, done);
    };
    if (auto cached = m_analyzer.m_cache->find(layer.digest))
        return next(*cached);
    // Not a filesystem layer (an artifact's blob): it holds no packages.
    if (!layer.mediaType.isEmpty() && !layer.mediaType.contains(u"tar")) {
        return next(LayerContents{});
    }
    auto scanner = std::make_shared<LayerScanner>(layer.mediaType, m_analyzer.m_options.maxUnpackedPerLayer);
    BodySink sink;
    sink.chunk = [scanner](QByteArrayView chunk) { return scanner->feed(chunk); };
    sink.restart = [scanner] { scanner->restart(); };
    const qint64 cap = remainingBudget();
    m_analyzer.m_client.fetchBlob(
        m_repository, layer.digest, cap, std::move(sink), this,
        [this, scanner, layer, next, done](Result<RegistryClient::BlobReceived> received) mutable {
            if (!received) {
                if (received.error().code == ErrorCode::TooLarge &&
                    received.error().message.startsWith(u"response from"))
                    return done(overBudget());
                return done(
                    makeError(received.error().code,
                              QStringLiteral("layer %1: %2").arg(layer.digest, received.error().message)));
            }
            m_fetched += received->transferred;
            auto contents = scanner->finish();
            if (!contents)
                return done(
                    makeError(contents.error().code,
                              QStringLiteral("layer %1: %2").arg(layer.digest, contents.error().message)));
            m_analyzer.m_cache->store(layer.digest, *contents);
            next(*contents);
        });
}

void AnalysisJob::finish(PackageSource source, const ImagePackages &oldImage, const ImagePackages &newImage)
{
    PackageAnalysis analysis;
    analysis.platform = m_new.platform.isEmpty() ? m_old.platform : m_new.platform;
    analysis.source = source;
    analysis.distro = newImage.distro.isKnown() ? newImage.distro : oldImage.distro;
    analysis.diff = diffPackages(oldImage.packages, newImage.packages);
    analysis.bytesFetched = m_fetched;
    qCDebug(lcAnalysis) << m_repository.repository() << packageSourceName(source)
                        << analysis.diff.changed.size() << "changed," << m_fetched << "bytes";
    if (!m_analyzer.m_fixes || analysis.diff.changed.isEmpty()) {
        if (m_analyzer.m_fixes)
            analysis.fixes = QList<SecurityFix>{}; // nothing changed: nothing can have been fixed
        return deliver(std::move(analysis));
    }
    m_analyzer.m_fixes->fixesFor(analysis.distro, analysis.diff, this,
                                 [this, analysis](std::optional<QList<SecurityFix>> fixes) mutable {
                                     analysis.fixes = std::move(fixes);
                                     deliver(std::move(analysis));
                                 });
}

void AnalysisJob::fail(const Error &error)
{
    deliver(error);
}

void AnalysisJob::deliver(Result<PackageAnalysis> result)
{
    if (m_done)
        return;
    m_done = true;
    // Never synchronously, and never for a context that is gone.
    QTimer::singleShot(0, this, [this, result = std::move(result)]() mutable {
        if (!m_hasContext || m_context)
            m_callback(std::move(result));
        deleteLater();
    });
}

} // namespace RebuildRadar
