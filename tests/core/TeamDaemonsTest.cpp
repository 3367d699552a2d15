// Several daemons on one team database (issue 23): real `rebuildradar-cli daemon` processes on a real
// PostgreSQL, polling 300 tags of the loopback registry at a short interval. Each tag is checked once
// per interval whatever the number of daemons (the registry's access log shows one daemon's worth of
// checks per tag and interval), every pushed rebuild is recorded once, and when one daemon is killed with
// SIGKILL mid-sweep the others check every tag again within the lease time, losing and doubling
// nothing. A desktop engine on the team database polls nothing, hears each rebuild as it is recorded
// and raises one notice per rollout; every engineer's desktop does, unless that engineer muted the tag.

#include "CliRunner.h"
#include "LocalPostgres.h"
#include "LocalRegistry.h"
#include "common/SharedSettings.h"
#include "credentials/Credential.h"
#include "engine/WatchEngine.h"
#include "reference/ImageReference.h"
#include "store/Database.h"
#include "store/HistoryStore.h"

#include <QFile>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTest>

#include <gtest/gtest.h>

#include <csignal>
#include <numeric>
#include <vector>

using namespace RebuildRadar;
using namespace RebuildRadar::Test;

namespace {

constexpr int kRepositories = 30;
constexpr int kTagsEach = 10; // 300 tags
constexpr int kIntervalSeconds = 5;

class TeamDaemons : public testing::TestWithParam<int>
{
protected:
    void SetUp() override
    {
        ASSERT_TRUE(registry.isRunning()) << registry.error().toStdString();
        ASSERT_TRUE(LocalPostgres::shared().isRunning()) << LocalPostgres::shared().error().toStdString();
        uri = LocalPostgres::shared().createDatabase();
        cli.env().insert(QStringLiteral("REBUILDRADAR_DB"), uri);
        // a check ends within 10 s, so a dead daemon's leases end 20 s after it took them
        QFile settings(cli.settingsPath());
        ASSERT_TRUE(settings.open(QIODevice::Append));
        settings.write("[checks]\ntimeoutSeconds=10\n");
    }
    void TearDown() override
    {
        for (auto &daemon : daemons) {
            if (daemon->state() != QProcess::NotRunning) {
                daemon->terminate();
                daemon->waitForFinished(20000);
            }
        }
    }
    static QString repository(int r) { return QStringLiteral("team/app%1").arg(r); }
    QString reference(int r, int t) const
    {
        return QStringLiteral("%1/%2:%3").arg(registry.host(), repository(r)).arg(t);
    }
    QString manifestPath(int r, int t) const
    {
        return QStringLiteral("/v2/%1/manifests/%2").arg(repository(r)).arg(t);
    }
    void pushBuild(int r, int t, int build)
    {
        TestImage image;
        image.layer = QStringLiteral("%1-%2-%3").arg(r).arg(t).arg(build).toUtf8();
        ASSERT_FALSE(push.tagImage(repository(r), QString::number(t), image).isEmpty());
    }
    // When each tag's manifest was asked for with HEAD (the registry's seconds), by path.
    QHash<QString, QList<qint64>> heads() const
    {
        QHash<QString, QList<qint64>> out;
        for (const auto &[at, line] : registry.requestLines()) {
            if (line.startsWith(QStringLiteral("HEAD /v2/")) && line.contains(QStringLiteral("/manifests/")))
                out[line.section(u' ', 1, 1)].append(at);
        }
        return out;
    }
    qint64 count(const QString &sql) const
    {
        return LocalPostgres::shared().psql(uri.section(u'/', -1), sql).toLongLong();
    }
    void startDaemons(int n)
    {
        for (int i = 0; i < n; ++i)
            daemons.push_back(cli.start({QStringLiteral("daemon")}));
    }
    QString stderrOfDaemons()
    {
        QString out;
        for (auto &daemon : daemons)
            out += QString::fromUtf8(daemon->readAllStandardError());
        return out;
    }

    LocalRegistry registry{LocalRegistry::Options{{}, {}, false, {}, true}};
    Pusher push{registry.host()};
    CliRunner cli;
    QString uri;
    std::vector<std::unique_ptr<QProcess>> daemons;
};

} // namespace

INSTANTIATE_TEST_SUITE_P(Daemons, TeamDaemons, testing::Values(2, 3));

