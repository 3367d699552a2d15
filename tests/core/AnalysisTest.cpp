// What changed inside a rebuild (issue 21), read from a real registry on loopback: SBOM attestations
// (BuildKit and cosign) with Debian- and Alpine-shaped package sets, and package databases in gzip,
// zstd and plain tar layers with whiteouts, each diff checked package by package; what is downloaded
// (blob requests counted), the layer cache and the byte budget; and the `diff` command.
#include "CliRunner.h"
#include "ClientHarness.h"
#include "LocalRegistry.h"
#include "ScriptedServer.h"
#include "analysis/LayerScan.h"
#include "analysis/PackageAnalyzer.h"
#include "analysis/TarReader.h"
#include "registry/ManifestParser.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>

#include <gtest/gtest.h>

using namespace RebuildRadar;
using namespace RebuildRadar::Test;

namespace {

// One registry for the whole binary: each test pushes to its own repository.
LocalRegistry &sharedRegistry()
{
    static LocalRegistry registry;
    return registry;
}

QByteArray run(const QString &program, const QStringList &args, const QByteArray &input = {})
{
    QProcess p;
    p.start(program, args);
    p.write(input);
    p.closeWriteChannel();
    p.waitForFinished(60000);
    EXPECT_EQ(p.exitCode(), 0) << program.toStdString() << p.readAllStandardError().toStdString();
    return p.readAllStandardOutput();
}

// A layer as image builders write it: the `tar` command over these files (path → contents), with
// fixed owners and times so the same files give the same bytes (a shared layer).
QByteArray makeTar(const QMap<QString, QByteArray> &files, const QString &format = QStringLiteral("gnu"))
{
    QTemporaryDir dir;
    for (auto it = files.begin(); it != files.end(); ++it) {
        const QString path = dir.filePath(it.key());
        QDir().mkpath(QFileInfo(path).path());
        QFile f(path);
        f.open(QIODevice::WriteOnly);
        f.write(it.value());
    }
    return run(QStringLiteral("tar"),
               {QStringLiteral("--format=") + format, QStringLiteral("--sort=name"),
                QStringLiteral("--owner=0"), QStringLiteral("--group=0"), QStringLiteral("--numeric-owner"),
                QStringLiteral("--mtime=@0"), QStringLiteral("-C"), dir.path(), QStringLiteral("-cf"),
                QStringLiteral("-"), QStringLiteral(".")});
}

QByteArray gzip(const QByteArray &data)
{
    return run(QStringLiteral("gzip"), {QStringLiteral("-c"), QStringLiteral("-n")}, data);
}

QByteArray zstd(const QByteArray &data)
{
    return run(QStringLiteral("zstd"), {QStringLiteral("-c"), QStringLiteral("-q")}, data);
}

// Bytes no compressor shrinks, so a layer's size is what the test chose.
QByteArray noise(qsizetype size, quint32 seed)
{
    QRandomGenerator random(seed);
    QByteArray out(size, Qt::Uninitialized);
    for (qsizetype i = 0; i < size; ++i)
        out[i] = char(random.bounded(256));
    return out;
}

const QString kGzipLayer = QStringLiteral("application/vnd.oci.image.layer.v1.tar+gzip");
const QString kZstdLayer = QStringLiteral("application/vnd.oci.image.layer.v1.tar+zstd");
const QString kTarLayer = QStringLiteral("application/vnd.oci.image.layer.v1.tar");

struct Pkg
{
    QByteArray name;
    QByteArray version;
    QByteArray source; // empty: the name
};

QByteArray dpkgStatus(const QList<Pkg> &packages)
{
    QByteArray out;
    for (const Pkg &p : packages) {
        out += "Package: " + p.name + "\nStatus: install ok installed\nPriority: optional\n";
        if (!p.source.isEmpty())
            out += "Source: " + p.source + "\n";
        out += "Version: " + p.version + "\nDescription: test package\n second line\n\n";
    }
    return out;
}

QByteArray apkInstalled(const QList<Pkg> &packages)
{
    QByteArray out;
    for (const Pkg &p : packages)
        out += "C:Q1abc=\nP:" + p.name + "\nV:" + p.version +
               "\nA:x86_64\no:" + (p.source.isEmpty() ? p.name : p.source) + "\n\n";
    return out;
}

const QByteArray kDebianOsRelease =
    "PRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\nNAME=\"Debian GNU/Linux\"\n"
    "VERSION_ID=\"12\"\nVERSION=\"12 (bookworm)\"\nVERSION_CODENAME=bookworm\nID=debian\n";

// An in-toto statement holding an SPDX document whose packages carry these purls.
QByteArray spdxStatement(const QStringList &purls)
{
    QJsonArray packages{QJsonObject{{QStringLiteral("name"), QStringLiteral("/")},
                                    {QStringLiteral("SPDXID"), QStringLiteral("SPDXRef-root")}}};
    int n = 0;
    for (const QString &purl : purls) {
        packages.append(QJsonObject{
            {QStringLiteral("name"), purl.section(u'/', -1).section(u'@', 0, 0)},
            {QStringLiteral("SPDXID"), QStringLiteral("SPDXRef-Package-%1").arg(++n)},
            {QStringLiteral("versionInfo"), purl.section(u'@', 1).section(u'?', 0, 0)},
            {QStringLiteral("externalRefs"),
             QJsonArray{QJsonObject{{QStringLiteral("referenceCategory"), QStringLiteral("PACKAGE-MANAGER")},
                                    {QStringLiteral("referenceType"), QStringLiteral("purl")},
                                    {QStringLiteral("referenceLocator"), purl}}}}});
    }
    const QJsonObject document{{QStringLiteral("spdxVersion"), QStringLiteral("SPDX-2.3")},
                               {QStringLiteral("name"), QStringLiteral("sbom")},
                               {QStringLiteral("packages"), packages}};
    return QJsonDocument(
               QJsonObject{{QStringLiteral("_type"), QStringLiteral("https://in-toto.io/Statement/v0.1")},
                           {QStringLiteral("predicateType"), QStringLiteral("https://spdx.dev/Document")},
                           {QStringLiteral("subject"), QJsonArray{}},
                           {QStringLiteral("predicate"), document}})
        .toJson(QJsonDocument::Compact);
}

class Analysis : public testing::Test
{
protected:
    void SetUp() override
    {
        ASSERT_TRUE(registry().isRunning()) << registry().error().toStdString();
        QObject::connect(&harness.client, &RegistryClient::requestSent, &harness.context,
                         [this](const QString &, RequestKind kind, const QUrl &url) {
                             if (kind == RequestKind::Blob)
                                 blobs.append(url.path().section(u'/', -1));
                         });
    }
    LocalRegistry &registry() { return sharedRegistry(); }
    ImageReference repo(const QString &name) const
    {
        return ImageReference::parse(sharedRegistry().host() + u'/' + name + QStringLiteral(":latest"))
            .value();
    }
    Result<PackageAnalysis> analyse(PackageAnalyzer &by, const QString &name, const QString &from,
                                    const QString &to, const QString &platform = {})
    {
        std::optional<Result<PackageAnalysis>> out;
        by.analyse(repo(name), from, to, platform, &harness.context,
                   [&out](Result<PackageAnalysis> r) { out.emplace(std::move(r)); });
        if (!QTest::qWaitFor([&] { return out.has_value(); }, 60000))
            return makeError(ErrorCode::Cancelled, QStringLiteral("test timed out"));
        return *out;
    }
    Result<PackageAnalysis> analyse(const QString &name, const QString &from, const QString &to,
                                    const QString &platform = {})
    {
        return analyse(analyzer, name, from, to, platform);
    }
    PackageAnalyzerOptions options() const
    {
        PackageAnalyzerOptions o;
        o.cacheFolder = cacheDir.path();
        return o;
    }
    // The changed packages as "name from→to (source)", the added and removed as "name version".
    static QStringList changes(const PackageDiff &diff)
    {
        QStringList out;
        for (const PackageChange &c : diff.changed)
            out.append(QStringLiteral("%1 %2→%3 (%4)").arg(c.name, c.from, c.to, c.sourcePackage));
        for (const PackageVersion &p : diff.added)
            out.append(QStringLiteral("+%1 %2").arg(p.name, p.version));
        for (const PackageVersion &p : diff.removed)
            out.append(QStringLiteral("-%1 %2").arg(p.name, p.version));
        return out;
    }

