// What runs where, against a real Docker Engine: dockerd started once for this test binary
// (tests/support/DockerDaemon), images pushed to the loopback registry with a static busybox layer,
// pulled and run through the engine, rebuilt under the same tag, and `rebuildradar-cli running`
// asked which build each container runs.

#include "CliRunner.h"
#include "DockerDaemon.h"
#include "LocalRegistry.h"
#include "common/Clock.h"
#include "credentials/Credential.h"
#include "engine/WatchEngine.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QUuid>

#include <iostream>

#include <gtest/gtest.h>

using namespace RebuildRadar;
using namespace RebuildRadar::Test;

namespace {

QString unique(const QString &prefix)
{
    return prefix + QUuid::createUuid().toString(QUuid::Id128).left(10);
}

QJsonObject workloadNamed(const QByteArray &json, const QString &name)
{
    for (const QJsonValue &value : QJsonDocument::fromJson(json).array()) {
        if (value.toObject().value(QStringLiteral("name")).toString() == name)
            return value.toObject();
    }
    return {};
}

class RunningDocker : public testing::Test
{
protected:
    void SetUp() override
    {
        if (!docker().isRunning())
            GTEST_SKIP() << "no Docker Engine for this test: " << docker().error().toStdString();
        ASSERT_TRUE(registry.isRunning()) << registry.error().toStdString();
        layer = busyboxLayer();
        ASSERT_FALSE(layer.isEmpty()) << "busybox-static (/bin/busybox) and tar are needed";
    }
    void TearDown() override
    {
        for (const QString &name : containers)
            docker().docker({QStringLiteral("rm"), QStringLiteral("-f"), name});
    }
    static DockerDaemon &docker() { return DockerDaemon::shared(); }

    // A one-platform image of the busybox layer, built at `created`: a new `created` is a rebuild.
    TestImage image(const QString &created) const
    {
        TestImage i;
        i.layer = layer;
        i.created = created;
        return i;
    }
    // Starts a container (sleeping) from `reference`; returns its name.
    QString runContainer(const QString &reference,
                         const QStringList &command = {QStringLiteral("sleep"), QStringLiteral("600")})
    {
        const QString name = unique(QStringLiteral("rr"));
        auto run =
            docker().docker(QStringList{QStringLiteral("run"), QStringLiteral("-d"), QStringLiteral("--name"),
                                        name, reference, QStringLiteral("/bin/busybox")} +
                            command);
        EXPECT_EQ(run.exitCode, 0) << run.err.toStdString();
        containers.append(name);
        return name;
    }
    CliRun running(const QStringList &extra)
    {
        return cli.run(
            QStringList{QStringLiteral("running"), QStringLiteral("--docker"), docker().address()} + extra);
    }

    LocalRegistry registry;
    Pusher push{registry.host()};
    CliRunner cli;
    QByteArray layer;
    QStringList containers;
};

} // namespace

