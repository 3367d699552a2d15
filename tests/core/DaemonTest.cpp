// The daemon and the desktop app run one engine: on one history they announce the same rollouts, the
// daemon's --on-rebuild runs once per notice (never for a muted tag or an acknowledged rollout), and a
// notice in hand when the daemon is killed is delivered when it runs again.
#include "CliRunner.h"
#include "LocalRegistry.h"
#include "credentials/Credential.h"
#include "engine/WatchEngine.h"
#include "store/Database.h"
#include "store/HistoryStore.h"

#include <QFile>
#include <QSignalSpy>
#include <QTest>

#include <csignal>

#include <gtest/gtest.h>

using namespace RebuildRadar;
using namespace RebuildRadar::Test;

namespace {

QStringList linesOf(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    QStringList lines = QString::fromUtf8(f.readAll()).split(u'\n', Qt::SkipEmptyParts);
    lines.sort();
    return lines;
}

QString eventName(RolloutNotice::Kind kind)
{
    switch (rolloutEvent(kind)) {
    case RolloutEvent::Started:
        return QStringLiteral("started");
    case RolloutEvent::Complete:
        return QStringLiteral("complete");
    case RolloutEvent::Closed:
        return QStringLiteral("closed");
    case RolloutEvent::None:
        break;
    }
    return QStringLiteral("none");
}

class DaemonE2E : public testing::Test
{
protected:
    void SetUp() override { ASSERT_TRUE(registry.isRunning()) << registry.error().toStdString(); }
    QString ref(const QString &repo) const { return registry.host() + u'/' + repo + QStringLiteral(":1"); }
    QString canonical(const QString &repo) const { return ImageReference::parse(ref(repo))->tagReference(); }
    IndexEntry platform(const QString &repo, const QString &arch, const QByteArray &layer)
    {
        TestImage image;
        image.architecture = arch;
        image.layer = layer;
        return push.pushImage(repo, image);
    }
    // The tag's index with one layer per architecture: `builds` says which build each one is at.
    void pushIndex(const QString &repo, const QStringList &arches, const QList<int> &builds)
    {
        QList<IndexEntry> entries;
        for (qsizetype i = 0; i < arches.size(); ++i)
            entries.append(
                platform(repo, arches[i], (repo + arches[i] + QString::number(builds[i])).toUtf8()));
        push.pushIndex(repo, QStringLiteral("1"), entries);
    }
    // How many rebuilds the shared history holds for the tag (recorded by whichever program).
    int rebuildsOf(const QString &repo)
    {
        auto db = Database::open(cli.dbPath());
        if (!db)
            return -1;
        HistoryStore store(**db, [] { return qint64(0); });
        auto tag = store.tag(canonical(repo));
        if (!tag || !tag->has_value())
            return -1;
        return (*tag)->rebuildCount + ((*tag)->currentDigest.isEmpty() ? -1 : 0);
    }

    LocalRegistry registry;
    Pusher push{registry.host()};
    CliRunner cli;
};

} // namespace