    Pusher push{sharedRegistry().host()};
    QTemporaryDir cacheDir;
    ClientHarness harness;
    PackageAnalyzer analyzer{harness.client, nullptr, options()};
    QStringList blobs; // digests of the blobs downloaded
};

} // namespace

// BuildKit SBOM attestations, Debian packages in both purl spellings real generators write: the diff
// comes from the SBOMs alone, and no image layer is downloaded, only the SPDX layer of each.
TEST_F(Analysis, DebianSbomAttestationsGiveTheDiffWithoutDownloadingLayers)
{
    const QString name = QStringLiteral("sbom-debian");
    const QByteArray layer =
        gzip(makeTar({{QStringLiteral("var/lib/dpkg/status"), dpkgStatus({{"bash", "5.2.15-2+b2", {}}})}}));
    const QString q = QStringLiteral("?arch=amd64&distro=debian-12");
    const QByteArray oldSbom = spdxStatement({
        QStringLiteral("pkg:deb/debian/libc6@2.36-9%2Bdeb12u7") + q + QStringLiteral("&upstream=glibc"),
        QStringLiteral("pkg:deb/debian/openssl@3.0.15-1~deb12u1") + q,
        QStringLiteral("pkg:deb/debian/libssl3@3.0.15-1~deb12u1") + q + QStringLiteral("&upstream=openssl"),
        QStringLiteral("pkg:deb/debian/tzdata@2024a-0%2Bdeb12u1") + q,
        QStringLiteral("pkg:deb/debian/libold@1.0-1") + q,
        QStringLiteral("pkg:pypi/pip@24.0"),
    });
    // docker scout's spelling: the codename in os_distro, name and version beside it
    const QString s = QStringLiteral("?arch=amd64&os_distro=bookworm&os_name=debian&os_version=12");
    const QByteArray newSbom = spdxStatement({
        QStringLiteral("pkg:deb/debian/libc6@2.36-9%2Bdeb12u7") + s + QStringLiteral("&upstream=glibc"),
        QStringLiteral("pkg:deb/debian/openssl@3.0.17-1~deb12u1") + s,
        QStringLiteral("pkg:deb/debian/libssl3@3.0.17-1~deb12u1") + s + QStringLiteral("&upstream=openssl"),
        QStringLiteral("pkg:deb/debian/tzdata@2025b-0%2Bdeb12u1") + s,
        QStringLiteral("pkg:deb/debian/libnew@2.1-3") + s,
        QStringLiteral("pkg:pypi/pip@24.0"),
    });
    QStringList indexes;
    QStringList layerDigests{sha256Digest(layer)};
    for (const QByteArray &sbom : {oldSbom, newSbom}) {
        const IndexEntry image = push.pushLayers(
            name, {TestLayer{layer, kGzipLayer, {}},
                   TestLayer{gzip(makeTar({{QStringLiteral("app/x"), sbom.left(20)}})), kGzipLayer, {}}});
        const IndexEntry arm =
            push.pushLayers(name, {TestLayer{layer, kGzipLayer, {}}}, QStringLiteral("linux/arm64/v8"));
        indexes.append(push.pushIndex(name, QStringLiteral("latest"),
                                      {arm, image, push.pushSbomAttestation(name, image.digest, sbom)}));
    }

    auto result = analyse(name, indexes[0], indexes[1]);
    ASSERT_TRUE(result) << result.error().message.toStdString();
    EXPECT_EQ(result->source, PackageSource::Sbom);
    EXPECT_EQ(result->platform, QStringLiteral("linux/amd64")); // two platforms, none asked: linux/amd64
    EXPECT_EQ(changes(result->diff),
              (QStringList{QStringLiteral("libssl3 3.0.15-1~deb12u1→3.0.17-1~deb12u1 (openssl)"),
                           QStringLiteral("openssl 3.0.15-1~deb12u1→3.0.17-1~deb12u1 (openssl)"),
                           QStringLiteral("tzdata 2024a-0+deb12u1→2025b-0+deb12u1 (tzdata)"),
                           QStringLiteral("+libnew 2.1-3"), QStringLiteral("-libold 1.0-1")}));
    for (const PackageChange &c : result->diff.changed)
        EXPECT_EQ(c.direction, VersionDirection::Upgrade) << c.name.toStdString();
    EXPECT_EQ(result->distro,
              (Distro{QStringLiteral("debian"), QStringLiteral("12"), QStringLiteral("bookworm")}));
    EXPECT_FALSE(result->fixes.has_value()); // no security data source
    // Two SBOM layers, nothing else: no image layer, no provenance statement.
    EXPECT_EQ(blobs.size(), 2) << blobs.join(u' ').toStdString();
    for (const QString &digest : blobs)
        EXPECT_FALSE(layerDigests.contains(digest));
    EXPECT_GE(result->bytesFetched, oldSbom.size() + newSbom.size());
}

