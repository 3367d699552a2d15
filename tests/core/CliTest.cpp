// The command-line tool as users and scripts run it: the binary, the real loopback registry, and the
// contract's JSON fields and exit codes.
#include "CliRunner.h"
#include "LocalRegistry.h"
#include "ScriptedServer.h"
#include "registry/ManifestParser.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTest>

#include <csignal>

#include <gtest/gtest.h>

using namespace RebuildRadar;
using namespace RebuildRadar::Test;

namespace {

const QRegularExpression kIsoZ(QStringLiteral("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ$"));
const QRegularExpression kDigest(QStringLiteral("^sha256:[0-9a-f]{64}$"));

QJsonValue parse(const QByteArray &out)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(out, &error);
    EXPECT_EQ(error.error, QJsonParseError::NoError) << out.toStdString();
    return doc.isArray() ? QJsonValue(doc.array()) : QJsonValue(doc.object());
}

class CliE2E : public testing::Test
{
protected:
    void SetUp() override { ASSERT_TRUE(registry.isRunning()) << registry.error().toStdString(); }
    QString ref(const QString &repoTag) const { return registry.host() + u'/' + repoTag; }
    IndexEntry platform(const QString &repo, const QString &arch, const QByteArray &layer, char baseSeed)
    {
        TestImage image;
        image.architecture = arch;
        image.layer = layer;
        IndexEntry entry = push.pushImage(repo, image);
        entry.annotations.insert(Annotation::BaseName, QStringLiteral("debian:bookworm-slim"));
        entry.annotations.insert(Annotation::BaseDigest,
                                 QStringLiteral("sha256:") + QString(64, QLatin1Char(baseSeed)));
        entry.annotations.insert(Annotation::Created,
                                 QStringLiteral("2026-02-0%1T00:00:00Z").arg(QChar::fromLatin1(baseSeed)));
        return entry;
    }

    LocalRegistry registry;
    Pusher push{registry.host()};
    CliRunner cli;
};

} // namespace

TEST(Cli, VersionHelpAndUsageErrors)
{
    CliRunner cli;
    auto version = cli.run({QStringLiteral("--version")});
    EXPECT_EQ(version.exitCode, 0);
    EXPECT_TRUE(version.out.contains(REBUILDRADAR_VERSION));
    EXPECT_EQ(cli.run({QStringLiteral("--help")}).exitCode, 0);
    EXPECT_EQ(cli.run({}).exitCode, 2);
    EXPECT_EQ(cli.run({QStringLiteral("frobnicate")}).exitCode, 2);
    EXPECT_EQ(cli.run({QStringLiteral("watch"), QStringLiteral("list"), QStringLiteral("--bogus")}).exitCode,
              2);
    auto badDuration = cli.run({QStringLiteral("watch"), QStringLiteral("add"), QStringLiteral("python"),
                                QStringLiteral("--every"), QStringLiteral("0s")});
    EXPECT_EQ(badDuration.exitCode, 2);
    EXPECT_TRUE(badDuration.err.contains("0s"));
}