TEST_P(TeamDaemons, EachTagOncePerIntervalEachRebuildOnceAndNothingLostToAKill)
{
    QStringList add{QStringLiteral("watch"), QStringLiteral("add")};
    for (int r = 0; r < kRepositories; ++r) {
        for (int t = 0; t < kTagsEach; ++t) {
            pushBuild(r, t, 1);
            add.append(reference(r, t));
        }
    }
    add << QStringLiteral("--every") << QStringLiteral("%1s").arg(kIntervalSeconds);
    const CliRun added = cli.run(add);
    ASSERT_EQ(added.exitCode, 0) << added.err.toStdString();
    startDaemons(GetParam());

    // Every tag checked three times over: never twice within an interval, whichever daemon asked.
    auto everyTagAtLeast = [&](int times, qint64 after) {
        const auto all = heads();
        for (int r = 0; r < kRepositories; ++r) {
            for (int t = 0; t < kTagsEach; ++t) {
                const QList<qint64> at = all.value(manifestPath(r, t));
                if (std::count_if(at.begin(), at.end(), [&](qint64 s) { return s > after; }) < times)
                    return false;
            }
        }
        return true;
    };
    ASSERT_TRUE(QTest::qWaitFor([&] { return everyTagAtLeast(4, 0); }, 240000))
        << stderrOfDaemons().toStdString();
    // Checks per interval, tag by tag, from the registry's log: one daemon's worth (at most 1/0.9 with
    // the leases' nine tenths), not one per daemon. The log gives each request's end to the second, and
    // a check that ran out of time under load ends late: a few tags read high, the middle does not.
    QList<double> perInterval;
    for (const auto &[path, at] : heads().asKeyValueRange()) {
        const qint64 span = at.last() - at.first();
        if (span > 0)
            perInterval.append(double(at.size() - 1) * kIntervalSeconds / double(span));
    }
    ASSERT_EQ(perInterval.size(), kRepositories * kTagsEach);
    std::sort(perInterval.begin(), perInterval.end());
    const double median = perInterval[perInterval.size() / 2];
    const double mean =
        std::accumulate(perInterval.begin(), perInterval.end(), 0.0) / double(perInterval.size());
    EXPECT_LE(median, 1.25) << "checks per interval, median; mean " << mean;
    EXPECT_LE(mean, 1.4) << "checks per interval, mean; median " << median;

    // Rebuilds of 20 tags: each recorded once, by whichever daemon saw it first.
    for (int r = 0; r < 20; ++r)
        pushBuild(r, 0, 2);
    ASSERT_TRUE(
        QTest::qWaitFor([&] { return count(QStringLiteral("SELECT COUNT(*) FROM rebuilds")) >= 20; }, 60000))
        << stderrOfDaemons().toStdString();

    // One daemon dies mid-sweep; the tags it held are checked by the others once its leases end.
    const auto before = registry.requestLines();
    const qint64 killedAt = before.isEmpty() ? 0 : before.last().first;
    ::kill(pid_t(daemons.front()->processId()), SIGKILL);
    ASSERT_TRUE(daemons.front()->waitForFinished(20000));
    for (int r = 20; r < kRepositories; ++r)
        pushBuild(r, 1, 2);
    ASSERT_TRUE(QTest::qWaitFor([&] { return everyTagAtLeast(2, killedAt + 1); }, 120000))
        << stderrOfDaemons().toStdString();
    ASSERT_TRUE(
        QTest::qWaitFor([&] { return count(QStringLiteral("SELECT COUNT(*) FROM rebuilds")) >= 30; }, 60000));

    // Nothing doubled: one rebuild per pushed build, one span per digest a tag had.
    EXPECT_EQ(count(QStringLiteral("SELECT COUNT(*) FROM rebuilds")), 30);
    EXPECT_EQ(count(QStringLiteral("SELECT COUNT(DISTINCT (tag_id, to_digest)) FROM rebuilds")), 30);
    EXPECT_EQ(count(QStringLiteral("SELECT COUNT(*) FROM spans")), kRepositories * kTagsEach + 30);
    EXPECT_EQ(count(QStringLiteral("SELECT COUNT(*) FROM tags WHERE last_checked IS NULL")), 0);
}

namespace {

// A team database and a registry with team/web:1 pushed once; the CLI (as a daemon would) on the
// database.
class TeamDesktop : public testing::Test
{
protected:
    void SetUp() override
    {
        ASSERT_TRUE(registry.isRunning()) << registry.error().toStdString();
        ASSERT_TRUE(LocalPostgres::shared().isRunning()) << LocalPostgres::shared().error().toStdString();
        uri = LocalPostgres::shared().createDatabase();
        cli.env().insert(QStringLiteral("REBUILDRADAR_DB"), uri);
        reference = registry.host() + QStringLiteral("/team/web:1");
        pushBuild("web-1");
    }
    void pushBuild(const QByteArray &layer)
    {
        image.layer = layer;
        push.tagImage(QStringLiteral("team/web"), QStringLiteral("1"), image);
    }

    LocalRegistry registry{LocalRegistry::Options{{}, {}, false, {}, true}};
    Pusher push{registry.host()};
    CliRunner cli;
    QString uri;
    QString reference;
    TestImage image;
};

} // namespace

