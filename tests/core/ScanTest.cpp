// Pins: the finders on tricky files, and `scan` end to end on a fixture project against the real
// loopback registry, with `--update` compared byte for byte.
#include "CliRunner.h"
#include "LocalPostgres.h"
#include "LocalRegistry.h"
#include "registry/ManifestParser.h"
#include "scan/Finders.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <gtest/gtest.h>

using namespace RebuildRadar;
using namespace RebuildRadar::Test;

namespace {

QStringList texts(const QList<FoundReference> &found)
{
    QStringList out;
    for (const FoundReference &f : found)
        out.append(f.text);
    return out;
}

void write(const QString &path, const QByteArray &content)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    ASSERT_TRUE(f.open(QIODevice::WriteOnly));
    f.write(content);
}

QByteArray read(const QString &path)
{
    QFile f(path);
    EXPECT_TRUE(f.open(QIODevice::ReadOnly)) << path.toStdString();
    return f.readAll();
}

} // namespace

TEST(Finders, DockerfileStagesPlatformsArgsAndCopyFrom)
{
    const QByteArray dockerfile = "# syntax=docker/dockerfile:1\n"
                                  "ARG BASE=python\n"
                                  "FROM --platform=$BUILDPLATFORM golang:1.22@sha256:" +
                                  QByteArray(64, 'a') +
                                  " AS build\n"
                                  "RUN echo \\\n"
                                  "  FROM not-an-image\n"
                                  "from build as test\n"
                                  "FROM ${BASE}:3.13\n"
                                  "COPY --from=build /out /out\n"
                                  "COPY --from=0 /x /x\n"
                                  "COPY --link --from=ghcr.io/org/tools:1 /bin/t /bin/t\n"
                                  "FROM scratch\n";
    const auto found = findInDockerfile(dockerfile);
    EXPECT_EQ(texts(found),
              (QStringList{QStringLiteral("golang:1.22@sha256:") + QString(64, u'a'),
                           QStringLiteral("${BASE}:3.13"), QStringLiteral("ghcr.io/org/tools:1")}));
    EXPECT_EQ(found[0].line, 3);
    EXPECT_EQ(dockerfile.mid(found[0].offset, 11), "golang:1.22");
    EXPECT_TRUE(found[1].templated);
    EXPECT_EQ(found[2].line, 10);
}

TEST(Finders, YamlKeysAnchorsQuotesAndHelmMaps)
{
    const QByteArray yaml = "x-base: &base\n"
                            "  image: &img \"registry.example/app:1\"   # the app\n"
                            "services:\n"
                            "  web:\n"
                            "    image: *img\n"
                            "  db:\n"
                            "    image: 'postgres:17-alpine'\n"
                            "image:\n"
                            "  registry: ghcr.io\n"
                            "  repository: org/app\n"
                            "  tag: \"2.0\"\n"
                            "  digest: sha256:" +
                            QByteArray(64, 'b') +
                            "\n"
                            "  pullPolicy: IfNotPresent\n"
                            "templated:\n"
                            "  image: \"{{ .Values.image }}\"\n";
    const auto found = findInYaml(yaml, QStringLiteral("values.yaml"));
    EXPECT_EQ(texts(found),
              (QStringList{QStringLiteral("registry.example/app:1"), QStringLiteral("postgres:17-alpine"),
                           QStringLiteral("ghcr.io/org/app:2.0@sha256:") + QString(64, u'b'),
                           QStringLiteral("{{ .Values.image }}")}))
        << texts(found).join(u'|').toStdString();
}

TEST(Finders, WorkflowContainersServicesAndDockerSteps)
{
    const QByteArray workflow =
        "jobs:\n  test:\n    container: node:20\n    services:\n      redis:\n        image: redis:7\n"
        "    steps:\n      - uses: actions/checkout@v4\n      - uses: docker://alpine:3.20\n";
    EXPECT_EQ(
        texts(findInYaml(workflow, QStringLiteral(".github/workflows/ci.yml"))),
        (QStringList{QStringLiteral("node:20"), QStringLiteral("redis:7"), QStringLiteral("alpine:3.20")}));
    EXPECT_EQ(fileKindOf(QStringLiteral("build/Dockerfile.prod")), FileKind::Dockerfile);
    EXPECT_EQ(fileKindOf(QStringLiteral("Containerfile")), FileKind::Dockerfile);
    EXPECT_EQ(fileKindOf(QStringLiteral("k8s/app.yml")), FileKind::Yaml);
    EXPECT_EQ(fileKindOf(QStringLiteral("README.md")), FileKind::None);
}