TEST_F(DaemonE2E, TheDaemonAnnouncesWhatTheAppAnnounces)
{
    const QStringList three{QStringLiteral("amd64"), QStringLiteral("arm64"), QStringLiteral("s390x")};
    const QStringList two{QStringLiteral("amd64"), QStringLiteral("arm64")};
    const QString app = QStringLiteral("team/app"), muted = QStringLiteral("team/muted"),
                  acked = QStringLiteral("team/acked");
    pushIndex(app, three, {0, 0, 0});
    pushIndex(muted, two, {0, 0});
    pushIndex(acked, two, {0, 0});
    ASSERT_EQ(cli.run({QStringLiteral("watch"), QStringLiteral("add"), ref(app), ref(muted), ref(acked),
                       QStringLiteral("--every"), QStringLiteral("1s")})
                  .exitCode,
              0);
    ASSERT_EQ(cli.run({QStringLiteral("watch"), QStringLiteral("mute"), ref(muted)}).exitCode, 0);

    // The desktop app's engine on the same history: it does not poll (the daemon does), it announces.
    SystemClock clock;
    WatchEngine desktop(clock, std::make_unique<CredentialChain>());
    QSignalSpy opened(&desktop, &WatchEngine::opened);
    QStringList desktopNotices;
    QObject::connect(&desktop, &WatchEngine::rolloutNotice, &desktop, [&](const RolloutNotice &n) {
        desktopNotices.append(n.tag.reference + u' ' + eventName(n.kind));
    });
    EngineConfig config;
    config.databasePath = cli.dbPath();
    desktop.setPaused(true);
    desktop.open(config);
    ASSERT_TRUE(opened.size() == 1 && opened[0][0].toBool());

    const QString hookFile = cli.home() + QStringLiteral("/hook.txt");
    auto daemon = cli.start({QStringLiteral("daemon"), QStringLiteral("--on-rebuild"),
                             QStringLiteral("echo \"$REBUILDRADAR_REFERENCE $REBUILDRADAR_ROLLOUT "
                                            "$REBUILDRADAR_PLATFORMS_DONE $REBUILDRADAR_CAUSES\" >> '%1'")
                                 .arg(hookFile)});
    auto recorded = [&](const QString &repo, int rebuilds) {
        return QTest::qWaitFor([&] { return rebuildsOf(repo) == rebuilds; }, 30000);
    };
    ASSERT_TRUE(recorded(app, 0) && recorded(muted, 0) && recorded(acked, 0))
        << daemon->readAllStandardError().toStdString();

    // Step 1: app's amd64 (1 of 3: started), muted rebuilt, acked's amd64 (1 of 2: started).
    pushIndex(app, three, {1, 0, 0});
    pushIndex(muted, two, {1, 1});
    pushIndex(acked, two, {1, 0});
    ASSERT_TRUE(recorded(app, 1) && recorded(muted, 1) && recorded(acked, 1));
    ASSERT_TRUE(QTest::qWaitFor([&] { return linesOf(hookFile).size() == 2; }, 20000));
    ASSERT_TRUE(QTest::qWaitFor([&] { return desktopNotices.size() == 2; }, 20000));
    // the user acknowledges acked's rollout from the shell, as from the app's menu
    ASSERT_EQ(cli.run({QStringLiteral("history"), ref(acked), QStringLiteral("--acknowledge")}).exitCode, 0);

    // Step 2: app's arm64 (2 of 3: nothing to say), muted again, acked complete but acknowledged.
    pushIndex(app, three, {1, 1, 0});
    pushIndex(muted, two, {2, 2});
    pushIndex(acked, two, {1, 1});
    ASSERT_TRUE(recorded(app, 2) && recorded(muted, 2) && recorded(acked, 2));
    // Step 3: app's s390x completes its rollout.
    pushIndex(app, three, {1, 1, 1});
    ASSERT_TRUE(recorded(app, 3));
    ASSERT_TRUE(QTest::qWaitFor([&] { return linesOf(hookFile).size() >= 3; }, 20000));
    ASSERT_TRUE(QTest::qWaitFor([&] { return desktopNotices.size() >= 3; }, 20000))
        << desktopNotices.join(u'\n').toStdString();

    daemon->terminate(); // SIGTERM: it finishes the write in hand and exits 0
    ASSERT_TRUE(QTest::qWaitFor([&] { return daemon->state() == QProcess::NotRunning; }, 20000));
    EXPECT_EQ(daemon->exitStatus(), QProcess::NormalExit);
    EXPECT_EQ(daemon->exitCode(), 0);

    const QStringList hooks = linesOf(hookFile);
    ASSERT_EQ(hooks.size(), 3) << hooks.join(u'\n').toStdString();
    EXPECT_EQ(hooks[0], canonical(acked) + QStringLiteral(" started linux/amd64 unknown"));
    EXPECT_EQ(hooks[1],
              canonical(app) + QStringLiteral(" complete linux/amd64,linux/arm64,linux/s390x unknown"));
    EXPECT_EQ(hooks[2], canonical(app) + QStringLiteral(" started linux/amd64 unknown"));
    // the same notices, on the desktop
    desktopNotices.sort();
    QStringList fromHooks;
    for (const QString &line : hooks)
        fromHooks.append(line.section(u' ', 0, 1));
    EXPECT_EQ(desktopNotices, fromHooks);
    // the daemon said what happened on its output too
    const QString out = QString::fromUtf8(daemon->readAllStandardOutput());
    EXPECT_TRUE(out.contains(QStringLiteral("rollout complete"))) << out.toStdString();
}

