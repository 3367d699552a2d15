#pragma once

// One run of PackageAnalyzer::analyse: resolves both images to the platform's manifest, looks for
// their SBOMs (SbomSearch.cpp), else reads their layers, diffs, asks for fixes and calls back once.
// Internal to core/analysis; it is the context of every request it sends, so deleting it cancels them.

#include "analysis/LayerScan.h"
#include "analysis/PackageAnalyzer.h"
#include "registry/ManifestParser.h"

#include <QPointer>

#include <optional>

namespace RebuildRadar {

class AnalysisJob : public QObject
{
    Q_OBJECT
public:
    AnalysisJob(PackageAnalyzer &analyzer, ImageReference repository, QString platform, QObject *context,
                PackageAnalyzer::Callback callback);
    void start(const QString &oldDigest, const QString &newDigest);
    void fail(const Error &error);

private:
    struct Image
    {
        QString digest;         // as asked for
        QString manifestDigest; // the platform's image manifest
        std::optional<ParsedManifest> index;
        ParsedManifest manifest;
        QString platform;
    };
    using ImageDone = std::function<void(Result<Image>)>;
    using SbomDone = std::function<void(std::optional<ImagePackages>)>;
    using PackagesDone = std::function<void(Result<ImagePackages>)>;

    void resolve(const QString &digest, ImageDone done);
    void pickPlatform(Image image, ImageDone done);
    void analyseImages();

    // SbomSearch.cpp
    void findSbom(const Image &image, SbomDone done);
    void sbomFromAttestationManifest(const Image &image, SbomDone done);
    void sbomFromCosignTag(const QStringList &subjects, SbomDone done);
    void sbomFromReferrers(const Image &image, SbomDone done);
    void sbomFromManifests(QStringList references, SbomDone done);
    void sbomFromLayers(QList<Descriptor> layers, SbomDone done);

    void packagesFromLayers(const Image &image, PackagesDone done);
    void scanLayers(QList<Descriptor> layers, QList<LayerContents> read, const QString &which,
                    PackagesDone done);
    void fetchManifest(const QString &reference, std::function<void(Result<ParsedManifest>)> done);
    void fetchSmallBlob(const Descriptor &blob, qint64 cap, std::function<void(Result<QByteArray>)> done);

    void finish(PackageSource source, const ImagePackages &oldImage, const ImagePackages &newImage);
    void deliver(Result<PackageAnalysis> result);
    qint64 remainingBudget() const;
    Error overBudget() const;

    PackageAnalyzer &m_analyzer;
    ImageReference m_repository;
    QString m_platform;
    QPointer<QObject> m_context;
    bool m_hasContext = false;
    PackageAnalyzer::Callback m_callback;
    Image m_old;
    Image m_new;
    qint64 m_fetched = 0;
    bool m_done = false;
};

} // namespace RebuildRadar