TEST(ScanE2E, FixtureProjectStatusesAndByteExactUpdate)
{
    LocalRegistry registry;
    ASSERT_TRUE(registry.isRunning()) << registry.error().toStdString();
    Pusher push(registry.host());
    const QString reg = registry.host();
    auto platform = [&](const QString &repo, const QString &arch, const QByteArray &layer) {
        TestImage i;
        i.architecture = arch;
        i.layer = layer;
        return push.pushImage(repo, i);
    };
    const QString py = QStringLiteral("library/python");
    const IndexEntry amd = platform(py, QStringLiteral("amd64"), "py-amd");
    const IndexEntry arm = platform(py, QStringLiteral("arm64"), "py-arm");
    const QString pyOld = push.pushIndex(py, QStringLiteral("3.13"), {amd, arm});
    const QString appDigest = push.tagImage(QStringLiteral("team/app"), QStringLiteral("1"), TestImage{});
    TestImage helperImage;
    helperImage.layer = "helper";
    const QString helperOld = push.tagImage(QStringLiteral("tools/helper"), QStringLiteral("1"), helperImage);

    CliRunner cli;
    const QString root = cli.home() + QStringLiteral("/project");
    const QByteArray R = reg.toUtf8();
    const QByteArray OLD = pyOld.toUtf8();
    const QByteArray HOLD = helperOld.toUtf8();
    // Templates: @PY@ and @HELPER@ stand for the pinned digests, substituted before and after.
    const QMap<QString, QByteArray> files{
        {QStringLiteral("Dockerfile"), "ARG V=3.13\nFROM " + R +
                                           "/library/python:3.13@@PY@ AS build\nFROM build\n"
                                           "FROM " +
                                           R + "/library/python:${V}\nCOPY --from=" + R +
                                           "/tools/helper:1@@HELPER@ /h /h\n"},
        {QStringLiteral("svc/Containerfile"), "FROM " + R + "/library/python:3.13@@PY@\r\nRUN true\r\n"},
        {QStringLiteral("compose.yaml"),
         "x-py: &py\n  image: \"" + R +
             "/library/python:3.13@@PY@\"  # pinned\nservices:\n  a:\n    <<: *py\n"
             "  b:\n    image: '" +
             R + "/team/app:1@" + appDigest.toUtf8() + "'\n"},
        {QStringLiteral("k8s/deploy.yaml"), "spec:\n  initContainers:\n    - name: init\n      image: " + R +
                                                "/library/python:3.13@" + amd.digest.toUtf8() +
                                                "\n  containers:\n    - image: " + R + "/team/app:1\n"},
        {QStringLiteral("chart/values.yaml"),
         "image:\n  repository: " + R + "/library/python\n  tag: \"3.13\"\n  digest: @PY@\n"},
        {QStringLiteral(".github/workflows/ci.yml"), "jobs:\n  t:\n    container: " + R +
                                                         "/tools/helper:1\n    steps:\n"
                                                         "      - uses: docker://" +
                                                         R + "/library/python:3.13@@PY@\n"},
        {QStringLiteral("node_modules/dep/Dockerfile"), "FROM " + R + "/library/python:3.13@@PY@\n"},
        {QStringLiteral("ignored/Dockerfile"), "FROM " + R + "/library/python:3.13@@PY@\n"},
        {QStringLiteral(".gitignore"), "ignored/\n"},
    };
    auto render = [](const QByteArray &t, const QByteArray &pyDigest, const QByteArray &helper) {
        return QByteArray(t).replace("@PY@", pyDigest).replace("@HELPER@", helper);
    };
    for (auto it = files.begin(); it != files.end(); ++it)
        write(root + u'/' + it.key(), render(it.value(), OLD, HOLD));
    QProcess git;
    git.start(QStringLiteral("git"),
              {QStringLiteral("-C"), root, QStringLiteral("init"), QStringLiteral("-q")});
    ASSERT_TRUE(git.waitForFinished(30000));

    // Everything current now.
    auto first =
        cli.run({QStringLiteral("scan"), root, QStringLiteral("--json"), QStringLiteral("--exit-code")});
    ASSERT_EQ(first.exitCode, 0) << first.err.toStdString();
    QJsonArray results = QJsonDocument::fromJson(first.out).array();
    QMap<QString, int> count;
    for (const QJsonValue &v : results) {
        const QJsonObject o = v.toObject();
        EXPECT_FALSE(o[QStringLiteral("file")].toString().startsWith(QStringLiteral("node_modules")));
        EXPECT_FALSE(o[QStringLiteral("file")].toString().startsWith(QStringLiteral("ignored")));
        ++count[o[QStringLiteral("status")].toString()];
    }
    EXPECT_EQ(count.value(QStringLiteral("current")),
              8); // 5 python pins, helper, app, the amd64 manifest pin
    EXPECT_EQ(count.value(QStringLiteral("unpinned")), 2);
    EXPECT_EQ(count.value(QStringLiteral("unresolved")), 1); // ${V}
    EXPECT_EQ(count.value(QStringLiteral("stale")), 0);

    // The history watches python, so a stale pin can say how many rebuilds it missed.
    ASSERT_EQ(cli.run({QStringLiteral("watch"), QStringLiteral("add"),
                       reg + QStringLiteral("/library/python:3.13")})
                  .exitCode,
              0);
    ASSERT_EQ(cli.run({QStringLiteral("poll")}).exitCode, 0);

    // Upstream rebuilds python (arm64 only) and the helper.
    const IndexEntry arm2 = platform(py, QStringLiteral("arm64"), "py-arm-rebuilt");
    const QString pyNew = push.pushIndex(py, QStringLiteral("3.13"), {amd, arm2});
    helperImage.layer = "helper-rebuilt";
    const QString helperNew = push.tagImage(QStringLiteral("tools/helper"), QStringLiteral("1"), helperImage);

    ASSERT_EQ(cli.run({QStringLiteral("poll")}).exitCode, 0); // the history sees the rebuild
    // Text output words the pin's age humanly: the pinned digest was first seen moments ago.
    auto text = cli.run({QStringLiteral("scan"), root});
    EXPECT_TRUE(text.out.contains("1 rebuild since the pin, pinned digest first seen today"))
        << text.out.toStdString();
    EXPECT_FALSE(text.out.contains("0 days")) << text.out.toStdString();
    auto second =
        cli.run({QStringLiteral("scan"), root, QStringLiteral("--json"), QStringLiteral("--exit-code")});
    ASSERT_EQ(second.exitCode, 3) << second.err.toStdString();
    results = QJsonDocument::fromJson(second.out).array();
    int stale = 0;
    bool sawPlatformPin = false;
    for (const QJsonValue &v : results) {
        const QJsonObject o = v.toObject();
        if (o[QStringLiteral("status")] == QStringLiteral("stale")) {
            ++stale;
            if (o[QStringLiteral("current_digest")].toString() == pyNew) {
                EXPECT_EQ(o[QStringLiteral("rebuilds_since_pin")].toInt(-1), 1);
                EXPECT_GE(o[QStringLiteral("pin_age_seconds")].toInt(-1), 0);
            } else {
                EXPECT_TRUE(
                    o[QStringLiteral("rebuilds_since_pin")].isNull()); // the helper is not in the history
            }
            EXPECT_TRUE(o[QStringLiteral("current_digest")].toString() == pyNew ||
                        o[QStringLiteral("current_digest")].toString() == helperNew);
        }
        if (o[QStringLiteral("pinned_digest")].toString() == amd.digest) {
            sawPlatformPin = true;
            EXPECT_EQ(o[QStringLiteral("status")].toString(),
                      QStringLiteral("current")); // amd64 did not change
            EXPECT_EQ(o[QStringLiteral("file")].toString(), QStringLiteral("k8s/deploy.yaml"));
            EXPECT_EQ(o[QStringLiteral("line")].toInt(), 4);
        }
        if (o[QStringLiteral("file")].toString() == u"chart/values.yaml") {
            EXPECT_EQ(o[QStringLiteral("line")].toInt(), 2);
            EXPECT_EQ(o[QStringLiteral("reference")].toString(),
                      reg + QStringLiteral("/library/python:3.13@") + pyOld);
        }
        EXPECT_TRUE(o.contains(QStringLiteral("error")));
    }
    EXPECT_TRUE(sawPlatformPin);
    EXPECT_EQ(stale, 6);

    // A dry run shows the diff and changes nothing.
    auto dry =
        cli.run({QStringLiteral("scan"), root, QStringLiteral("--update"), QStringLiteral("--dry-run")});
    EXPECT_EQ(dry.exitCode, 0);
    EXPECT_TRUE(dry.out.contains("--- a/Dockerfile")) << dry.out.toStdString();
    EXPECT_TRUE(dry.out.contains("+FROM " + R + "/library/python:3.13@" + pyNew.toUtf8() + " AS build"));
    EXPECT_EQ(read(root + QStringLiteral("/Dockerfile")),
              render(files.value(QStringLiteral("Dockerfile")), OLD, HOLD));

    auto update = cli.run({QStringLiteral("scan"), root, QStringLiteral("--update")});
    ASSERT_EQ(update.exitCode, 0) << update.err.toStdString();
    const QByteArray NEW = pyNew.toUtf8();
    const QByteArray HNEW = helperNew.toUtf8();
    for (auto it = files.begin(); it != files.end(); ++it) {
        const bool skippedFile = it.key().startsWith(QStringLiteral("node_modules")) ||
                                 it.key().startsWith(QStringLiteral("ignored"));
        const QByteArray expected =
            skippedFile ? render(it.value(), OLD, HOLD) : render(it.value(), NEW, HNEW);
        EXPECT_EQ(read(root + u'/' + it.key()), expected) << it.key().toStdString();
    }
    auto after =
        cli.run({QStringLiteral("scan"), root, QStringLiteral("--json"), QStringLiteral("--exit-code")});
    EXPECT_EQ(after.exitCode, 0);

    // --pin gives unpinned references their digest, nothing else moves.
    const QByteArray deployBefore = read(root + QStringLiteral("/k8s/deploy.yaml"));
    ASSERT_EQ(cli.run({QStringLiteral("scan"), root, QStringLiteral("--pin")}).exitCode, 0);
    EXPECT_EQ(read(root + QStringLiteral("/k8s/deploy.yaml")),
              QByteArray(deployBefore)
                  .replace(R + "/team/app:1\n", R + "/team/app:1@" + appDigest.toUtf8() + "\n"));
    EXPECT_EQ(cli.run({QStringLiteral("scan"), cli.home() + QStringLiteral("/nope")}).exitCode, 2);
}