TEST(Cli, WatchAddIsAllOrNothingAndOptionsGoAnywhere)
{
    CliRunner cli;
    auto bad = cli.run({QStringLiteral("watch"), QStringLiteral("add"), QStringLiteral("python:3.13"),
                        QStringLiteral("Bad/Name"), QStringLiteral("python@sha256:") + QString(64, u'a')});
    EXPECT_EQ(bad.exitCode, 2);
    EXPECT_TRUE(bad.err.contains("Bad/Name")) << bad.err.toStdString();
    EXPECT_TRUE(bad.err.contains("digest")) << bad.err.toStdString();
    auto list = cli.run({QStringLiteral("watch"), QStringLiteral("list"), QStringLiteral("--json")});
    EXPECT_EQ(list.exitCode, 0);
    EXPECT_TRUE(parse(list.out).toArray().isEmpty());

    EXPECT_EQ(cli.run({QStringLiteral("watch"), QStringLiteral("add"), QStringLiteral("--every"),
                       QStringLiteral("2s"), QStringLiteral("python:3.13")})
                  .exitCode,
              0);
    EXPECT_EQ(cli.run({QStringLiteral("watch"), QStringLiteral("add"),
                       QStringLiteral("ghcr.io/o/a:1@sha256:") + QString(64, u'b'), QStringLiteral("--every"),
                       QStringLiteral("15m"), QStringLiteral("--platforms"),
                       QStringLiteral("linux/amd64,linux/arm64/v8")})
                  .exitCode,
              0);
    const QJsonArray tags =
        parse(cli.run({QStringLiteral("--json"), QStringLiteral("watch"), QStringLiteral("list")}).out)
            .toArray();
    ASSERT_EQ(tags.size(), 2);
    const QJsonObject python = tags[0].toObject();
    EXPECT_EQ(python[QStringLiteral("reference")].toString(),
              QStringLiteral("docker.io/library/python:3.13"));
    EXPECT_EQ(python[QStringLiteral("familiar")].toString(), QStringLiteral("python:3.13"));
    EXPECT_EQ(python[QStringLiteral("registry")].toString(), QStringLiteral("docker.io"));
    EXPECT_EQ(python[QStringLiteral("repository")].toString(), QStringLiteral("library/python"));
    EXPECT_EQ(python[QStringLiteral("tag")].toString(), QStringLiteral("3.13"));
    EXPECT_TRUE(python[QStringLiteral("pinned_digest")].isNull());
    EXPECT_EQ(python[QStringLiteral("interval_seconds")].toInt(), 2);
    EXPECT_EQ(python[QStringLiteral("status")].toString(), QStringLiteral("pending"));
    EXPECT_TRUE(python[QStringLiteral("last_error")].isNull());
    EXPECT_TRUE(python[QStringLiteral("last_checked")].isNull());
    EXPECT_TRUE(python[QStringLiteral("current_digest")].isNull());
    EXPECT_EQ(python[QStringLiteral("rebuild_count")].toInt(), 0);
    EXPECT_TRUE(python[QStringLiteral("platforms")].isNull());
    EXPECT_TRUE(python[QStringLiteral("aliases")].isArray());
    EXPECT_TRUE(python[QStringLiteral("family")].isNull());
    const QJsonObject pinned = tags[1].toObject();
    EXPECT_EQ(pinned[QStringLiteral("pinned_digest")].toString(),
              QStringLiteral("sha256:") + QString(64, u'b'));
    EXPECT_EQ(pinned[QStringLiteral("interval_seconds")].toInt(), 900);
    EXPECT_EQ(pinned[QStringLiteral("platforms")].toArray().size(), 2);

    // history of a watched tag never resolved: empty, exit 0; unknown: exit 2
    const QJsonObject empty =
        parse(
            cli.run({QStringLiteral("history"), QStringLiteral("python:3.13"), QStringLiteral("--json")}).out)
            .toObject();
    EXPECT_TRUE(empty[QStringLiteral("digests")].toArray().isEmpty());
    EXPECT_TRUE(empty[QStringLiteral("rebuilds")].toArray().isEmpty());
    EXPECT_EQ(cli.run({QStringLiteral("history"), QStringLiteral("python:9")}).exitCode, 2);

    // remove: unknown references change nothing
    EXPECT_EQ(cli.run({QStringLiteral("watch"), QStringLiteral("remove"), QStringLiteral("python:3.13"),
                       QStringLiteral("nope:1")})
                  .exitCode,
              2);
    EXPECT_EQ(parse(cli.run({QStringLiteral("watch"), QStringLiteral("list"), QStringLiteral("--json")}).out)
                  .toArray()
                  .size(),
              2);
    EXPECT_EQ(
        cli.run({QStringLiteral("watch"), QStringLiteral("remove"), QStringLiteral("python:3.13")}).exitCode,
        0);
    EXPECT_EQ(parse(cli.run({QStringLiteral("watch"), QStringLiteral("list"), QStringLiteral("--json")}).out)
                  .toArray()
                  .size(),
              1);
    EXPECT_EQ(cli.run({QStringLiteral("history"), QStringLiteral("python:3.13")}).exitCode,
              0); // history kept
}