// Cosign attestations (the sha256-<hex>.att tag, DSSE envelopes) of an Alpine image, the way
// Chainguard publishes them; a provenance envelope beside the SBOM one is not fetched.
TEST_F(Analysis, AlpineCosignAttestationsGiveTheDiff)
{
    const QString name = QStringLiteral("sbom-alpine");
    const QString q = QStringLiteral("?arch=x86_64&distro=alpine-3.20.3");
    const QList<QStringList> sets{
        {QStringLiteral("pkg:apk/alpine/musl@1.2.5-r0") + q,
         QStringLiteral("pkg:apk/alpine/busybox@1.36.1-r29") + q,
         QStringLiteral("pkg:apk/alpine/libcrypto3@3.3.2-r0") + q + QStringLiteral("&upstream=openssl"),
         QStringLiteral("pkg:apk/alpine/zlib@1.3.1-r1") + q},
        {QStringLiteral("pkg:apk/alpine/musl@1.2.5-r0") + q,
         QStringLiteral("pkg:apk/alpine/busybox@1.36.1-r30") + q,
         QStringLiteral("pkg:apk/alpine/libcrypto3@3.3.3-r0") + q + QStringLiteral("&upstream=openssl"),
         QStringLiteral("pkg:apk/alpine/zlib@1.3.1-r0") + q}};
    const QByteArray provenance =
        R"({"_type":"https://in-toto.io/Statement/v0.1","predicateType":"https://slsa.dev/provenance/v1","predicate":{}})";
    QStringList digests;
    for (const QStringList &set : sets) {
        const IndexEntry image = push.pushLayers(
            name,
            {TestLayer{
                gzip(makeTar({{QStringLiteral("etc/motd"), set.join(u' ').toUtf8()}})), kGzipLayer, {}}});
        push.pushCosignAttestation(
            name, image.digest, {provenance, spdxStatement(set)},
            {QStringLiteral("https://slsa.dev/provenance/v1"), QStringLiteral("https://spdx.dev/Document")});
        digests.append(push.pushIndex(name, QStringLiteral("latest"), {image}));
    }
    auto result = analyse(name, digests[0], digests[1]);
    ASSERT_TRUE(result) << result.error().message.toStdString();
    EXPECT_EQ(result->source, PackageSource::Sbom);
    EXPECT_EQ(changes(result->diff), (QStringList{QStringLiteral("busybox 1.36.1-r29→1.36.1-r30 (busybox)"),
                                                  QStringLiteral("libcrypto3 3.3.2-r0→3.3.3-r0 (openssl)"),
                                                  QStringLiteral("zlib 1.3.1-r1→1.3.1-r0 (zlib)")}));
    EXPECT_EQ(result->diff.changed.value(2).direction, VersionDirection::Downgrade);
    EXPECT_EQ(result->distro.id, QStringLiteral("alpine"));
    EXPECT_EQ(result->distro.versionId, QStringLiteral("3.20.3"));
    EXPECT_EQ(blobs.size(), 2) << blobs.join(u' ').toStdString(); // the two SPDX envelopes
}

// No SBOM: the dpkg database lives in a lower (gzip) layer; the newer image's upper (zstd) layer
// rewrites it. The shared lower layer is downloaded once; a later rebuild that shares it downloads
// only its own new layer, and analysing again downloads nothing (the layer cache, on disk).
TEST_F(Analysis, LayersGiveTheDiffAndSharedLayersAreReadOnce)
{
    const QString name = QStringLiteral("layers-debian");
    const QList<Pkg> base{{"base-files", "12.4+deb12u7", {}},
                          {"libc6", "2.36-9+deb12u7", "glibc"},
                          {"libssl3", "3.0.15-1~deb12u1", "openssl"},
                          {"zlib1g", "1:1.2.13.dfsg-1", "zlib"}};
    const QByteArray lower = gzip(makeTar({{QStringLiteral("var/lib/dpkg/status"), dpkgStatus(base)},
                                           {QStringLiteral("etc/os-release"), kDebianOsRelease},
                                           {QStringLiteral("usr/bin/ls"), noise(200000, 1)}}));
    const QByteArray appOld = zstd(makeTar({{QStringLiteral("app/main.py"), "print(1)\n"}}));
    QList<Pkg> upgraded = base;
    upgraded[2].version = "3.0.17-1~deb12u1";
    upgraded.append({"curl", "7.88.1-10+deb12u12", {}});
    const QByteArray appNew = zstd(makeTar({{QStringLiteral("app/main.py"), "print(2)\n"},
                                            {QStringLiteral("var/lib/dpkg/status"), dpkgStatus(upgraded)}}));
    QList<Pkg> again = upgraded;
    again[3].version = "1:1.2.13.dfsg-1+b1";
    const QByteArray appNewer = makeTar({{QStringLiteral("app/main.py"), "print(3)\n"},
                                         {QStringLiteral("var/lib/dpkg/status"), dpkgStatus(again)}});

    const QString oldDigest =
        push.pushLayers(name, {{lower, kGzipLayer, {}}, {appOld, kZstdLayer, {}}}).digest;
    const QString newDigest =
        push.pushLayers(name, {{lower, kGzipLayer, {}}, {appNew, kZstdLayer, {}}}).digest;
    const QString newerDigest =
        push.pushLayers(name, {{lower, kGzipLayer, {}}, {appNewer, kTarLayer, {}}}).digest;

    auto result = analyse(name, oldDigest, newDigest, QStringLiteral("linux/amd64"));
    ASSERT_TRUE(result) << result.error().message.toStdString();
    EXPECT_EQ(result->source, PackageSource::Layers);
    EXPECT_EQ(changes(result->diff),
              (QStringList{QStringLiteral("libssl3 3.0.15-1~deb12u1→3.0.17-1~deb12u1 (openssl)"),
                           QStringLiteral("+curl 7.88.1-10+deb12u12")}));
    EXPECT_EQ(result->distro,
              (Distro{QStringLiteral("debian"), QStringLiteral("12"), QStringLiteral("bookworm")}));
    EXPECT_EQ(blobs, (QStringList{sha256Digest(lower), sha256Digest(appOld), sha256Digest(appNew)}));
    EXPECT_GE(result->bytesFetched, lower.size() + appOld.size() + appNew.size());

    // The next rebuild, by another analyzer over the same cache folder: only its new layer.
    blobs.clear();
    PackageAnalyzer later(harness.client, nullptr, options());
    result = analyse(later, name, newDigest, newerDigest);
    ASSERT_TRUE(result) << result.error().message.toStdString();
    EXPECT_EQ(changes(result->diff),
              (QStringList{QStringLiteral("zlib1g 1:1.2.13.dfsg-1→1:1.2.13.dfsg-1+b1 (zlib)")}));
    EXPECT_EQ(blobs, (QStringList{sha256Digest(appNewer)}));
    EXPECT_LT(result->bytesFetched, lower.size());

    blobs.clear();
    result = analyse(later, name, newDigest, newerDigest);
    ASSERT_TRUE(result);
    EXPECT_TRUE(blobs.isEmpty()) << blobs.join(u' ').toStdString();
}