// CI runs `scan . --exit-code` or `scan deploy --exit-code` from wherever it stands, often outside a
// git work tree: the relative folder must be read, and what could not be read must not pass for
// "everything current".
TEST(ScanE2E, RelativeFolderOutsideAGitWorkTreeAndOversizedFiles)
{
    LocalRegistry registry;
    ASSERT_TRUE(registry.isRunning()) << registry.error().toStdString();
    Pusher push(registry.host());
    const QByteArray R = registry.host().toUtf8();
    TestImage image;
    image.layer = "old";
    const QString oldDigest = push.tagImage(QStringLiteral("team/app"), QStringLiteral("1"), image);
    image.layer = "rebuilt";
    const QString newDigest = push.tagImage(QStringLiteral("team/app"), QStringLiteral("1"), image);
    ASSERT_NE(oldDigest, newDigest);

    CliRunner cli;
    // git must not find a work tree above the temporary home, whatever holds it.
    cli.env().insert(QStringLiteral("GIT_CEILING_DIRECTORIES"), cli.home());
    cli.setWorkingDirectory(cli.home());
    write(cli.home() + QStringLiteral("/project/Dockerfile"),
          "FROM " + R + "/team/app:1@" + oldDigest.toUtf8() + "\n");
    write(cli.home() + QStringLiteral("/project/k8s/deploy.yaml"),
          "spec:\n  containers:\n    - image: " + R + "/team/app:1\n");

    auto relative = cli.run({QStringLiteral("scan"), QStringLiteral("project"), QStringLiteral("--json"),
                             QStringLiteral("--exit-code")});
    EXPECT_EQ(relative.exitCode, 3) << relative.err.toStdString();
    QMap<QString, QString> statusByFile;
    for (const QJsonValue &v : QJsonDocument::fromJson(relative.out).array())
        statusByFile.insert(v[QStringLiteral("file")].toString(), v[QStringLiteral("status")].toString());
    EXPECT_EQ(statusByFile,
              (QMap<QString, QString>{{QStringLiteral("Dockerfile"), QStringLiteral("stale")},
                                      {QStringLiteral("k8s/deploy.yaml"), QStringLiteral("unpinned")}}))
        << relative.out.toStdString();

    // The relative folder is also the one rewritten.
    ASSERT_EQ(
        cli.run({QStringLiteral("scan"), QStringLiteral("./project/"), QStringLiteral("--update")}).exitCode,
        0);
    EXPECT_EQ(read(cli.home() + QStringLiteral("/project/Dockerfile")),
              "FROM " + R + "/team/app:1@" + newDigest.toUtf8() + "\n");

    // A Dockerfile over the size limit is not read, and says so: exit 1 (done in part), not 0 or 3.
    QByteArray big = "FROM " + R + "/team/app:1@" + oldDigest.toUtf8() + "\n";
    big += QByteArray(4 * 1024 * 1024, '#');
    write(cli.home() + QStringLiteral("/project/big/Dockerfile"), big);
    auto oversized = cli.run({QStringLiteral("scan"), QStringLiteral("project"), QStringLiteral("--json"),
                              QStringLiteral("--exit-code")});
    EXPECT_EQ(oversized.exitCode, 1) << oversized.err.toStdString();
    EXPECT_TRUE(oversized.err.contains("big/Dockerfile")) << oversized.err.toStdString();
    EXPECT_TRUE(oversized.err.contains("4 MiB")) << oversized.err.toStdString();
    bool reported = false;
    for (const QJsonValue &v : QJsonDocument::fromJson(oversized.out).array()) {
        if (v[QStringLiteral("file")].toString() == u"big/Dockerfile") {
            reported = true;
            EXPECT_EQ(v[QStringLiteral("status")].toString(), QStringLiteral("unresolved"));
            EXPECT_FALSE(v[QStringLiteral("error")].toString().isEmpty());
        }
    }
    EXPECT_TRUE(reported) << oversized.out.toStdString();
}