TEST_F(DaemonE2E, ANoticeInHandWhenTheDaemonIsKilledIsDeliveredWhenItRunsAgain)
{
    const QString repo = QStringLiteral("team/kill");
    const QStringList one{QStringLiteral("amd64")};
    pushIndex(repo, one, {0});
    ASSERT_EQ(cli.run({QStringLiteral("watch"), QStringLiteral("add"), ref(repo), QStringLiteral("--every"),
                       QStringLiteral("1s")})
                  .exitCode,
              0);
    const QString started = cli.home() + QStringLiteral("/started.txt");
    const QString delivered = cli.home() + QStringLiteral("/delivered.txt");
    const QString hungPid = cli.home() + QStringLiteral("/hung.pid");
    // the first daemon's command starts, then hangs: the daemon is killed while it runs
    auto first =
        cli.start({QStringLiteral("daemon"), QStringLiteral("--on-rebuild"),
                   QStringLiteral("echo $$ > '%2'; echo \"$REBUILDRADAR_TO\" >> '%1'; exec sleep 600")
                       .arg(started, hungPid)});
    ASSERT_TRUE(QTest::qWaitFor([&] { return rebuildsOf(repo) == 0; }, 30000));
    pushIndex(repo, one, {1});
    ASSERT_TRUE(QTest::qWaitFor([&] { return linesOf(started).size() == 1; }, 30000));
    ::kill(pid_t(first->processId()), SIGKILL);
    ASSERT_TRUE(QTest::qWaitFor([&] { return first->state() == QProcess::NotRunning; }, 10000));

    // the next daemon delivers it, once
    auto second =
        cli.start({QStringLiteral("daemon"), QStringLiteral("--on-rebuild"),
                   QStringLiteral("echo \"$REBUILDRADAR_TO $REBUILDRADAR_ROLLOUT\" >> '%1'").arg(delivered)});
    ASSERT_TRUE(QTest::qWaitFor([&] { return linesOf(delivered).size() == 1; }, 30000));
    EXPECT_EQ(linesOf(delivered).first(), linesOf(started).first() + QStringLiteral(" complete"));
    second->terminate();
    ASSERT_TRUE(QTest::qWaitFor([&] { return second->state() == QProcess::NotRunning; }, 20000));
    EXPECT_EQ(linesOf(delivered).size(), 1);
    // the hung command of the killed daemon outlived it: end it (that one only)
    QFile pid(hungPid);
    ASSERT_TRUE(pid.open(QIODevice::ReadOnly));
    const int hung = pid.readAll().trimmed().toInt();
    ASSERT_GT(hung, 1);
    ::kill(pid_t(hung), SIGKILL);
}

TEST_F(DaemonE2E, AHangingHookIsEndedAtItsTimeoutAndReported)
{
    const QString repo = QStringLiteral("team/hang");
    const QStringList one{QStringLiteral("amd64")};
    pushIndex(repo, one, {0});
    ASSERT_EQ(cli.run({QStringLiteral("watch"), QStringLiteral("add"), ref(repo), QStringLiteral("--every"),
                       QStringLiteral("1s")})
                  .exitCode,
              0);
    auto daemon = cli.start({QStringLiteral("daemon"), QStringLiteral("--hook-timeout"), QStringLiteral("1s"),
                             QStringLiteral("--on-rebuild"), QStringLiteral("exec sleep 600")});
    ASSERT_TRUE(QTest::qWaitFor([&] { return rebuildsOf(repo) == 0; }, 30000));
    pushIndex(repo, one, {1});
    QByteArray err;
    ASSERT_TRUE(QTest::qWaitFor(
        [&] {
            err += daemon->readAllStandardError();
            return err.contains("without finishing");
        },
        30000))
        << err.toStdString();
    daemon->terminate();
    ASSERT_TRUE(QTest::qWaitFor([&] { return daemon->state() == QProcess::NotRunning; }, 20000));
    EXPECT_EQ(daemon->exitCode(), 0);
}