// Distroless: one status.d file per package; the newer image's upper layer deletes one with a
// whiteout and replaces another. Alpine's database in a zstd layer.
TEST_F(Analysis, WhiteoutDeletesAStatusDEntry)
{
    const QString name = QStringLiteral("layers-distroless");
    const QByteArray lower = gzip(makeTar({
        {QStringLiteral("var/lib/dpkg/status.d/libc6"), dpkgStatus({{"libc6", "2.36-9+deb12u4", "glibc"}})},
        {QStringLiteral("var/lib/dpkg/status.d/libssl3"),
         dpkgStatus({{"libssl3", "3.0.11-1~deb12u2", "openssl"}})},
        {QStringLiteral("var/lib/dpkg/status.d/tzdata"), dpkgStatus({{"tzdata", "2024a-0+deb12u1", {}}})},
        {QStringLiteral("usr/lib/os-release"), kDebianOsRelease},
    }));
    const QByteArray upper = gzip(makeTar({
        {QStringLiteral("var/lib/dpkg/status.d/.wh.tzdata"), {}},
        {QStringLiteral("var/lib/dpkg/status.d/libssl3"),
         dpkgStatus({{"libssl3", "3.0.15-1~deb12u1", "openssl"}})},
    }));
    const QString oldDigest = push.pushLayers(name, {{lower, kGzipLayer, {}}}).digest;
    const QString newDigest =
        push.pushLayers(name, {{lower, kGzipLayer, {}}, {upper, kGzipLayer, {}}}).digest;
    auto result = analyse(name, oldDigest, newDigest);
    ASSERT_TRUE(result) << result.error().message.toStdString();
    EXPECT_EQ(changes(result->diff),
              (QStringList{QStringLiteral("libssl3 3.0.11-1~deb12u2→3.0.15-1~deb12u1 (openssl)"),
                           QStringLiteral("-tzdata 2024a-0+deb12u1")}));
    EXPECT_EQ(result->distro.codename, QStringLiteral("bookworm")); // from usr/lib/os-release

    const QString alpine = QStringLiteral("layers-alpine");
    const QByteArray osRelease = "NAME=\"Alpine Linux\"\nID=alpine\nVERSION_ID=3.20.3\n";
    const QByteArray a =
        zstd(makeTar({{QStringLiteral("lib/apk/db/installed"),
                       apkInstalled({{"musl", "1.2.5-r0", {}}, {"libcrypto3", "3.3.2-r0", "openssl"}})},
                      {QStringLiteral("etc/os-release"), osRelease}}));
    const QByteArray b =
        zstd(makeTar({{QStringLiteral("lib/apk/db/installed"),
                       apkInstalled({{"musl", "1.2.5-r1", {}}, {"libcrypto3", "3.3.2-r0", "openssl"}})},
                      {QStringLiteral("etc/os-release"), osRelease}}));
    result = analyse(alpine, push.pushLayers(alpine, {{a, kZstdLayer, {}}}).digest,
                     push.pushLayers(alpine, {{b, kZstdLayer, {}}}).digest);
    ASSERT_TRUE(result) << result.error().message.toStdString();
    EXPECT_EQ(changes(result->diff), (QStringList{QStringLiteral("musl 1.2.5-r0→1.2.5-r1 (musl)")}));
    EXPECT_EQ(result->distro.id, QStringLiteral("alpine"));
}

// Layers larger than the budget: nothing is downloaded and the reason says so.
TEST_F(Analysis, OverBudgetDownloadsNothing)
{
    const QString name = QStringLiteral("layers-big");
    const QByteArray layer =
        gzip(makeTar({{QStringLiteral("var/lib/dpkg/status"), dpkgStatus({{"a", "1", {}}})},
                      {QStringLiteral("blob"), noise(300000, 2)}}));
    const QString a = push.pushLayers(name, {{layer, kGzipLayer, {}}}).digest;
    const QString b = push.pushLayers(name, {{layer, kGzipLayer, {}},
                                             {gzip(makeTar({{QStringLiteral("x"), "y"}})), kGzipLayer, {}}})
                          .digest;
    PackageAnalyzerOptions small = options();
    small.byteBudget = 50000;
    PackageAnalyzer tight(harness.client, nullptr, small);
    auto result = analyse(tight, name, a, b);
    ASSERT_FALSE(result);
    EXPECT_EQ(result.error().message, QStringLiteral("not analysed: over budget"));
    EXPECT_TRUE(blobs.isEmpty());
}

// An image with neither an SBOM nor a package database: an error that says so.
TEST_F(Analysis, NothingToReadIsAnError)
{
    const QString name = QStringLiteral("layers-empty");
    const QString a =
        push.pushLayers(name, {{gzip(makeTar({{QStringLiteral("bin/app"), "1"}})), kGzipLayer, {}}}).digest;
    const QString b =
        push.pushLayers(name, {{gzip(makeTar({{QStringLiteral("bin/app"), "2"}})), kGzipLayer, {}}}).digest;
    auto result = analyse(name, a, b);
    ASSERT_FALSE(result);
    EXPECT_TRUE(result.error().message.contains(QStringLiteral("no package database")))
        << result.error().message.toStdString();
    auto bad = analyse(name, QStringLiteral("sha256:123"), b);
    ASSERT_FALSE(bad);
    EXPECT_EQ(bad.error().code, ErrorCode::InvalidInput);
}