// With --db naming a team database (a PostgreSQL URI, which is no file), scan still reads the history:
// a stale pin says how many rebuilds it missed.
TEST(ScanE2E, ReadsATeamHistory)
{
    LocalPostgres &postgres = LocalPostgres::shared();
    ASSERT_TRUE(postgres.isRunning()) << postgres.error().toStdString();
    const QString uri = postgres.createDatabase();
    LocalRegistry registry;
    ASSERT_TRUE(registry.isRunning()) << registry.error().toStdString();
    Pusher push(registry.host());
    TestImage image;
    image.layer = "py";
    const QString old = push.tagImage(QStringLiteral("library/python"), QStringLiteral("3.13"), image);
    const QString reference = registry.host() + QStringLiteral("/library/python:3.13");

    CliRunner cli;
    const QString root = cli.home() + QStringLiteral("/project");
    write(root + QStringLiteral("/Dockerfile"), "FROM " + reference.toUtf8() + "@" + old.toUtf8() + "\n");
    const QStringList db{QStringLiteral("--db"), uri};
    ASSERT_EQ(cli.run(db + QStringList{QStringLiteral("watch"), QStringLiteral("add"), reference}).exitCode,
              0);
    ASSERT_EQ(cli.run(db + QStringList{QStringLiteral("poll")}).exitCode, 0);
    image.layer = "py-rebuilt";
    push.tagImage(QStringLiteral("library/python"), QStringLiteral("3.13"), image);
    ASSERT_EQ(cli.run(db + QStringList{QStringLiteral("poll")}).exitCode, 0);

    const CliRun scan = cli.run(db + QStringList{QStringLiteral("scan"), root});
    EXPECT_EQ(scan.exitCode, 0) << scan.err.toStdString();
    EXPECT_TRUE(scan.out.contains("stale")) << scan.out.toStdString();
    EXPECT_TRUE(scan.out.contains("1 rebuild since the pin")) << scan.out.toStdString();
    EXPECT_FALSE(QFile::exists(cli.dbPath())); // no file history was made beside the team's
}