TEST_F(CliE2E, CheckResolvesEveryManifestKind)
{
    const QString repo = QStringLiteral("kinds/app");
    IndexEntry amd = platform(repo, QStringLiteral("amd64"), "k1", '1');
    IndexEntry arm = platform(repo, QStringLiteral("arm64"), "k2", '2');
    const QString oci =
        push.pushIndex(repo, QStringLiteral("oci"), {amd, arm, push.pushAttestation(repo, amd.digest)});
    IndexEntry damd = push.pushImage(repo, TestImage{}, true);
    const QString list = push.pushIndex(repo, QStringLiteral("list"), {damd}, {}, true);
    const QString single = push.tagImage(repo, QStringLiteral("single"), TestImage{});

    auto run =
        cli.run({QStringLiteral("check"), ref(QStringLiteral("kinds/app:oci")), QStringLiteral("--json")});
    ASSERT_EQ(run.exitCode, 0) << run.err.toStdString();
    QJsonObject o = parse(run.out).toObject();
    EXPECT_EQ(o[QStringLiteral("reference")].toString(), ref(QStringLiteral("kinds/app:oci")));
    EXPECT_EQ(o[QStringLiteral("digest")].toString(), oci);
    EXPECT_EQ(o[QStringLiteral("media_type")].toString(), MediaType::OciIndex);
    EXPECT_EQ(o[QStringLiteral("platforms")].toObject().keys(),
              (QStringList{QStringLiteral("linux/amd64"), QStringLiteral("linux/arm64")}));
    EXPECT_EQ(o[QStringLiteral("platforms")].toObject()[QStringLiteral("linux/amd64")].toString(),
              amd.digest);

    o = parse(cli.run({QStringLiteral("check"), ref(QStringLiteral("kinds/app:list")),
                       QStringLiteral("--json")})
                  .out)
            .toObject();
    EXPECT_EQ(o[QStringLiteral("digest")].toString(), list);
    EXPECT_EQ(o[QStringLiteral("media_type")].toString(), MediaType::DockerList);
    EXPECT_EQ(o[QStringLiteral("platforms")].toObject()[QStringLiteral("linux/amd64")].toString(),
              damd.digest);

    o = parse(cli.run({QStringLiteral("check"), ref(QStringLiteral("kinds/app:single")),
                       QStringLiteral("--json")})
                  .out)
            .toObject();
    EXPECT_EQ(o[QStringLiteral("digest")].toString(), single);
    EXPECT_EQ(o[QStringLiteral("platforms")].toObject()[QStringLiteral("linux/amd64")].toString(), single);

    auto missing = cli.run({QStringLiteral("check"), ref(QStringLiteral("kinds/app:nope"))});
    EXPECT_EQ(missing.exitCode, 1);
    EXPECT_TRUE(missing.err.contains("not found")) << missing.err.toStdString();
    EXPECT_EQ(cli.run({QStringLiteral("check"), QStringLiteral("UPPER")}).exitCode, 2);
    EXPECT_FALSE(QFile::exists(cli.dbPath())); // check stores nothing
}

