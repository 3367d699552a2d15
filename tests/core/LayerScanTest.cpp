// Reading what is inside layers and blobs (issue 21), without a real registry: the tar reader over
// every tar format, gzip and zstd streams, whiteouts and layer stacking, the distribution's spellings,
// the layer cache's size bound, and the registry client's blob streaming, redirects, restarts and
// referrers on a scripted server.
#include "analysis/LayerScan.h"
#include "AnalysisFixtures.h"
#include "FakeClock.h"
#include "ScriptedServer.h"
#include "analysis/LayerCache.h"
#include "packages/Distro.h"

#include <QDir>
#include <QTemporaryDir>
#include <QTest>

#include <gtest/gtest.h>

using namespace RebuildRadar;
using namespace RebuildRadar::Test;

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

// The distribution, however generators and images spell it.
TEST(Distro, FromPurlsAndOsRelease)
{
    const auto of = [](const char *purl) {
        return distroOfPackageUrl(parsePackageUrl(QString::fromLatin1(purl)).value());
    };
    const Distro bookworm{QStringLiteral("debian"), QStringLiteral("12"), QStringLiteral("bookworm")};
    EXPECT_EQ(of("pkg:deb/debian/libc6@2.36-9?arch=amd64&distro=debian-12"), bookworm);
    EXPECT_EQ(of("pkg:deb/debian/libc6@2.36-9?arch=amd64&os_distro=bookworm&os_name=debian&os_version=12"),
              bookworm);
    EXPECT_EQ(of("pkg:deb/debian/libc6@2.36-9?os_distro=bookworm"), bookworm); // namespace and codename only
    EXPECT_EQ(of("pkg:apk/alpine/musl@1.2.5-r0?arch=x86_64&distro=alpine-3.20.3"),
              (Distro{QStringLiteral("alpine"), QStringLiteral("3.20.3"), {}}));
    EXPECT_EQ(of("pkg:apk/wolfi/glibc@2.40-r3?arch=x86_64"), (Distro{QStringLiteral("wolfi"), {}, {}}));
    EXPECT_EQ(of("pkg:deb/ubuntu/libc6@2.35-0ubuntu3.8?distro=ubuntu-22.04"),
              (Distro{QStringLiteral("ubuntu"), QStringLiteral("22.04"), {}}));
    EXPECT_FALSE(of("pkg:pypi/pip@24.0").isKnown());

    EXPECT_EQ(parseOsRelease(kDebianOsRelease), bookworm);
    EXPECT_EQ(parseOsRelease(
                  "NAME=\"Alpine Linux\"\nID=alpine\nVERSION_ID=3.20.3\nPRETTY_NAME='Alpine Linux v3.20'\n"),
              (Distro{QStringLiteral("alpine"), QStringLiteral("3.20.3"), {}}));
    EXPECT_EQ(parseOsRelease("# comment\nID=\"Wolfi\"\n"), (Distro{QStringLiteral("wolfi"), {}, {}}));
    EXPECT_FALSE(parseOsRelease("garbage\n=x\n").isKnown());
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

// The cache folder stays within its size: past it, the layers used least recently go, and a layer
// read again is kept over one only written.
TEST(LayerCache, KeepsWithinItsSizeDroppingTheLeastRecentlyUsed)
{
    QTemporaryDir dir;
    FakeClock clock;
    auto digest = [](char c) { return QStringLiteral("sha256:") + QString(64, QLatin1Char(c)); };
    auto contents = [](char c) {
        LayerContents l;
        l.files.insert(QStringLiteral("var/lib/dpkg/status"), QByteArray(4000, c));
        return l;
    };
    const QString folder = dir.filePath(QStringLiteral("layers"));
    qint64 one = 0; // what one layer takes on disk
    {
        LayerCache measure(dir.filePath(QStringLiteral("measure")), 1LL << 30, &clock);
        measure.store(digest('0'), contents('0'));
        one = QFileInfo(dir.filePath(QStringLiteral("measure/sha256-")) + QString(64, u'0')).size();
    }
    ASSERT_GT(one, 4000);
    auto files = [&] {
        QStringList names = QDir(folder).entryList(QDir::Files);
        for (QString &n : names)
            n = n.left(8);
        names.sort();
        return names;
    };
    {
        LayerCache cache(folder, 3 * one + one / 2, &clock);
        for (char c : {'a', 'b', 'c'}) {
            clock.advance(1000);
            cache.store(digest(c), contents(c));
        }
        EXPECT_EQ(files().size(), 3);
    }
    LayerCache later(folder, 3 * one + one / 2, &clock); // another run: its memory is empty
    clock.advance(1000);
    ASSERT_EQ(later.find(digest('a')), contents('a')); // read again: now the most recent but one
    clock.advance(1000);
    later.store(digest('d'), contents('d'));
    EXPECT_EQ(files(), (QStringList{QStringLiteral("sha256-a"), QStringLiteral("sha256-c"),
                                    QStringLiteral("sha256-d")}));
    EXPECT_FALSE(LayerCache(folder, 1LL << 30, &clock).find(digest('b')).has_value());
    EXPECT_EQ(LayerCache(folder, 1LL << 30, &clock).find(digest('c')), contents('c'));
}