// The tar reader keeps only the package databases, whatever the format names them with: ustar's
// prefix, GNU's long-name records, pax path records; whiteouts that touch them are kept too.
TEST(LayerScan, ReadsDatabasesInEveryTarFormat)
{
    const QString deep = QStringLiteral("usr/share/") + QString(120, u'd') + QStringLiteral("/file");
    const QMap<QString, QByteArray> files{
        {QStringLiteral("var/lib/dpkg/status"), dpkgStatus({{"libc6", "2.36-9", "glibc"}})},
        {QStringLiteral("var/lib/dpkg/status.d/") + QString(110, u'p'),
         dpkgStatus({{"longname", "1.0", {}}})},
        {deep, "not wanted"},
        {QStringLiteral("var/lib/dpkg/.wh.status-old"), {}},
        {QStringLiteral("etc/.wh.os-release"), {}},
        {QStringLiteral("var/lib/dpkg/status.d/.wh..wh..opq"), {}},
        {QStringLiteral("home/.wh.user"), {}},
    };
    for (const QString &format : {QStringLiteral("gnu"), QStringLiteral("pax"), QStringLiteral("posix")}) {
        SCOPED_TRACE(format.toStdString());
        auto contents = scanLayer(makeTar(files, format), kTarLayer, 1 << 30);
        ASSERT_TRUE(contents) << contents.error().message.toStdString();
        EXPECT_EQ(contents->files.keys(),
                  (QStringList{QStringLiteral("var/lib/dpkg/status"),
                               QStringLiteral("var/lib/dpkg/status.d/") + QString(110, u'p')}));
        EXPECT_EQ(contents->files.value(QStringLiteral("var/lib/dpkg/status")),
                  files.value(QStringLiteral("var/lib/dpkg/status")));
        EXPECT_EQ(contents->whiteouts, (QStringList{QStringLiteral("etc/os-release")}));
        EXPECT_EQ(contents->opaqueDirs, (QStringList{QStringLiteral("var/lib/dpkg/status.d")}));
    }
    // gzip with two members, as some writers concatenate; zstd; garbage
    const QByteArray tar = makeTar(files);
    auto twoMembers = scanLayer(gzip(tar.left(4096)) + gzip(tar.mid(4096)), kGzipLayer, 1 << 30);
    ASSERT_TRUE(twoMembers) << twoMembers.error().message.toStdString();
    EXPECT_EQ(twoMembers->files.size(), 2);
    auto sniffed =
        scanLayer(zstd(tar), QStringLiteral("application/vnd.docker.image.rootfs.diff.tar"), 1 << 30);
    ASSERT_TRUE(sniffed) << sniffed.error().message.toStdString();
    EXPECT_EQ(sniffed->files.size(), 2);
    EXPECT_FALSE(scanLayer(gzip(tar).left(300), kGzipLayer, 1 << 30));
    EXPECT_FALSE(scanLayer(QByteArray(1024, 'x'), kTarLayer, 1 << 30));
    EXPECT_FALSE(scanLayer(gzip(tar), kGzipLayer, 2048)); // unpacks to more than allowed
}

// Layers stack bottom to top: whiteouts and opaque directories hide what lies below, never the
// layer's own files; the topmost database wins; status.d entries merge.
TEST(LayerScan, StacksLayersWithWhiteouts)
{
    LayerContents base;
    base.files.insert(QStringLiteral("var/lib/dpkg/status.d/a"), dpkgStatus({{"a", "1", {}}}));
    base.files.insert(QStringLiteral("var/lib/dpkg/status.d/b"), dpkgStatus({{"b", "1", {}}}));
    LayerContents hideAll;
    hideAll.opaqueDirs.append(QStringLiteral("var/lib/dpkg/status.d"));
    hideAll.files.insert(QStringLiteral("var/lib/dpkg/status.d/c"), dpkgStatus({{"c", "3", {}}}));
    LayerContents removeDir;
    removeDir.whiteouts.append(QStringLiteral("var/lib/dpkg"));
    LayerContents apk;
    apk.files.insert(QStringLiteral("lib/apk/db/installed"), apkInstalled({{"musl", "1.2.5-r0", {}}}));

    auto merged = packagesOfLayers({base, LayerContents{}});
    ASSERT_TRUE(merged);
    EXPECT_EQ(merged->packages.keys(), (QStringList{QStringLiteral("a"), QStringLiteral("b")}));
    merged = packagesOfLayers({base, hideAll});
    ASSERT_TRUE(merged);
    EXPECT_EQ(merged->packages.keys(), (QStringList{QStringLiteral("c")}));
    EXPECT_FALSE(packagesOfLayers({base, removeDir}));
    merged = packagesOfLayers({base, removeDir, apk});
    ASSERT_TRUE(merged);
    EXPECT_EQ(merged->packages.keys(), (QStringList{QStringLiteral("musl")}));
    EXPECT_EQ(merged->packages.value(QStringLiteral("musl")).ecosystem, Ecosystem::Alpine);

    // what the cache keeps comes back the same
    EXPECT_EQ(deserializeLayerContents(serializeLayerContents(hideAll)), hideAll);
    EXPECT_FALSE(deserializeLayerContents("garbage"));
}