TEST_F(CliE2E, PollHistoryExportAndExitCodes)
{
    const QString repo = QStringLiteral("library/py");
    IndexEntry amd = platform(repo, QStringLiteral("amd64"), "p1", '1');
    IndexEntry arm = platform(repo, QStringLiteral("arm64"), "p2", '2');
    const QString first = push.pushIndex(repo, QStringLiteral("3.13"), {amd, arm});
    const QString tag = ref(QStringLiteral("library/py:3.13"));
    ASSERT_EQ(cli.run({QStringLiteral("watch"), QStringLiteral("add"), tag}).exitCode, 0);

    auto poll = cli.run({QStringLiteral("poll"), QStringLiteral("--json"), QStringLiteral("--exit-code")});
    ASSERT_EQ(poll.exitCode, 0) << poll.err.toStdString();
    QJsonArray results = parse(poll.out).toArray();
    ASSERT_EQ(results.size(), 1);
    QJsonObject r = results[0].toObject();
    EXPECT_EQ(r[QStringLiteral("reference")].toString(), tag);
    EXPECT_EQ(r[QStringLiteral("status")].toString(), QStringLiteral("ok"));
    EXPECT_EQ(r[QStringLiteral("digest")].toString(), first);
    EXPECT_FALSE(r[QStringLiteral("changed")].toBool());
    EXPECT_TRUE(r[QStringLiteral("error")].isNull());

    IndexEntry arm2 = platform(repo, QStringLiteral("arm64"), "p2-rebuilt", '3');
    const QString second = push.pushIndex(repo, QStringLiteral("3.13"), {amd, arm2});
    poll = cli.run({QStringLiteral("poll"), tag, QStringLiteral("--exit-code")});
    EXPECT_EQ(poll.exitCode, 3) << poll.err.toStdString();
    EXPECT_TRUE(poll.out.contains("rebuilt")) << poll.out.toStdString();
    EXPECT_TRUE(poll.out.contains("base-image")) << poll.out.toStdString();
    // without --exit-code a found rebuild is exit 0
    push.pushIndex(repo, QStringLiteral("3.13"), {amd, arm});
    EXPECT_EQ(cli.run({QStringLiteral("poll")}).exitCode, 0);

    auto history = cli.run({QStringLiteral("history"), tag, QStringLiteral("--json")});
    ASSERT_EQ(history.exitCode, 0);
    const QJsonObject h = parse(history.out).toObject();
    EXPECT_EQ(h[QStringLiteral("reference")].toString(), tag);
    const QJsonArray digests = h[QStringLiteral("digests")].toArray();
    ASSERT_EQ(digests.size(), 3);
    for (const QJsonValue &v : digests) {
        const QJsonObject span = v.toObject();
        EXPECT_TRUE(kDigest.match(span[QStringLiteral("digest")].toString()).hasMatch());
        EXPECT_EQ(span[QStringLiteral("media_type")].toString(), MediaType::OciIndex);
        EXPECT_TRUE(kIsoZ.match(span[QStringLiteral("first_seen")].toString()).hasMatch());
        EXPECT_TRUE(kIsoZ.match(span[QStringLiteral("last_seen")].toString()).hasMatch());
        EXPECT_TRUE(kIsoZ.match(span[QStringLiteral("built_at")].toString()).hasMatch())
            << span[QStringLiteral("built_at")].toString().toStdString();
        EXPECT_EQ(span[QStringLiteral("platforms")].toObject().size(), 2);
    }
    EXPECT_EQ(digests[0].toObject()[QStringLiteral("digest")].toString(), first);
    EXPECT_EQ(digests[1].toObject()[QStringLiteral("digest")].toString(), second);
    EXPECT_EQ(digests[1]
                  .toObject()[QStringLiteral("platforms")]
                  .toObject()[QStringLiteral("linux/arm64")]
                  .toString(),
              arm2.digest);
    const QJsonArray rebuilds = h[QStringLiteral("rebuilds")].toArray();
    ASSERT_EQ(rebuilds.size(), 2);
    const QJsonObject rb = rebuilds[0].toObject();
    EXPECT_TRUE(kIsoZ.match(rb[QStringLiteral("detected_at")].toString()).hasMatch());
    EXPECT_EQ(rb[QStringLiteral("from")].toString(), first);
    EXPECT_EQ(rb[QStringLiteral("to")].toString(), second);
    EXPECT_EQ(rb[QStringLiteral("platforms_changed")].toArray(), QJsonArray{QStringLiteral("linux/arm64")});
    EXPECT_TRUE(rb[QStringLiteral("platforms_added")].toArray().isEmpty());
    EXPECT_TRUE(rb[QStringLiteral("platforms_removed")].toArray().isEmpty());
    const QJsonArray causes = rb[QStringLiteral("causes")].toArray();
    ASSERT_FALSE(causes.isEmpty());
    EXPECT_EQ(causes[0].toObject()[QStringLiteral("kind")].toString(), QStringLiteral("base-image"));
    EXPECT_FALSE(causes[0].toObject()[QStringLiteral("detail")].toString().isEmpty());
    const QJsonArray revertCauses = rebuilds[1].toObject()[QStringLiteral("causes")].toArray();
    EXPECT_TRUE(std::any_of(revertCauses.begin(), revertCauses.end(), [](const QJsonValue &c) {
        return c.toObject()[QStringLiteral("kind")].toString() == u"revert";
    }));

    // CSV export parsed back
    const QString csvPath = cli.home() + QStringLiteral("/out.csv");
    ASSERT_EQ(cli.run({QStringLiteral("export"), QStringLiteral("--format"), QStringLiteral("csv"),
                       QStringLiteral("-o"), csvPath})
                  .exitCode,
              0);
    QFile csv(csvPath);
    ASSERT_TRUE(csv.open(QIODevice::ReadOnly));
    const QList<QByteArray> lines = csv.readAll().trimmed().split('\n');
    ASSERT_EQ(lines.size(), 4);
    EXPECT_EQ(lines[0].trimmed(), "reference,digest,first_seen,last_seen,platforms,causes");
    const QList<QByteArray> row = lines[2].trimmed().split(',');
    ASSERT_EQ(row.size(), 6);
    EXPECT_EQ(row[0], tag.toUtf8());
    EXPECT_EQ(row[1], second.toUtf8());
    EXPECT_TRUE(row[4].contains("linux/arm64=" + arm2.digest.toUtf8()));
    EXPECT_TRUE(row[5].contains("base-image"));

    // JSON export to stdout equals history elements
    auto json = cli.run({QStringLiteral("export"), tag, QStringLiteral("--format=json"), QStringLiteral("-o"),
                         QStringLiteral("-")});
    ASSERT_EQ(json.exitCode, 0) << json.err.toStdString();
    const QJsonArray exported = parse(json.out).toArray();
    ASSERT_EQ(exported.size(), 1);
    EXPECT_EQ(exported[0].toObject(), h);

    // bad export input
    EXPECT_EQ(cli.run({QStringLiteral("export"), QStringLiteral("--format"), QStringLiteral("xls"),
                       QStringLiteral("-o"), QStringLiteral("-")})
                  .exitCode,
              2);
    EXPECT_EQ(cli.run({QStringLiteral("export"), QStringLiteral("--format"), QStringLiteral("csv"),
                       QStringLiteral("--since"), QStringLiteral("yesterday"), QStringLiteral("-o"),
                       QStringLiteral("-")})
                  .exitCode,
              2);

    // the tag disappears: exit 1, status not-found, history kept
    ASSERT_TRUE(push.deleteManifest(repo, first));
    poll = cli.run({QStringLiteral("poll"), QStringLiteral("--json")});
    EXPECT_EQ(poll.exitCode, 1);
    r = parse(poll.out).toArray()[0].toObject();
    EXPECT_EQ(r[QStringLiteral("status")].toString(), QStringLiteral("not-found"));
    EXPECT_FALSE(r[QStringLiteral("error")].toString().isEmpty());
    EXPECT_TRUE(poll.err.contains("not-found"));
    EXPECT_EQ(parse(cli.run({QStringLiteral("history"), tag, QStringLiteral("--json")}).out)
                  .toObject()[QStringLiteral("digests")]
                  .toArray()
                  .size(),
              3);
    EXPECT_EQ(cli.run({QStringLiteral("poll"), QStringLiteral("python:unwatched")}).exitCode, 2);
}

