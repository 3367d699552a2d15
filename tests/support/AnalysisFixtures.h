#pragma once

// What the package-analysis tests build (issue 21): layers made by the `tar`, `gzip` and `zstd`
// commands, dpkg and apk databases, SPDX in-toto statements, and a fixture with one loopback registry
// per test binary, a client that counts blob downloads and an analyzer over a private layer cache.

#include "ClientHarness.h"
#include "LocalRegistry.h"
#include "analysis/PackageAnalyzer.h"
#include "registry/ManifestParser.h"

#include <QByteArray>
#include <QMap>
#include <QStringList>
#include <QTemporaryDir>

#include <gtest/gtest.h>

#include <optional>

namespace RebuildRadar::Test {

// One registry for the whole binary: each test pushes to its own repository.
LocalRegistry &sharedRegistry();

// A program's standard output for this input (the test fails if it exits non-zero).
QByteArray runTool(const QString &program, const QStringList &args, const QByteArray &input = {});
// A layer as image builders write it: the `tar` command over these files (path → contents), with
// fixed owners and times so the same files give the same bytes (a shared layer).
QByteArray makeTar(const QMap<QString, QByteArray> &files, const QString &format = QStringLiteral("gnu"));
QByteArray gzip(const QByteArray &data);
QByteArray zstd(const QByteArray &data);
// Bytes no compressor shrinks, so a layer's size is what the test chose.
QByteArray noise(qsizetype size, quint32 seed);

inline const QString kGzipLayer = QStringLiteral("application/vnd.oci.image.layer.v1.tar+gzip");
inline const QString kZstdLayer = QStringLiteral("application/vnd.oci.image.layer.v1.tar+zstd");
inline const QString kTarLayer = QStringLiteral("application/vnd.oci.image.layer.v1.tar");

struct Pkg
{
    QByteArray name;
    QByteArray version;
    QByteArray source; // empty: the name
};
QByteArray dpkgStatus(const QList<Pkg> &packages);
QByteArray apkInstalled(const QList<Pkg> &packages);
inline const QByteArray kDebianOsRelease =
    "PRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\nNAME=\"Debian GNU/Linux\"\n"
    "VERSION_ID=\"12\"\nVERSION=\"12 (bookworm)\"\nVERSION_CODENAME=bookworm\nID=debian\n";
// An in-toto statement holding an SPDX document whose packages carry these purls.
QByteArray spdxStatement(const QStringList &purls);

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

} // namespace RebuildRadar::Test