// `diff` as scripts run it: both digests given needs no database (an unwatched reference); JSON
// fields of the contract; exit 1 with the reason when nothing could be analysed; bad input exit 2.
TEST_F(Analysis, DiffCommand)
{
    const QString name = QStringLiteral("cli-diff");
    const QByteArray lower =
        gzip(makeTar({{QStringLiteral("var/lib/dpkg/status"),
                       dpkgStatus({{"libc6", "2.36-9+deb12u4", "glibc"}, {"openssl", "3.0.15-1", {}}})}}));
    const QByteArray upper =
        gzip(makeTar({{QStringLiteral("var/lib/dpkg/status"),
                       dpkgStatus({{"libc6", "2.36-9+deb12u4", "glibc"}, {"openssl", "3.0.17-1", {}}})}}));
    const QString a = push.pushLayers(name, {{lower, kGzipLayer, {}}}).digest;
    const QString b = push.pushLayers(name, {{lower, kGzipLayer, {}}, {upper, kGzipLayer, {}}}).digest;
    const QString c = push.pushLayers(name,
                                      {{lower, kGzipLayer, {}},
                                       {gzip(makeTar({{QStringLiteral("tmp/x"), "1"}})), kGzipLayer, {}}},
                                      QStringLiteral("linux/amd64"), QStringLiteral("latest"))
                          .digest;
    const QString ref = registry().host() + u'/' + name + QStringLiteral(":latest");
    CliRunner cli;

    CliRun r = cli.run({QStringLiteral("diff"), ref, a, b, QStringLiteral("--json")});
    ASSERT_EQ(r.exitCode, 0) << r.err.toStdString();
    EXPECT_FALSE(QFile::exists(cli.dbPath())); // no database needed
    const QJsonObject json = QJsonDocument::fromJson(r.out).object();
    EXPECT_EQ(json.value(QStringLiteral("reference")).toString(), ref);
    EXPECT_EQ(json.value(QStringLiteral("from")).toString(), a);
    EXPECT_EQ(json.value(QStringLiteral("to")).toString(), b);
    EXPECT_EQ(json.value(QStringLiteral("source")).toString(), QStringLiteral("layers"));
    EXPECT_TRUE(json.value(QStringLiteral("fixes")).isNull());
    EXPECT_GT(json.value(QStringLiteral("bytes_fetched")).toInteger(), lower.size());
    const QJsonObject packages = json.value(QStringLiteral("packages")).toObject();
    EXPECT_EQ(packages.value(QStringLiteral("changed")).toArray(),
              (QJsonArray{QJsonObject{{QStringLiteral("name"), QStringLiteral("openssl")},
                                      {QStringLiteral("from"), QStringLiteral("3.0.15-1")},
                                      {QStringLiteral("to"), QStringLiteral("3.0.17-1")},
                                      {QStringLiteral("source_package"), QStringLiteral("openssl")}}}));
    EXPECT_TRUE(packages.value(QStringLiteral("added")).toArray().isEmpty());
    EXPECT_TRUE(packages.value(QStringLiteral("removed")).toArray().isEmpty());

    r = cli.run({QStringLiteral("diff"), ref, a, b});
    ASSERT_EQ(r.exitCode, 0) << r.err.toStdString();
    EXPECT_TRUE(r.out.contains("openssl 3.0.15-1 → 3.0.17-1 (source openssl)")) << r.out.toStdString();

    // only OLD: against the tag's current digest (c), which changed no package
    r = cli.run({QStringLiteral("diff"), ref, a});
    ASSERT_EQ(r.exitCode, 0) << r.err.toStdString();
    EXPECT_TRUE(r.out.contains("no package changed: rebuilt with the same packages")) << r.out.toStdString();

    const QString empty =
        push.pushLayers(name, {{gzip(makeTar({{QStringLiteral("bin/x"), "1"}})), kGzipLayer, {}}}).digest;
    r = cli.run({QStringLiteral("diff"), ref, a, empty, QStringLiteral("--json")});
    EXPECT_EQ(r.exitCode, 1);
    EXPECT_TRUE(r.out.isEmpty());
    EXPECT_TRUE(r.err.contains("no package database")) << r.err.toStdString();

    r = cli.run({QStringLiteral("diff"), ref, QStringLiteral("sha256:nothex"), b});
    EXPECT_EQ(r.exitCode, 2);
    EXPECT_TRUE(r.err.contains("is not a digest")) << r.err.toStdString();
    r = cli.run({QStringLiteral("diff"), ref, a, b, QStringLiteral("--platform"), QStringLiteral("linux")});
    EXPECT_EQ(r.exitCode, 2);
    r = cli.run({QStringLiteral("diff"), ref});
    EXPECT_EQ(r.exitCode, 2); // neither watched nor in the history
    EXPECT_TRUE(r.err.contains("neither watched nor in the history")) << r.err.toStdString();
    r = cli.run({QStringLiteral("diff")});
    EXPECT_EQ(r.exitCode, 2);
}

// Blobs as registries serve them: a redirect to a storage host that gets no credentials, the body
// handed over in chunks, the digest checked, the cap kept; referrers where the API exists, none
// where it answers 404.
TEST(RegistryContent, BlobsFollowRedirectsWithoutCredentialsAndReferrers)
{
    QByteArray blob = noise(1000000, 3);
    const QString digest = sha256Digest(blob);
    ScriptedServer storage([&blob](const ScriptedRequest &r) {
        return ScriptedResponse{200, {}, r.path() == "/wrong" ? blob.left(1000) : blob};
    });
    const QString index =
        QStringLiteral(
            R"({"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[)"
            R"({"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"sha256:%1","size":5,)"
            R"("artifactType":"application/spdx+json"}]})")
            .arg(QString(64, u'c'));
    ScriptedServer registry([&](const ScriptedRequest &r) {
        if (r.header("authorization").isEmpty())
            return ScriptedResponse{401, {{"WWW-Authenticate", "Basic realm=\"test\""}}, {}};
        const QByteArray path = r.path();
        if (path.startsWith("/v2/r/blobs/")) {
            const QByteArray where = path.endsWith(QString(64, u'e').toLatin1()) ? "/wrong" : "/data";
            return ScriptedResponse{
                307,
                {{"Location",
                  QStringLiteral("http://localhost:%1").arg(storage.port()).toLatin1() + where + "?sig=1"}},
                {}};
        }
        if (path == "/v2/r/referrers/sha256:" + QByteArray(64, 'a'))
            return ScriptedResponse{
                200, {{"Content-Type", "application/vnd.oci.image.index.v1+json"}}, index.toLatin1()};
        return ScriptedResponse{404, {}, "{}"};
    });
    ClientHarness h;
    h.credentials.set(registry.host(), Credential{QStringLiteral("alice"), QStringLiteral("s3cret")});
    const ImageReference repo = ImageReference::parse(registry.host() + QStringLiteral("/r:latest")).value();

    const auto fetch = [&](const QString &d, qint64 cap, QByteArray *body, int *chunks) {
        std::optional<Result<RegistryClient::BlobReceived>> out;
        BodySink sink;
        sink.chunk = [body, chunks](QByteArrayView chunk) -> Status {
            body->append(chunk);
            ++*chunks;
            return Ok{};
        };
        sink.restart = [body] { body->clear(); };
        h.client.fetchBlob(repo, d, cap, sink, &h.context,
                           [&out](Result<RegistryClient::BlobReceived> r) { out.emplace(std::move(r)); });
        EXPECT_TRUE(QTest::qWaitFor([&] { return out.has_value(); }, 30000));
        return out.value_or(makeError(ErrorCode::Cancelled, QStringLiteral("timed out")));
    };
    QByteArray body;
    int chunks = 0;
    auto received = fetch(digest, 1 << 20, &body, &chunks);
    ASSERT_TRUE(received) << received.error().message.toStdString();
    EXPECT_EQ(body, blob);
    EXPECT_EQ(received->size, blob.size());
    EXPECT_GT(chunks, 1); // streamed, not handed over at once
    // the registry's 401 and redirect, and the storage's answer: each counted as a blob request
    EXPECT_EQ(h.blobs(), 3);
    ASSERT_FALSE(storage.requests().isEmpty());
    for (const ScriptedRequest &r : storage.requests())
        EXPECT_TRUE(r.header("authorization").isEmpty()) << "credentials sent to the storage host";
    EXPECT_FALSE(registry.requests().last().header("authorization").isEmpty());

    body.clear();
    auto tooBig = fetch(digest, 1000, &body, &chunks);
    ASSERT_FALSE(tooBig);
    EXPECT_EQ(tooBig.error().code, ErrorCode::TooLarge);
    auto mismatch = fetch(QStringLiteral("sha256:") + QString(64, u'e'), 1 << 20, &body, &chunks);
    ASSERT_FALSE(mismatch);
    EXPECT_EQ(mismatch.error().code, ErrorCode::DigestMismatch);

    const auto referrers = [&](const QString &d) {
        std::optional<Result<QList<Descriptor>>> out;
        h.client.fetchReferrers(repo, d, &h.context,
                                [&out](Result<QList<Descriptor>> r) { out.emplace(std::move(r)); });
        EXPECT_TRUE(QTest::qWaitFor([&] { return out.has_value(); }, 30000));
        return out.value_or(makeError(ErrorCode::Cancelled, QStringLiteral("timed out")));
    };
    auto some = referrers(QStringLiteral("sha256:") + QString(64, u'a'));
    ASSERT_TRUE(some) << some.error().message.toStdString();
    ASSERT_EQ(some->size(), 1);
    EXPECT_EQ(some->first().artifactType, QStringLiteral("application/spdx+json"));
    auto none = referrers(QStringLiteral("sha256:") + QString(64, u'b'));
    ASSERT_TRUE(none) << none.error().message.toStdString();
    EXPECT_TRUE(none->isEmpty());
}