TEST_F(CliE2E, DaemonRunsHookPerRebuildAndStopsOnSigterm)
{
    const QString repo = QStringLiteral("d/app");
    IndexEntry amd = platform(repo, QStringLiteral("amd64"), "d1", '1');
    IndexEntry arm = platform(repo, QStringLiteral("arm64"), "d2", '2');
    push.pushIndex(repo, QStringLiteral("1"), {amd, arm});
    const QString tag = ref(QStringLiteral("d/app:1"));
    const QString other = ref(QStringLiteral("d/app:amd-only"));
    push.pushIndex(repo, QStringLiteral("amd-only"), {amd, arm});
    ASSERT_EQ(cli.run({QStringLiteral("watch"), QStringLiteral("add"), tag, QStringLiteral("--every"),
                       QStringLiteral("1s")})
                  .exitCode,
              0);
    ASSERT_EQ(cli.run({QStringLiteral("watch"), QStringLiteral("add"), other, QStringLiteral("--every"),
                       QStringLiteral("1s"), QStringLiteral("--platforms"), QStringLiteral("linux/amd64")})
                  .exitCode,
              0);
    const QString hookLog = cli.home() + QStringLiteral("/hook.log");
    auto daemon = cli.start({QStringLiteral("daemon"), QStringLiteral("--on-rebuild"),
                             QStringLiteral("echo \"$REBUILDRADAR_REFERENCE $REBUILDRADAR_FROM "
                                            "$REBUILDRADAR_TO $REBUILDRADAR_PLATFORMS\" >> '%1'")
                                 .arg(hookLog)});
    ASSERT_TRUE(daemon->waitForStarted());
    // wait until both tags have their baseline
    ASSERT_TRUE(QTest::qWaitFor(
        [&] {
            const QJsonArray list =
                parse(
                    cli.run({QStringLiteral("watch"), QStringLiteral("list"), QStringLiteral("--json")}).out)
                    .toArray();
            return std::all_of(list.begin(), list.end(), [](const QJsonValue &v) {
                return v.toObject()[QStringLiteral("status")].toString() == u"ok";
            });
        },
        30000));

    // arm64 rebuilt under both tags: the hook runs for the first, not for the amd64-only one
    IndexEntry arm2 = platform(repo, QStringLiteral("arm64"), "d2-rebuilt", '3');
    const QString rebuilt = push.pushIndex(repo, QStringLiteral("1"), {amd, arm2});
    push.pushIndex(repo, QStringLiteral("amd-only"), {amd, arm2});
    ASSERT_TRUE(QTest::qWaitFor(
        [&] {
            QFile f(hookLog);
            return f.open(QIODevice::ReadOnly) && f.readAll().contains(rebuilt.toUtf8());
        },
        30000));
    ASSERT_TRUE(QTest::qWaitFor(
        [&] {
            const QJsonObject h =
                parse(cli.run({QStringLiteral("history"), other, QStringLiteral("--json")}).out).toObject();
            return h[QStringLiteral("rebuilds")].toArray().size() == 1;
        },
        30000));

    ::kill(pid_t(daemon->processId()), SIGTERM);
    ASSERT_TRUE(daemon->waitForFinished(10000));
    EXPECT_EQ(daemon->exitStatus(), QProcess::NormalExit);
    EXPECT_EQ(daemon->exitCode(), 0);

    QFile f(hookLog);
    ASSERT_TRUE(f.open(QIODevice::ReadOnly));
    const QList<QByteArray> lines = f.readAll().trimmed().split('\n');
    ASSERT_EQ(lines.size(), 1) << "the amd64-only tag must not run the hook";
    const QList<QByteArray> fields = lines[0].split(' ');
    ASSERT_EQ(fields.size(), 4);
    EXPECT_EQ(fields[0], tag.toUtf8());
    EXPECT_EQ(fields[2], rebuilt.toUtf8());
    EXPECT_EQ(fields[3], "linux/arm64");
}