// The desktop app's engine on the team database: it polls no registry (the daemons do), hears each
// commit as it is made, updates its rows and raises one notice per rollout.
TEST_F(TeamDesktop, FollowsTheDaemonsWithoutPolling)
{
    // due every second: a desktop that polled would ask at once
    ASSERT_EQ(cli.run({QStringLiteral("watch"), QStringLiteral("add"), reference, QStringLiteral("--every"),
                       QStringLiteral("1s")})
                  .exitCode,
              0);
    ASSERT_EQ(cli.run({QStringLiteral("poll")}).exitCode, 0); // the first digest, as a daemon records it

    SystemClock clock;
    WatchEngine desktop(clock, std::make_unique<CredentialChain>());
    QSignalSpy opened(&desktop, &WatchEngine::opened);
    QSignalSpy notices(&desktop, &WatchEngine::rolloutNotice);
    QSignalSpy checks(&desktop, &WatchEngine::checkStarted);
    QList<QList<WatchedTag>> rows;
    QObject::connect(&desktop, &WatchEngine::tagsUpdated, &desktop,
                     [&](const QList<WatchedTag> &changed) { rows.append(changed); });
    // the desktop's configuration on a team history: it leaves polling to the daemons
    EngineConfig config = EngineConfig::forDesktop(uri, SharedSettings{});
    EXPECT_FALSE(config.pollRegistries);
    EXPECT_TRUE(EngineConfig::forDesktop(cli.dbPath(), SharedSettings{}).pollRegistries); // a file: it polls
    config.analysePackages = false;
    desktop.open(config);
    ASSERT_TRUE(opened.size() == 1 && opened[0][0].toBool()) << opened[0][1].toString().toStdString();

    pushBuild("web-2");
    ASSERT_EQ(cli.run({QStringLiteral("poll")}).exitCode, 0); // a daemon's sweep records the rebuild
    ASSERT_TRUE(QTest::qWaitFor([&] { return notices.size() == 1; }, 20000));
    ASSERT_TRUE(QTest::qWaitFor(
        [&] {
            return std::any_of(rows.begin(), rows.end(), [](const QList<WatchedTag> &changed) {
                return !changed.isEmpty() && changed.first().rebuildCount == 1;
            });
        },
        20000));
    EXPECT_EQ(notices.size(), 1);
    EXPECT_EQ(checks.size(), 0); // the daemons poll; the desktop only listened
}

// Every engineer's desktop on the team history is told of a rebuild (each user has an outbox cursor
// of their own), except the one who muted the tag: mutes are per user.
TEST_F(TeamDesktop, EachEngineerIsToldUnlessTheyMutedTheTag)
{
    ASSERT_EQ(cli.run({QStringLiteral("watch"), QStringLiteral("add"), reference}).exitCode, 0);
    ASSERT_EQ(cli.run({QStringLiteral("poll")}).exitCode, 0);

    SystemClock clock;
    struct Desktop
    {
        QString user;
        std::unique_ptr<WatchEngine> engine;
        std::unique_ptr<QSignalSpy> notices;
    };
    std::vector<Desktop> desktops;
    for (const QString &user : {QStringLiteral("alice"), QStringLiteral("bob"), QStringLiteral("carol")}) {
        Desktop d{user, std::make_unique<WatchEngine>(clock, std::make_unique<CredentialChain>()), nullptr};
        d.notices = std::make_unique<QSignalSpy>(d.engine.get(), &WatchEngine::rolloutNotice);
        QSignalSpy opened(d.engine.get(), &WatchEngine::opened);
        EngineConfig config = EngineConfig::forDesktop(uri, SharedSettings{});
        config.analysePackages = false;
        config.userName = user;
        d.engine->open(config);
        ASSERT_TRUE(opened.size() == 1 && opened[0][0].toBool()) << opened[0][1].toString().toStdString();
        desktops.push_back(std::move(d));
    }
    auto db = Database::open(uri);
    ASSERT_TRUE(db.ok());
    auto tag =
        HistoryStore(**db, [] { return qint64(0); }).tag(ImageReference::parse(reference)->tagReference());
    ASSERT_TRUE(tag.ok() && tag->has_value());
    const qint64 tagId = (*tag)->id;
    desktops[1].engine->setMuted(tagId, true);

    pushBuild("web-2");
    ASSERT_EQ(cli.run({QStringLiteral("poll")}).exitCode, 0); // a daemon's sweep records the rebuild
    ASSERT_TRUE(QTest::qWaitFor(
        [&] { return desktops[0].notices->size() == 1 && desktops[2].notices->size() == 1; }, 20000));
    // bob's desktop took the rebuild too (its cursor is past it), and said nothing
    auto cursorOf = [&](const QString &user) {
        QSqlQuery q((*db)->sql());
        q.prepare(QStringLiteral("SELECT last_rebuild_id FROM outbox_cursors WHERE consumer = ?"));
        q.addBindValue(Database::personalConsumer(QStringLiteral("desktop"), user));
        return q.exec() && q.next() ? q.value(0).toLongLong() : -1;
    };
    const auto newest = HistoryStore(**db, [] { return qint64(0); }).rebuildsAfter(0, 10);
    ASSERT_TRUE(newest.ok() && newest->size() == 1);
    ASSERT_TRUE(
        QTest::qWaitFor([&] { return cursorOf(QStringLiteral("bob")) >= newest->first().id; }, 20000));
    EXPECT_EQ(desktops[1].notices->size(), 0);
    EXPECT_EQ(desktops[0].notices->size(), 1);
    EXPECT_EQ(desktops[2].notices->size(), 1);
}
