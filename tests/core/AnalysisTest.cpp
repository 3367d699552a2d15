// What changed inside a rebuild (issue 21), read from a real registry on loopback: SBOM attestations
// (BuildKit and cosign) with Debian- and Alpine-shaped package sets, and package databases in gzip,
// zstd and plain tar layers with whiteouts, each diff checked package by package; what is downloaded
// (blob requests counted), the layer cache and the byte budget.
#include "AnalysisFixtures.h"
#include "analysis/PackageAnalyzer.h"

#include <gtest/gtest.h>

using namespace RebuildRadar;
using namespace RebuildRadar::Test;

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