TEST_F(CliE2E, ProgressGoesToStderrOnlyOnATerminal)
{
    push.tagImage(QStringLiteral("p/app"), QStringLiteral("1"), TestImage{});
    ASSERT_EQ(
        cli.run({QStringLiteral("watch"), QStringLiteral("add"), ref(QStringLiteral("p/app:1"))}).exitCode,
        0);
    const CliRun piped = cli.run({QStringLiteral("poll")});
    EXPECT_EQ(piped.exitCode, 0);
    EXPECT_FALSE(piped.err.contains("checked")) << piped.err.toStdString();
    // script(1) gives the command a terminal.
    QProcess tty;
    tty.setProcessEnvironment(cli.env());
    tty.start(QStringLiteral("script"),
              {QStringLiteral("-qfec"), QStringLiteral(REBUILDRADAR_CLI_PATH) + QStringLiteral(" poll"),
               QStringLiteral("/dev/null")});
    ASSERT_TRUE(QTest::qWaitFor([&] { return tty.state() == QProcess::NotRunning; }, 60000));
    EXPECT_EQ(tty.exitCode(), 0);
    EXPECT_TRUE(tty.readAllStandardOutput().contains("checked 1 of 1"));
}

TEST(Cli, SystemProxySettingsAreHonoured)
{
    // The proxy answers for a host that does not resolve: only a request sent through it can succeed.
    const QByteArray config = R"({"architecture":"amd64","os":"linux"})";
    const QByteArray manifest =
        R"({"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":")" +
        sha256Digest(config).toLatin1() + R"(","size":)" + QByteArray::number(config.size()) +
        R"(},"layers":[]})";
    const QByteArray upstream = "http://registry.proxy.test:5000/v2/team/app/";
    ScriptedServer proxy([&](const ScriptedRequest &r) {
        if (r.target == upstream + "manifests/1" ||
            r.target == upstream + "manifests/" + sha256Digest(manifest).toLatin1()) {
            ScriptedResponse ok{200, {{"Content-Type", MediaType::OciManifest.toLatin1()}}, {}};
            ok.header("Docker-Content-Digest", sha256Digest(manifest).toLatin1());
            if (r.method == "GET")
                ok.body = manifest;
            return ok;
        }
        if (r.target == upstream + "blobs/" + sha256Digest(config).toLatin1())
            return ScriptedResponse{200, {}, config};
        return ScriptedResponse{404, {}, "{}"};
    });
    CliRunner cli;
    for (const QString &name : {QStringLiteral("no_proxy"), QStringLiteral("NO_PROXY"),
                                QStringLiteral("all_proxy"), QStringLiteral("ALL_PROXY")})
        cli.env().remove(name);
    cli.env().insert(QStringLiteral("http_proxy"), proxy.url());
    auto run = cli.run({QStringLiteral("check"), QStringLiteral("--json"),
                        QStringLiteral("--insecure-registry"), QStringLiteral("registry.proxy.test:5000"),
                        QStringLiteral("registry.proxy.test:5000/team/app:1")});
    ASSERT_EQ(run.exitCode, 0) << run.err.toStdString();
    EXPECT_EQ(parse(run.out).toObject()[QStringLiteral("digest")].toString(), sha256Digest(manifest));
    ASSERT_GE(proxy.count("HEAD"), 1);
    EXPECT_EQ(proxy.requests().first().header("host"), "registry.proxy.test:5000");
}