TEST_F(RunningDocker, ContainerOnAnOldBuildIsStaleOneRebuildBehind)
{
    const QString repo = unique(QStringLiteral("app"));
    const QString ref = registry.host() + u'/' + repo + QStringLiteral(":1");
    // Build 1: an index with one platform, as upstream publishes multi-platform tags.
    const IndexEntry platform1 = push.pushImage(repo, image(QStringLiteral("2026-01-01T00:00:00Z")));
    const QString build1 = push.pushIndex(repo, QStringLiteral("1"), {platform1});
    ASSERT_EQ(cli.run({QStringLiteral("watch"), QStringLiteral("add"), ref}).exitCode, 0);
    ASSERT_EQ(cli.run({QStringLiteral("poll")}).exitCode, 0);

    auto pull = docker().docker({QStringLiteral("pull"), ref});
    ASSERT_EQ(pull.exitCode, 0) << pull.err.toStdString();
    const QString byTag = runContainer(ref);
    // Pinned by the platform's digest, no tag: matched through the tag's history.
    const QString byDigest = runContainer(registry.host() + u'/' + repo + u'@' + platform1.digest);

    auto current = running({QStringLiteral("--json"), QStringLiteral("--exit-code")});
    EXPECT_EQ(current.exitCode, 0) << current.err.constData(); // nothing stale yet
    QJsonObject w = workloadNamed(current.out, byTag);
    EXPECT_EQ(w.value(QStringLiteral("build")).toInt(), 1);
    EXPECT_EQ(w.value(QStringLiteral("builds")).toInt(), 1);
    EXPECT_FALSE(w.value(QStringLiteral("stale")).toBool());
    EXPECT_EQ(w.value(QStringLiteral("rebuilds_behind")).toInt(-1), 0);

    // The tag is rebuilt upstream; the containers keep running build 1.
    const IndexEntry platform2 = push.pushImage(repo, image(QStringLiteral("2026-02-01T00:00:00Z")));
    const QString build2 = push.pushIndex(repo, QStringLiteral("1"), {platform2});
    ASSERT_NE(build1, build2);
    ASSERT_EQ(cli.run({QStringLiteral("poll")}).exitCode, 0);

    auto stale = running({QStringLiteral("--json"), QStringLiteral("--exit-code")});
    EXPECT_EQ(stale.exitCode, 3) << stale.err.constData();
    w = workloadNamed(stale.out, byTag);
    ASSERT_FALSE(w.isEmpty()) << stale.out.constData();
    EXPECT_EQ(w.value(QStringLiteral("source")).toString(), QStringLiteral("docker"));
    EXPECT_EQ(w.value(QStringLiteral("host")).toString(), docker().address());
    EXPECT_EQ(w.value(QStringLiteral("reference")).toString(), ref);
    EXPECT_TRUE(w.value(QStringLiteral("stale")).toBool());
    EXPECT_EQ(w.value(QStringLiteral("rebuilds_behind")).toInt(), 1);
    EXPECT_EQ(w.value(QStringLiteral("build")).toInt(), 1);
    EXPECT_EQ(w.value(QStringLiteral("builds")).toInt(), 2);
    EXPECT_EQ(w.value(QStringLiteral("running_digest")).toString(), build1); // Docker keeps the index digest
    EXPECT_EQ(w.value(QStringLiteral("current_digest")).toString(), build2);
    EXPECT_TRUE(w.value(QStringLiteral("watched")).toBool());
    EXPECT_TRUE(w.value(QStringLiteral("newer_since")).isString());

    const QJsonObject pinned = workloadNamed(stale.out, byDigest);
    EXPECT_EQ(pinned.value(QStringLiteral("reference")).toString(), ref);
    EXPECT_EQ(pinned.value(QStringLiteral("running_digest")).toString(), platform1.digest);
    EXPECT_EQ(pinned.value(QStringLiteral("build")).toInt(), 1);
    EXPECT_TRUE(pinned.value(QStringLiteral("stale")).toBool());

    // Stale ones come first in the text too, naming the container, its build and how far behind it is.
    auto text = running({QStringLiteral("--exit-code")});
    EXPECT_EQ(text.exitCode, 3);
    EXPECT_TRUE(text.out.contains(byTag.toUtf8())) << text.out.constData();
    EXPECT_TRUE(text.out.contains("build 1 of 2, 1 rebuild behind")) << text.out.constData();

    // Pulling the rebuild on the host moves the local tag: the engine then lists the old container by
    // image id, and it is still named by the reference it was started from.
    ASSERT_EQ(docker().docker({QStringLiteral("pull"), ref}).exitCode, 0);
    const QString fresh = runContainer(ref);
    auto afterPull = running({QStringLiteral("--json")});
    w = workloadNamed(afterPull.out, byTag);
    EXPECT_EQ(w.value(QStringLiteral("reference")).toString(), ref) << afterPull.out.constData();
    EXPECT_TRUE(w.value(QStringLiteral("stale")).toBool());
    const QJsonObject updated = workloadNamed(afterPull.out, fresh);
    EXPECT_FALSE(updated.value(QStringLiteral("stale")).toBool());
    EXPECT_EQ(updated.value(QStringLiteral("build")).toInt(), 2);
    EXPECT_EQ(updated.value(QStringLiteral("running_digest")).toString(), build2);
}

