// Package-analysis benchmark (issue 21): what one analysed rebuild costs, in registry bytes and time,
// on a loopback docker-registry. Two images of a Debian-shaped tag (a base layer of BASE_MB with the
// dpkg database, an application layer, ~400 packages), each with a BuildKit SPDX attestation: the
// SBOM path (attestations only), the layer path with an empty layer cache, and the layer path for the
// next rebuild, whose lower layer is cached. Medians of three runs; a fresh analyzer each run.
#include "ClientHarness.h"
#include "LocalRegistry.h"
#include "analysis/PackageAnalyzer.h"
#include "registry/ManifestParser.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>

using namespace RebuildRadar;
using namespace RebuildRadar::Test;

namespace {

QByteArray runTool(const QString &program, const QStringList &args, const QByteArray &input = {})
{
    QProcess p;
    p.start(program, args);
    p.write(input);
    p.closeWriteChannel();
    p.waitForFinished(300000);
    return p.readAllStandardOutput();
}

QByteArray gzipTar(const QMap<QString, QByteArray> &files)
{
    QTemporaryDir dir;
    for (auto it = files.begin(); it != files.end(); ++it) {
        QDir().mkpath(QFileInfo(dir.filePath(it.key())).path());
        QFile f(dir.filePath(it.key()));
        f.open(QIODevice::WriteOnly);
        f.write(it.value());
    }
    const QByteArray tar =
        runTool(QStringLiteral("tar"),
                {QStringLiteral("--sort=name"), QStringLiteral("--mtime=@0"), QStringLiteral("-C"),
                 dir.path(), QStringLiteral("-cf"), QStringLiteral("-"), QStringLiteral(".")});
    return runTool(QStringLiteral("gzip"), {QStringLiteral("-c"), QStringLiteral("-n"), QStringLiteral("-1")},
                   tar);
}

QByteArray noise(qsizetype size, quint32 seed)
{
    QRandomGenerator random(seed);
    QByteArray out(size, Qt::Uninitialized);
    random.fillRange(reinterpret_cast<quint32 *>(out.data()), size / 4);
    return out;
}

const QString kGzip = QStringLiteral("application/vnd.oci.image.layer.v1.tar+gzip");

struct Set
{
    QByteArray status;
    QByteArray sbom;
};

// ~400 packages; `generation` moves a tenth of them to a new revision.
Set packageSet(int generation)
{
    Set set;
    QJsonArray packages;
    for (int i = 0; i < 400; ++i) {
        const QString name = QStringLiteral("lib%1-pkg").arg(i);
        const QString version = QStringLiteral("1.%1.0-%2").arg(i).arg(i % 10 == 0 ? 1 + generation : 1);
        set.status +=
            QStringLiteral("Package: %1\nStatus: install ok installed\nPriority: optional\nVersion: %2\n"
                           "Description: package %1\n some words of description\n\n")
                .arg(name, version)
                .toUtf8();
        const QString purl =
            QStringLiteral("pkg:deb/debian/%1@%2?arch=amd64&distro=debian-12").arg(name, version);
        packages.append(QJsonObject{
            {QStringLiteral("name"), name},
            {QStringLiteral("SPDXID"), QStringLiteral("SPDXRef-Package-%1").arg(i)},
            {QStringLiteral("versionInfo"), version},
            {QStringLiteral("licenseConcluded"), QStringLiteral("NOASSERTION")},
            {QStringLiteral("copyrightText"), QStringLiteral("NOASSERTION")},
            {QStringLiteral("externalRefs"),
             QJsonArray{QJsonObject{{QStringLiteral("referenceCategory"), QStringLiteral("PACKAGE-MANAGER")},
                                    {QStringLiteral("referenceType"), QStringLiteral("purl")},
                                    {QStringLiteral("referenceLocator"), purl}}}}});
    }
    set.sbom = QJsonDocument(
                   QJsonObject{{QStringLiteral("_type"), QStringLiteral("https://in-toto.io/Statement/v0.1")},
                               {QStringLiteral("predicateType"), QStringLiteral("https://spdx.dev/Document")},
                               {QStringLiteral("predicate"),
                                QJsonObject{{QStringLiteral("spdxVersion"), QStringLiteral("SPDX-2.3")},
                                            {QStringLiteral("packages"), packages}}}})
                   .toJson(QJsonDocument::Compact);
    return set;
}

struct Run
{
    double ms = 0;
    qint64 bytes = 0;
    int changed = 0;
    QString source;
};

Run analyseOnce(ClientHarness &net, const QString &cache, const ImageReference &repo, const QString &from,
                const QString &to, bool layersOnly)
{
    PackageAnalyzerOptions options;
    options.cacheFolder = cache;
    PackageAnalyzer analyzer(net.client, nullptr, options);
    std::optional<Result<PackageAnalysis>> out;
    QElapsedTimer t;
    t.start();
    analyzer.analyse(repo, from, to, layersOnly ? QStringLiteral("linux/amd64") : QString(), &net.context,
                     [&out](Result<PackageAnalysis> r) { out.emplace(std::move(r)); });
    (void)QTest::qWaitFor([&] { return out.has_value(); }, 600000);
    Run run;
    run.ms = double(t.nsecsElapsed()) / 1e6;
    if (out && *out) {
        run.bytes = (*out)->bytesFetched;
        run.changed = int((*out)->diff.changed.size());
        run.source = packageSourceName((*out)->source);
    } else {
        std::fprintf(stderr, "analysis failed: %s\n", out ? qPrintable(out->error().message) : "timed out");
    }
    return run;
}

Run median(QList<Run> runs)
{
    std::sort(runs.begin(), runs.end(), [](const Run &a, const Run &b) { return a.ms < b.ms; });
    return runs.value(runs.size() / 2);
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QLoggingCategory::setFilterRules(QStringLiteral("rebuildradar.*.debug=false"));
    const int baseMb = argc > 1 ? QString::fromLocal8Bit(argv[1]).toInt() : 40;
    LocalRegistry registry;
    if (!registry.isRunning()) {
        std::fprintf(stderr, "%s\n", qPrintable(registry.error()));
        return 1;
    }
    Pusher push(registry.host());
    const QString name = QStringLiteral("bench/analysis");
    const QByteArray osRelease = "ID=debian\nVERSION_ID=\"12\"\nVERSION_CODENAME=bookworm\n";
    const QByteArray base = gzipTar({{QStringLiteral("var/lib/dpkg/status"), packageSet(0).status},
                                     {QStringLiteral("etc/os-release"), osRelease},
                                     {QStringLiteral("usr/lib/blob"), noise(qsizetype(baseMb) << 20, 1)}});
    // Without attestations: the layer path; with them: the SBOM path. Three generations each.
    QStringList plain;
    QStringList attested;
    for (int g = 0; g < 3; ++g) {
        const Set set = packageSet(g);
        const QByteArray upper = gzipTar({{QStringLiteral("var/lib/dpkg/status"), set.status},
                                          {QStringLiteral("app/data"), noise(2 << 20, 10 + quint32(g))}});
        const IndexEntry image = push.pushLayers(
            name, {TestLayer{base, kGzip, {}}, TestLayer{upper, kGzip, {}}}, QStringLiteral("linux/amd64"));
        plain.append(image.digest);
        attested.append(push.pushIndex(name, QStringLiteral("latest"),
                                       {image, push.pushSbomAttestation(name, image.digest, set.sbom)}));
    }
    const ImageReference repo =
        ImageReference::parse(registry.host() + u'/' + name + QStringLiteral(":latest")).value();
    ClientHarness net;

    QList<Run> sbom;
    QList<Run> cold;
    QList<Run> warm;
    for (int i = 0; i < 3; ++i) {
        QTemporaryDir cache;
        sbom.append(analyseOnce(net, cache.path(), repo, attested[0], attested[1], false));
        cold.append(analyseOnce(net, cache.path(), repo, plain[0], plain[1], true));
        warm.append(analyseOnce(net, cache.path(), repo, plain[1], plain[2], true)); // base layer cached
    }
    const Run s = median(sbom), c = median(cold), w = median(warm);
    std::printf(
        "package analysis of one rebuild (base layer %d MiB + 2 MiB app layer, 400 packages, 40 changed)\n",
        baseMb);
    std::printf("  image size (compressed layers)        %8.1f MiB\n",
                double(base.size() + (2 << 20)) / (1 << 20));
    std::printf("  SBOM path                 %10.1f ms %10.1f KiB  source %s, %d changed\n", s.ms,
                double(s.bytes) / 1024, qPrintable(s.source), s.changed);
    std::printf("  layer path, cold cache    %10.1f ms %10.1f KiB  source %s, %d changed\n", c.ms,
                double(c.bytes) / 1024, qPrintable(c.source), c.changed);
    std::printf("  layer path, lower cached  %10.1f ms %10.1f KiB  source %s, %d changed\n", w.ms,
                double(w.bytes) / 1024, qPrintable(w.source), w.changed);
    std::printf("%s\n", QJsonDocument(QJsonObject{{QStringLiteral("bench"), QStringLiteral("analysis")},
                                                  {QStringLiteral("base_mib"), baseMb},
                                                  {QStringLiteral("sbom_ms"), s.ms},
                                                  {QStringLiteral("sbom_bytes"), s.bytes},
                                                  {QStringLiteral("layers_cold_ms"), c.ms},
                                                  {QStringLiteral("layers_cold_bytes"), c.bytes},
                                                  {QStringLiteral("layers_warm_ms"), w.ms},
                                                  {QStringLiteral("layers_warm_bytes"), w.bytes}})
                            .toJson(QJsonDocument::Compact)
                            .constData());
    return 0;
}