// A registry decides platform names and annotations; printed raw, "\x1b]0;…\x07" would retitle the
// user's terminal and "\x1b[31m" repaint it. Text output shows them escaped, JSON keeps them exact.
TEST_F(CliE2E, RegistryStringsCannotDriveTheTerminal)
{
    const QString repo = QStringLiteral("evil/app");
    const QString title = QStringLiteral("v8\x1b]0;pwned\x07");
    TestImage image;
    image.architecture = QStringLiteral("arm64");
    image.variant = title;
    image.layer = "evil";
    IndexEntry evil = push.pushImage(repo, image);
    evil.annotations.insert(Annotation::Version, QStringLiteral("1\x1b[31m"));
    IndexEntry amd = platform(repo, QStringLiteral("amd64"), "e1", '1');
    push.pushIndex(repo, QStringLiteral("1"), {amd, evil});
    const QString tag = ref(QStringLiteral("evil/app:1"));

    auto check = cli.run({QStringLiteral("check"), tag});
    ASSERT_EQ(check.exitCode, 0) << check.err.toStdString();
    EXPECT_TRUE(check.out.contains("linux/arm64/v8\\x1b]0;pwned\\x07")) << check.out.toStdString();
    for (const CliRun &run : {check}) {
        EXPECT_FALSE(run.out.contains('\x1b')) << run.out.toStdString();
        EXPECT_FALSE(run.out.contains('\x07')) << run.out.toStdString();
    }
    // JSON is already escaped by the encoder, and keeps the registry's string exactly.
    const QJsonObject json =
        parse(cli.run({QStringLiteral("check"), tag, QStringLiteral("--json")}).out).toObject();
    EXPECT_TRUE(
        json[QStringLiteral("platforms")].toObject().contains(QStringLiteral("linux/arm64/") + title));

    // The history shows the platforms of each digest and the causes of each rebuild (the version).
    ASSERT_EQ(cli.run({QStringLiteral("watch"), QStringLiteral("add"), tag}).exitCode, 0);
    ASSERT_EQ(cli.run({QStringLiteral("poll")}).exitCode, 0);
    image.layer = "evil-rebuilt";
    IndexEntry rebuilt = push.pushImage(repo, image);
    rebuilt.annotations.insert(Annotation::Version, QStringLiteral("2\x1b[31m"));
    push.pushIndex(repo, QStringLiteral("1"), {amd, rebuilt});
    auto poll = cli.run({QStringLiteral("poll")});
    ASSERT_EQ(poll.exitCode, 0) << poll.err.toStdString();
    auto history = cli.run({QStringLiteral("history"), tag});
    ASSERT_EQ(history.exitCode, 0) << history.err.toStdString();
    EXPECT_TRUE(history.out.contains("\\x1b[31m")) << history.out.toStdString(); // the version cause
    for (const CliRun &run : {poll, history}) {
        for (const QByteArray &stream : {run.out, run.err}) {
            EXPECT_FALSE(stream.contains('\x1b')) << stream.toStdString();
            EXPECT_FALSE(stream.contains('\x07')) << stream.toStdString();
        }
    }
}

// issue 25: a quiet poll says what it did; --help and the export spec agree on export's options.
TEST_F(CliE2E, QuietPollSaysHowManyTagsWereCheckedAndExportTakesItsDocumentedFlags)
{
    const QString repo = QStringLiteral("quiet/app");
    IndexEntry amd = platform(repo, QStringLiteral("amd64"), "q1", '1');
    IndexEntry arm = platform(repo, QStringLiteral("arm64"), "q2", '2');
    push.pushIndex(repo, QStringLiteral("1"), {amd, arm});
    push.pushIndex(repo, QStringLiteral("2"), {amd});
    ASSERT_EQ(cli.run({QStringLiteral("watch"), QStringLiteral("add"), ref(QStringLiteral("quiet/app:1"))})
                  .exitCode,
              0);
    auto one = cli.run({QStringLiteral("poll")});
    ASSERT_EQ(one.exitCode, 0) << one.err.toStdString();
    EXPECT_EQ(one.out.trimmed(), "1 tag checked, no rebuilds");

    ASSERT_EQ(cli.run({QStringLiteral("watch"), QStringLiteral("add"), ref(QStringLiteral("quiet/app:2"))})
                  .exitCode,
              0);
    auto two = cli.run({QStringLiteral("poll")});
    ASSERT_EQ(two.exitCode, 0) << two.err.toStdString();
    EXPECT_EQ(two.out.trimmed(), "2 tags checked, no rebuilds");

    // JSON stays the contract's array and nothing else.
    auto json = cli.run({QStringLiteral("poll"), QStringLiteral("--json")});
    ASSERT_EQ(json.exitCode, 0);
    EXPECT_EQ(parse(json.out).toArray().size(), 2);
    EXPECT_FALSE(json.out.contains("checked"));

    // A rebuild is reported by its own line, without the "no rebuilds" summary.
    IndexEntry arm2 = platform(repo, QStringLiteral("arm64"), "q2-rebuilt", '3');
    push.pushIndex(repo, QStringLiteral("1"), {amd, arm2});
    auto rebuilt = cli.run({QStringLiteral("poll")});
    ASSERT_EQ(rebuilt.exitCode, 0) << rebuilt.err.toStdString();
    EXPECT_TRUE(rebuilt.out.contains("quiet/app:1 rebuilt")) << rebuilt.out.toStdString();
    EXPECT_FALSE(rebuilt.out.contains("no rebuilds")) << rebuilt.out.toStdString();

    const QByteArray help = cli.run({QStringLiteral("--help")}).out;
    EXPECT_TRUE(help.contains("--no-platforms")) << help.toStdString();
    EXPECT_TRUE(help.contains("--no-index-only")) << help.toStdString();

    // The flags are accepted (they were refused as unknown options) and do what they say.
    auto platformsOf = [](const QByteArray &csv) {
        QByteArray all;
        for (const QByteArray &line : csv.trimmed().split('\n').mid(1))
            all += line.split(',').value(4);
        return all;
    };
    auto full = cli.run({QStringLiteral("export"), QStringLiteral("--format"), QStringLiteral("csv"),
                         QStringLiteral("-o"), QStringLiteral("-")});
    ASSERT_EQ(full.exitCode, 0) << full.err.toStdString();
    EXPECT_TRUE(platformsOf(full.out).contains("linux/arm64=")) << full.out.toStdString();
    auto bare = cli.run({QStringLiteral("export"), QStringLiteral("--format"), QStringLiteral("csv"),
                         QStringLiteral("--no-platforms"), QStringLiteral("--no-index-only"),
                         QStringLiteral("-o"), QStringLiteral("-")});
    ASSERT_EQ(bare.exitCode, 0) << bare.err.toStdString();
    EXPECT_TRUE(platformsOf(bare.out).isEmpty()) << bare.out.toStdString();
}