TEST_F(RunningDocker, LocallyBuiltImageIsListedAsLocalNotAsAnError)
{
    QTemporaryDir dir;
    QFile tarFile(dir.filePath(QStringLiteral("layer.tar")));
    ASSERT_TRUE(tarFile.open(QIODevice::WriteOnly));
    tarFile.write(layer);
    tarFile.close();
    const QString local = unique(QStringLiteral("local/built")) + QStringLiteral(":dev");
    auto import = docker().docker({QStringLiteral("import"), tarFile.fileName(), local});
    ASSERT_EQ(import.exitCode, 0) << import.err.toStdString();
    const QString name = runContainer(local);

    auto run = running({QStringLiteral("--json"), QStringLiteral("--exit-code")});
    EXPECT_EQ(run.exitCode, 0) << run.err.constData();
    EXPECT_TRUE(run.err.isEmpty()) << run.err.constData();
    const QJsonObject w = workloadNamed(run.out, name);
    ASSERT_FALSE(w.isEmpty()) << run.out.constData();
    EXPECT_TRUE(w.value(QStringLiteral("local")).toBool());
    EXPECT_EQ(w.value(QStringLiteral("match")).toString(), QStringLiteral("local"));
    EXPECT_FALSE(w.value(QStringLiteral("stale")).toBool());
    EXPECT_TRUE(w.value(QStringLiteral("running_digest")).isNull());
    EXPECT_TRUE(running({}).out.contains("built locally"));
}

TEST_F(RunningDocker, StoppedContainerIsListedOnlyWithAll)
{
    const QString repo = unique(QStringLiteral("stopped"));
    const QString ref = registry.host() + u'/' + repo + QStringLiteral(":1");
    push.tagImage(repo, QStringLiteral("1"), image(QStringLiteral("2026-01-01T00:00:00Z")));
    ASSERT_EQ(docker().docker({QStringLiteral("pull"), ref}).exitCode, 0);
    const QString name = runContainer(ref, {QStringLiteral("true")});
    // `true` ends at once; wait until the engine says so.
    ASSERT_EQ(docker().docker({QStringLiteral("wait"), name}).exitCode, 0);

    auto without = running({QStringLiteral("--json")});
    EXPECT_EQ(without.exitCode, 0);
    EXPECT_TRUE(workloadNamed(without.out, name).isEmpty()) << without.out.constData();
    auto with = running({QStringLiteral("--json"), QStringLiteral("--all")});
    const QJsonObject w = workloadNamed(with.out, name);
    ASSERT_FALSE(w.isEmpty()) << with.out.constData();
    EXPECT_EQ(w.value(QStringLiteral("state")).toString(), QStringLiteral("exited"));
    EXPECT_FALSE(w.value(QStringLiteral("watched")).toBool());
    EXPECT_EQ(w.value(QStringLiteral("match")).toString(), QStringLiteral("not-recorded"));
    EXPECT_TRUE(w.value(QStringLiteral("running_digest")).toString().startsWith(QStringLiteral("sha256:")));

    // --watch adds the tag it runs, as Diun watches what runs.
    auto watch = running({QStringLiteral("--all"), QStringLiteral("--watch")});
    EXPECT_EQ(watch.exitCode, 0) << watch.err.constData();
    auto list = cli.run({QStringLiteral("watch"), QStringLiteral("list"), QStringLiteral("--json")});
    EXPECT_TRUE(list.out.contains(ref.toUtf8())) << list.out.constData();
}

