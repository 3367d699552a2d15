// The `diff` command as scripts run it (issue 21): the real binary against the loopback registry, the
// contract's JSON fields and exit codes, with and without a history database.
#include "AnalysisFixtures.h"
#include "CliRunner.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <gtest/gtest.h>

using namespace RebuildRadar;
using namespace RebuildRadar::Test;

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
    EXPECT_TRUE(json.value(QStringLiteral("platform")).isNull()); // one image manifest, no --platform
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

// The byte budget is the shared setting analysis/budgetMegabytes: a layer larger than it is not
// downloaded, and the reason is on stderr.
TEST_F(Analysis, DiffCommandKeepsTheBudgetOfTheSharedSettings)
{
    const QString name = QStringLiteral("cli-budget");
    const QByteArray big =
        gzip(makeTar({{QStringLiteral("var/lib/dpkg/status"), dpkgStatus({{"a", "1", {}}})},
                      {QStringLiteral("data"), noise(1536 * 1024, 5)}}));
    const QString a = push.pushLayers(name, {{big, kGzipLayer, {}}}).digest;
    const QString b = push.pushLayers(name, {{big, kGzipLayer, {}},
                                             {gzip(makeTar({{QStringLiteral("x"), "1"}})), kGzipLayer, {}}})
                          .digest;
    const QString ref = registry().host() + u'/' + name + QStringLiteral(":latest");
    CliRunner cli;
    const QString config = cli.home() + QStringLiteral("/config/RebuildRadar");
    ASSERT_TRUE(QDir().mkpath(config));
    QFile settings(config + QStringLiteral("/rebuildradar.conf"));
    ASSERT_TRUE(settings.open(QIODevice::WriteOnly));
    settings.write("[analysis]\nbudgetMegabytes=1\n");
    settings.close();
    CliRun r = cli.run({QStringLiteral("diff"), ref, a, b});
    EXPECT_EQ(r.exitCode, 1);
    EXPECT_TRUE(r.err.contains("not analysed: over budget")) << r.err.toStdString();

    ASSERT_TRUE(settings.open(QIODevice::WriteOnly | QIODevice::Truncate));
    settings.write("[analysis]\nbudgetMegabytes=3\n");
    settings.close();
    r = cli.run({QStringLiteral("diff"), ref, a, b});
    EXPECT_EQ(r.exitCode, 0) << r.err.toStdString();
}