// `diff REF` of a watched tag: its last recorded rebuild, from the history database.
TEST_F(Analysis, DiffCommandTakesTheLastRebuildFromTheHistory)
{
    const QString name = QStringLiteral("cli-history");
    const QString ref = registry().host() + u'/' + name + QStringLiteral(":1");
    const QByteArray lower =
        gzip(makeTar({{QStringLiteral("lib/apk/db/installed"), apkInstalled({{"musl", "1.2.5-r0", {}}})}}));
    const QByteArray upper =
        gzip(makeTar({{QStringLiteral("lib/apk/db/installed"),
                       apkInstalled({{"musl", "1.2.5-r1", {}}, {"zlib", "1.3.1-r0", {}}})}}));
    CliRunner cli;
    const QString first =
        push.pushLayers(name, {{lower, kGzipLayer, {}}}, QStringLiteral("linux/amd64"), QStringLiteral("1"))
            .digest;
    ASSERT_EQ(cli.run({QStringLiteral("watch"), QStringLiteral("add"), ref}).exitCode, 0);
    CliRun r = cli.run({QStringLiteral("diff"), ref});
    EXPECT_EQ(r.exitCode, 2); // watched, no rebuild yet
    EXPECT_TRUE(r.err.contains("no rebuild recorded yet")) << r.err.toStdString();
    ASSERT_EQ(cli.run({QStringLiteral("poll")}).exitCode, 0);
    const QString second = push.pushLayers(name, {{lower, kGzipLayer, {}}, {upper, kGzipLayer, {}}},
                                           QStringLiteral("linux/amd64"), QStringLiteral("1"))
                               .digest;
    ASSERT_EQ(cli.run({QStringLiteral("poll")}).exitCode, 0);

    r = cli.run({QStringLiteral("diff"), ref, QStringLiteral("--json")});
    ASSERT_EQ(r.exitCode, 0) << r.err.toStdString();
    const QJsonObject json = QJsonDocument::fromJson(r.out).object();
    EXPECT_EQ(json.value(QStringLiteral("from")).toString(), first);
    EXPECT_EQ(json.value(QStringLiteral("to")).toString(), second);
    const QJsonObject packages = json.value(QStringLiteral("packages")).toObject();
    EXPECT_EQ(packages.value(QStringLiteral("changed")).toArray().size(), 1);
    EXPECT_EQ(packages.value(QStringLiteral("added")).toArray(),
              (QJsonArray{QJsonObject{{QStringLiteral("name"), QStringLiteral("zlib")},
                                      {QStringLiteral("version"), QStringLiteral("1.3.1-r0")}}}));
}

// A registry with the referrers API (scripted: distribution 2.8 has none): the SBOM is found among the
// image's referrers when the index carries no attestation and no cosign tag exists.
TEST(RegistryContent, SbomFromReferrers)
{
    QMap<QByteArray, QByteArray> blobs;     // digest → bytes
    QMap<QByteArray, QByteArray> manifests; // digest → bytes
    QMap<QByteArray, QByteArray> referrers; // subject → index
    const auto add = [&](QMap<QByteArray, QByteArray> &to, const QByteArray &bytes) {
        const QByteArray digest = sha256Digest(bytes).toLatin1();
        to.insert(digest, bytes);
        return digest;
    };
    const auto manifest = [&](const QByteArray &layerDigest, qsizetype size, const QByteArray &layerType,
                              const QByteArray &subject) {
        const QByteArray config = add(blobs, "{}");
        QByteArray body =
            R"({"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":")" +
            config + R"(","size":2},"layers":[{"mediaType":")" + layerType + R"(","digest":")" + layerDigest +
            R"(","size":)" + QByteArray::number(size) + "}]";
        if (!subject.isEmpty())
            body += R"(,"subject":{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":")" +
                    subject + R"(","size":1})";
        return add(manifests, body + "}");
    };
    QList<QByteArray> images;
    for (const char *version : {"3.0.15-1", "3.0.17-1"}) {
        const QByteArray layer =
            gzip(makeTar({{QStringLiteral("var/lib/dpkg/status"), dpkgStatus({{"openssl", version, {}}})}}));
        const QByteArray image =
            manifest(add(blobs, layer), layer.size(), "application/vnd.oci.image.layer.v1.tar+gzip", {});
        const QByteArray sbom = spdxStatement(
            {QStringLiteral("pkg:deb/debian/openssl@%1?distro=debian-12").arg(QLatin1String(version))});
        const QByteArray referrer =
            manifest(add(blobs, sbom), sbom.size(), "application/vnd.in-toto+json", image);
        referrers.insert(
            image,
            R"({"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":")" +
                referrer + R"(","size":1,"artifactType":"application/spdx+json"}]})");
        images.append(image);
    }
    QStringList layerBlobsServed;
    ScriptedServer server([&](const ScriptedRequest &r) {
        const QByteArray what = r.path().split('/').last();
        if (r.path().contains("/manifests/") && manifests.contains(what))
            return ScriptedResponse{
                200, {{"Content-Type", "application/vnd.oci.image.manifest.v1+json"}}, manifests.value(what)};
        if (r.path().contains("/blobs/") && blobs.contains(what)) {
            if (blobs.value(what).startsWith("\x1f\x8b"))
                layerBlobsServed.append(QString::fromLatin1(what));
            return ScriptedResponse{200, {}, blobs.value(what)};
        }
        if (r.path().contains("/referrers/") && referrers.contains(what))
            return ScriptedResponse{
                200, {{"Content-Type", "application/vnd.oci.image.index.v1+json"}}, referrers.value(what)};
        return ScriptedResponse{404, {}, "{}"};
    });
    ClientHarness h;
    QTemporaryDir cache;
    PackageAnalyzerOptions options;
    options.cacheFolder = cache.path();
    PackageAnalyzer analyzer(h.client, nullptr, options);
    std::optional<Result<PackageAnalysis>> out;
    analyzer.analyse(ImageReference::parse(server.host() + QStringLiteral("/r:latest")).value(),
                     QString::fromLatin1(images[0]), QString::fromLatin1(images[1]), {}, &h.context,
                     [&out](Result<PackageAnalysis> r) { out.emplace(std::move(r)); });
    ASSERT_TRUE(QTest::qWaitFor([&] { return out.has_value(); }, 30000));
    ASSERT_TRUE(*out) << out->error().message.toStdString();
    EXPECT_EQ((*out)->source, PackageSource::Sbom);
    ASSERT_EQ((*out)->diff.changed.size(), 1);
    EXPECT_EQ((*out)->diff.changed.first().to, QStringLiteral("3.0.17-1"));
    EXPECT_TRUE(layerBlobsServed.isEmpty());
    EXPECT_EQ(server.count("GET", "/referrers/"), 2);
}