TEST_F(RunningDocker, UnreachableDaemonIsReportedWithoutHidingTheOthers)
{
    QTemporaryDir dir;
    const QString down = QStringLiteral("unix://") + dir.filePath(QStringLiteral("down.sock"));
    auto none =
        cli.run({QStringLiteral("running"), QStringLiteral("--docker"), down, QStringLiteral("--json")});
    EXPECT_EQ(none.exitCode, 1);
    EXPECT_TRUE(none.err.contains(down.toUtf8())) << none.err.constData();

    const QString name = runContainer(registry.host() + u'/' + [&] {
        const QString repo = unique(QStringLiteral("up"));
        push.tagImage(repo, QStringLiteral("1"), image(QStringLiteral("2026-01-01T00:00:00Z")));
        return repo + QStringLiteral(":1");
    }());
    auto both = cli.run({QStringLiteral("running"), QStringLiteral("--docker"), down,
                         QStringLiteral("--docker"), docker().address(), QStringLiteral("--json")});
    EXPECT_EQ(both.exitCode, 0) << both.err.constData();
    EXPECT_TRUE(both.err.contains(down.toUtf8()));
    EXPECT_FALSE(workloadNamed(both.out, name).isEmpty()) << both.out.constData();

    // DOCKER_HOST names the engine when no address is given.
    cli.env().insert(QStringLiteral("DOCKER_HOST"), docker().address());
    auto fromEnvironment =
        cli.run({QStringLiteral("running"), QStringLiteral("--docker"), QStringLiteral("--json")});
    cli.env().remove(QStringLiteral("DOCKER_HOST"));
    EXPECT_EQ(fromEnvironment.exitCode, 0) << fromEnvironment.err.constData();
    EXPECT_FALSE(workloadNamed(fromEnvironment.out, name).isEmpty());

    // The daemon down: the same command fails with 1, naming the address.
    const QString bogus = QStringLiteral("tcp://127.0.0.1:1");
    auto refused = cli.run({QStringLiteral("running"), QStringLiteral("--docker"), bogus});
    EXPECT_EQ(refused.exitCode, 1);
    EXPECT_TRUE(refused.err.contains(bogus.toUtf8())) << refused.err.constData();
}