// A registry that takes the request and never answers costs one deadline, not minutes of retries.
TEST(Cli, ACheckEndsAtItsDeadline)
{
    ScriptedServer silent([](const ScriptedRequest &) {
        ScriptedResponse r;
        r.behaviour = ScriptedResponse::Behaviour::Silent;
        return r;
    });
    CliRunner cli;
    const CliRun run = cli.run({QStringLiteral("--check-timeout"), QStringLiteral("2s"),
                                QStringLiteral("check"), silent.host() + QStringLiteral("/team/app:1")});
    EXPECT_EQ(run.exitCode, 1);
    EXPECT_TRUE(run.err.contains("within 2 s")) << run.err.toStdString();
    EXPECT_EQ(silent.count("HEAD"), 1); // nothing was sent again
    EXPECT_EQ(cli.run({QStringLiteral("--check-timeout"), QStringLiteral("soon"), QStringLiteral("check"),
                       QStringLiteral("python")})
                  .exitCode,
              2);
}

// What the app's menu does, from the shell: mute and unmute, all or nothing; acknowledge a rollout.
TEST(Cli, MuteUnmuteAndAcknowledgeRefuseWhatTheyCannotDo)
{
    CliRunner cli;
    ASSERT_EQ(cli.run({QStringLiteral("watch"), QStringLiteral("add"), QStringLiteral("python:3.13"),
                       QStringLiteral("alpine:3")})
                  .exitCode,
              0);
    auto muted = [&] {
        QMap<QString, bool> out;
        for (const QJsonValue &v :
             parse(cli.run({QStringLiteral("watch"), QStringLiteral("list"), QStringLiteral("--json")}).out)
                 .toArray())
            out.insert(v[QStringLiteral("familiar")].toString(), v[QStringLiteral("muted")].toBool());
        return out;
    };
    // one unknown reference: nothing is muted
    const CliRun partly = cli.run({QStringLiteral("watch"), QStringLiteral("mute"),
                                   QStringLiteral("python:3.13"), QStringLiteral("nginx:1")});
    EXPECT_EQ(partly.exitCode, 2);
    EXPECT_TRUE(partly.err.contains("nginx:1")) << partly.err.toStdString();
    EXPECT_FALSE(muted().value(QStringLiteral("python:3.13")));
    EXPECT_EQ(
        cli.run({QStringLiteral("watch"), QStringLiteral("mute"), QStringLiteral("python:3.13")}).exitCode,
        0);
    EXPECT_TRUE(muted().value(QStringLiteral("python:3.13")));
    EXPECT_FALSE(muted().value(QStringLiteral("alpine:3")));
    EXPECT_EQ(
        cli.run({QStringLiteral("watch"), QStringLiteral("unmute"), QStringLiteral("python:3.13")}).exitCode,
        0);
    EXPECT_FALSE(muted().value(QStringLiteral("python:3.13")));
    EXPECT_EQ(cli.run({QStringLiteral("watch"), QStringLiteral("mute")}).exitCode, 2);
    // nothing to acknowledge yet, and no rollout at a given start
    EXPECT_EQ(
        cli.run({QStringLiteral("history"), QStringLiteral("python:3.13"), QStringLiteral("--acknowledge")})
            .exitCode,
        2);
    const CliRun when = cli.run({QStringLiteral("history"), QStringLiteral("python:3.13"),
                                 QStringLiteral("--acknowledge"), QStringLiteral("yesterday")});
    EXPECT_EQ(when.exitCode, 2);
    EXPECT_TRUE(when.err.contains("yesterday")) << when.err.toStdString();
}