// A blob whose transfer stalls halfway is fetched again from its first byte: the sink is told to
// start over, and the digest is checked over the bytes of the complete attempt only.
TEST(RegistryContent, StalledBlobStartsAgainFromTheFirstByte)
{
    const QByteArray blob = noise(400000, 4);
    int attempts = 0;
    ScriptedServer server([&](const ScriptedRequest &) {
        ScriptedResponse response{200, {}, blob};
        if (++attempts == 1)
            response.behaviour = ScriptedResponse::Behaviour::Stall;
        return response;
    });
    ClientHarness h;
    QByteArray body;
    int restarts = 0;
    BodySink sink;
    sink.chunk = [&body](QByteArrayView chunk) -> Status {
        body.append(chunk);
        return Ok{};
    };
    sink.restart = [&] {
        body.clear();
        ++restarts;
    };
    std::optional<Result<RegistryClient::BlobReceived>> out;
    h.client.fetchBlob(ImageReference::parse(server.host() + QStringLiteral("/r:1")).value(),
                       sha256Digest(blob), 1 << 20, sink, &h.context,
                       [&out](Result<RegistryClient::BlobReceived> r) { out.emplace(std::move(r)); });
    ASSERT_TRUE(QTest::qWaitFor([&] { return out.has_value(); }, 30000));
    ASSERT_TRUE(*out) << out->error().message.toStdString();
    EXPECT_EQ(attempts, 2);
    EXPECT_EQ(restarts, 1);
    EXPECT_EQ(body, blob);
    EXPECT_EQ((*out)->size, blob.size());
    EXPECT_GT((*out)->transferred, blob.size()); // the stalled half counts as downloaded too
}

// SBOMs are used only when both images have one; asked for another platform (by os/arch, whatever
// its variant), that platform's image is read; a context destroyed early gets no callback.
TEST_F(Analysis, SbomOnOneSideOnlyReadsLayersAndPlatformIsPicked)
{
    const QString name = QStringLiteral("sbom-one-side");
    const QString q = QStringLiteral("?distro=debian-12");
    const QByteArray oldStatus =
        gzip(makeTar({{QStringLiteral("var/lib/dpkg/status"), dpkgStatus({{"openssl", "3.0.15-1", {}}})}}));
    const QByteArray newStatus =
        gzip(makeTar({{QStringLiteral("var/lib/dpkg/status"), dpkgStatus({{"openssl", "3.0.17-1", {}}})}}));
    const QByteArray armStatus =
        gzip(makeTar({{QStringLiteral("var/lib/dpkg/status"),
                       dpkgStatus({{"openssl", "3.0.15-1", {}}, {"arm-only", "1", {}}})}}));
    const IndexEntry oldImage = push.pushLayers(name, {{oldStatus, kGzipLayer, {}}});
    const IndexEntry arm =
        push.pushLayers(name, {{armStatus, kGzipLayer, {}}}, QStringLiteral("linux/arm64/v8"));
    const QString oldIndex = push.pushIndex(
        name, QStringLiteral("latest"),
        {oldImage, arm,
         push.pushSbomAttestation(name, oldImage.digest,
                                  spdxStatement({QStringLiteral("pkg:deb/debian/openssl@3.0.15-1") + q}))});
    const IndexEntry newImage = push.pushLayers(name, {{newStatus, kGzipLayer, {}}});
    const QString newIndex = push.pushIndex(name, QStringLiteral("latest"), {newImage, arm});

    auto result = analyse(name, oldIndex, newIndex);
    ASSERT_TRUE(result) << result.error().message.toStdString();
    EXPECT_EQ(result->source, PackageSource::Layers);
    EXPECT_EQ(changes(result->diff), (QStringList{QStringLiteral("openssl 3.0.15-1→3.0.17-1 (openssl)")}));

    result = analyse(name, oldIndex, newIndex, QStringLiteral("linux/arm64"));
    ASSERT_TRUE(result) << result.error().message.toStdString();
    EXPECT_EQ(result->platform, QStringLiteral("linux/arm64/v8"));
    EXPECT_TRUE(result->diff.isEmpty());

    result = analyse(name, oldIndex, newIndex, QStringLiteral("linux/s390x"));
    ASSERT_FALSE(result);
    EXPECT_EQ(result.error().code, ErrorCode::NotFound);

    bool called = false;
    {
        QObject gone;
        analyzer.analyse(repo(name), oldIndex, newIndex, {}, &gone,
                         [&called](Result<PackageAnalysis>) { called = true; });
    }
    // A later analysis completes; the abandoned one never called back.
    result = analyse(name, oldIndex, newIndex);
    ASSERT_TRUE(result);
    EXPECT_FALSE(called);
}