TEST(RunningPodman, ContainerOfPodmansDockerCompatibleApiOnAnOldBuild)
{
    PodmanService &podman = PodmanService::shared();
    if (!podman.isRunning())
        GTEST_SKIP() << "no Podman service for this test: " << podman.error().toStdString();
    LocalRegistry registry;
    ASSERT_TRUE(registry.isRunning()) << registry.error().toStdString();
    Pusher push{registry.host()};
    CliRunner cli;
    TestImage build;
    build.layer = busyboxLayer();
    ASSERT_FALSE(build.layer.isEmpty());
    const QString repo = unique(QStringLiteral("pod"));
    const QString ref = registry.host() + u'/' + repo + QStringLiteral(":1");
    build.created = QStringLiteral("2026-01-01T00:00:00Z");
    const QString build1 = push.tagImage(repo, QStringLiteral("1"), build);
    ASSERT_EQ(cli.run({QStringLiteral("watch"), QStringLiteral("add"), ref}).exitCode, 0);
    ASSERT_EQ(cli.run({QStringLiteral("poll")}).exitCode, 0);
    auto pull = podman.podman({QStringLiteral("pull"), QStringLiteral("--tls-verify=false"), ref});
    ASSERT_EQ(pull.exitCode, 0) << pull.err.toStdString();
    const QString name = unique(QStringLiteral("rr"));
    auto create =
        podman.podman({QStringLiteral("create"), QStringLiteral("--name"), name, QStringLiteral("--network"),
                       QStringLiteral("none"), ref, QStringLiteral("/bin/busybox"), QStringLiteral("sleep"),
                       QStringLiteral("600")});
    ASSERT_EQ(create.exitCode, 0) << create.err.toStdString();
    // Starting needs runc to set resource limits, which some sandboxes refuse (setrlimit: EPERM); the
    // API lists the container either way, created or running.
    const bool started = podman.podman({QStringLiteral("start"), name}).exitCode == 0;
    if (!started)
        std::cout << "note: podman could not start the container here; it is checked as created (--all)\n";

    build.created = QStringLiteral("2026-02-01T00:00:00Z");
    const QString build2 = push.tagImage(repo, QStringLiteral("1"), build);
    ASSERT_EQ(cli.run({QStringLiteral("poll")}).exitCode, 0);

    auto run = cli.run({QStringLiteral("running"), QStringLiteral("--podman"), podman.address(),
                        QStringLiteral("--all"), QStringLiteral("--json"), QStringLiteral("--exit-code")});
    EXPECT_EQ(run.exitCode, 3) << run.err.constData();
    const QJsonObject w = workloadNamed(run.out, name);
    ASSERT_FALSE(w.isEmpty()) << run.out.constData();
    EXPECT_EQ(w.value(QStringLiteral("source")).toString(), QStringLiteral("podman"));
    EXPECT_EQ(w.value(QStringLiteral("host")).toString(), podman.address());
    EXPECT_EQ(w.value(QStringLiteral("reference")).toString(), ref);
    EXPECT_TRUE(w.value(QStringLiteral("stale")).toBool());
    EXPECT_EQ(w.value(QStringLiteral("build")).toInt(), 1);
    EXPECT_EQ(w.value(QStringLiteral("builds")).toInt(), 2);
    EXPECT_EQ(w.value(QStringLiteral("running_digest")).toString(), build1);
    EXPECT_EQ(w.value(QStringLiteral("current_digest")).toString(), build2);
    auto runningOnly = cli.run(
        {QStringLiteral("running"), QStringLiteral("--podman"), podman.address(), QStringLiteral("--json")});
    EXPECT_EQ(runningOnly.exitCode, 0) << runningOnly.err.constData();
    EXPECT_EQ(workloadNamed(runningOnly.out, name).isEmpty(), !started);
    podman.podman({QStringLiteral("rm"), QStringLiteral("-f"), name});
}

TEST_F(RunningDocker, TheEngineHearsContainersStartOnTheEventStream)
{
    QTemporaryDir dir;
    SystemClock clock;
    WatchEngine engine(clock, std::make_unique<CredentialChain>());
    QSignalSpy changed(&engine, &WatchEngine::workloadsChanged);
    QSignalSpy listening(&engine, &WatchEngine::workloadEventsListening);
    EngineConfig config;
    config.databasePath = dir.filePath(QStringLiteral("e.sqlite"));
    config.workloadSources = {WorkloadSource{WorkloadSourceKind::Docker, docker().address(), {}, false}};
    config.workloadRefreshMs = 3600 * 1000; // only the event stream can bring the new container in time
    engine.setPaused(true);
    engine.open(config);
    ASSERT_TRUE(QTest::qWaitFor([&] { return !changed.isEmpty(); }, 10000)); // the first reading
    // The event stream is open: a container started from now on is heard.
    ASSERT_TRUE(QTest::qWaitFor([&] { return !listening.isEmpty(); }, 10000));

    QTemporaryDir tar;
    QFile tarFile(tar.filePath(QStringLiteral("layer.tar")));
    ASSERT_TRUE(tarFile.open(QIODevice::WriteOnly));
    tarFile.write(layer);
    tarFile.close();
    const QString local = unique(QStringLiteral("local/events")) + QStringLiteral(":dev");
    ASSERT_EQ(docker().docker({QStringLiteral("import"), tarFile.fileName(), local}).exitCode, 0);
    const QString name = runContainer(local);
    auto seen = [&] {
        for (const QList<QVariant> &signal : changed) {
            for (const RunningStatus &s : signal.at(0).value<QList<RunningStatus>>())
                if (s.workload.name == name)
                    return true;
        }
        return false;
    };
    EXPECT_TRUE(QTest::qWaitFor(seen, 15000));
    engine.shutdown();
}
