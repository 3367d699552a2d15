// One history shared by several writers: `poll`s run at once and the desktop app's engine, all on the
// same database and the real loopback registry, through many rebuild rounds. The history must hold
// exactly the rebuilds that happened, whoever recorded them.
#include "CliRunner.h"
#include "LocalRegistry.h"
#include "TempStore.h"
#include "credentials/Credential.h"
#include "engine/WatchEngine.h"
#include "history/RebuildClassifier.h"
#include "store/Database.h"
#include "store/HistoryStore.h"

#include <QSignalSpy>
#include <QTest>

#include <gtest/gtest.h>

using namespace RebuildRadar;
using namespace RebuildRadar::Test;

namespace {

constexpr int kTags = 12;
constexpr int kRounds = 4;

// Runs `polls` CLI polls and, if given, one sweep of the engine, all at once; waits for every one.
void pollTogether(const CliRunner &cli, int polls, WatchEngine *engine)
{
    std::vector<std::unique_ptr<QProcess>> running;
    for (int i = 0; i < polls; ++i)
        running.push_back(cli.start({QStringLiteral("poll")}));
    bool engineDone = engine == nullptr;
    QMetaObject::Connection c;
    if (engine) {
        c = QObject::connect(engine, &WatchEngine::sweepProgress, engine, [&](int done, int total) {
            engineDone = engineDone || (total > 0 && done == total);
        });
        engine->checkNow({});
    }
    const bool finished = QTest::qWaitFor(
        [&] {
            return engineDone && std::all_of(running.begin(), running.end(), [](const auto &p) {
                       return p->state() == QProcess::NotRunning;
                   });
        },
        60000);
    QObject::disconnect(c);
    ASSERT_TRUE(finished);
    for (const auto &p : running)
        EXPECT_EQ(p->exitCode(), 0) << p->readAllStandardError().toStdString();
}

void expectExactHistories(const QString &dbPath, const QStringList &references,
                          const QMap<QString, QStringList> &pushed)
{
    auto db = Database::open(dbPath);
    ASSERT_TRUE(db.ok()) << db.error().message.toStdString();
    HistoryStore store(**db, [] { return qint64(0); });
    for (const QString &reference : references) {
        SCOPED_TRACE(reference.toStdString());
        auto tag = store.tag(reference);
        ASSERT_TRUE(tag.ok() && tag->has_value());
        auto history = store.history((*tag)->id);
        ASSERT_TRUE(history.ok());
        QStringList spans;
        for (const Span &s : history->spans)
            spans.append(s.digest);
        // every digest pushed, once each, in order: nothing lost, nothing invented
        EXPECT_EQ(spans.join(u'\n').toStdString(), pushed.value(reference).join(u'\n').toStdString());
        ASSERT_EQ(history->rebuilds.size(), pushed.value(reference).size() - 1);
        for (qsizetype i = 0; i < history->rebuilds.size(); ++i) {
            const Rebuild &r = history->rebuilds[i];
            EXPECT_NE(r.from, r.to) << "a rebuild from a digest to itself";
            EXPECT_EQ(r.from, spans[i]) << "the chain is broken at rebuild " << i;
            EXPECT_EQ(r.to, spans[i + 1]);
            EXPECT_FALSE(r.hasCause(CauseKind::Revert));
            EXPECT_FALSE(r.hasCause(CauseKind::Version));
        }
        EXPECT_EQ((*tag)->rebuildCount, pushed.value(reference).size() - 1);
    }
}

class ManyWriters : public testing::TestWithParam<int>
{
protected:
    void SetUp() override { ASSERT_TRUE(registry.isRunning()) << registry.error().toStdString(); }
    QString reference(int i) const { return registry.host() + QStringLiteral("/many/app%1:1").arg(i); }
    // A new build of every tag: one more digest each.
    void rebuildAll(int round)
    {
        for (int i = 0; i < kTags; ++i) {
            TestImage image;
            image.layer = QStringLiteral("app %1 build %2").arg(i).arg(round).toUtf8();
            const QString digest =
                push.tagImage(QStringLiteral("many/app%1").arg(i), QStringLiteral("1"), image);
            pushed[reference(i)].append(digest);
        }
    }

    LocalRegistry registry;
    Pusher push{registry.host()};
    CliRunner cli;
    QMap<QString, QStringList> pushed;
};

} // namespace

// Writers per round: GetParam() `poll` processes and the desktop engine in this process, with a daemon
// checking every second throughout.
TEST_P(ManyWriters, EveryRebuildIsRecordedOnceWithItsChainIntact)
{
    QStringList references;
    for (int i = 0; i < kTags; ++i)
        references.append(reference(i));
    ASSERT_EQ(cli.run(QStringList{QStringLiteral("watch"), QStringLiteral("add"), QStringLiteral("--every"),
                                  QStringLiteral("1s")} +
                      references)
                  .exitCode,
              0);
    // a daemon checks every tag each second all along, racing the polls and the engine
    auto daemon = cli.start({QStringLiteral("daemon")});

    SystemClock clock;
    WatchEngine engine(clock, std::make_unique<CredentialChain>());
    QSignalSpy opened(&engine, &WatchEngine::opened);
    EngineConfig config;
    config.databasePath = cli.dbPath();
    engine.setPaused(true); // it checks when told, like the others
    engine.open(config);
    ASSERT_EQ(opened.size(), 1);
    ASSERT_TRUE(opened[0][0].toBool());

    for (int round = 0; round <= kRounds; ++round) {
        rebuildAll(round);
        pollTogether(cli, GetParam(), &engine);
    }
    daemon->terminate();
    ASSERT_TRUE(QTest::qWaitFor([&] { return daemon->state() == QProcess::NotRunning; }, 20000));
    EXPECT_EQ(daemon->exitCode(), 0) << daemon->readAllStandardError().toStdString();
    QStringList canonical;
    for (const QString &r : references)
        canonical.append(ImageReference::parse(r)->tagReference());
    QMap<QString, QStringList> byCanonical;
    for (auto it = pushed.begin(); it != pushed.end(); ++it)
        byCanonical.insert(ImageReference::parse(it.key())->tagReference(), it.value());
    expectExactHistories(cli.dbPath(), canonical, byCanonical);
}

INSTANTIATE_TEST_SUITE_P(Writers, ManyWriters, testing::Values(1, 2, 3));

// The decisions themselves, with two connections and chosen observation times.
TEST(HistoryStore, AnOlderObservationNeverUndoesANewerOne)
{
    auto dir = std::make_unique<QTemporaryDir>();
    const QString path = dir->filePath(QStringLiteral("h.sqlite"));
    auto a = Database::open(path);
    auto b = Database::open(path);
    ASSERT_TRUE(a.ok() && b.ok());
    HistoryStore first(**a, [] { return qint64(0); });
    HistoryStore second(**b, [] { return qint64(0); });
    ASSERT_TRUE(
        first.addWatches({WatchRequest{*ImageReference::parse(QStringLiteral("python:3.13")), 60, {}, 0}})
            .ok());
    const qint64 id = (*first.tag(QStringLiteral("docker.io/library/python:3.13")))->id;
    auto seen = [id](qint64 at, const char *digest, bool detailed = true) {
        TagState s;
        s.digest = QStringLiteral("sha256:") + QString(64, QLatin1Char(digest[0]));
        s.detailed = detailed;
        s.platforms.insert(QStringLiteral("linux/amd64"), PlatformImage{s.digest, {}});
        return Observation{id, at, TagStatus::Ok, {}, s};
    };
    ASSERT_TRUE(first.record({seen(1000, "a")}, classifyRebuild).ok());
    ASSERT_TRUE(first.record({seen(3000, "b")}, classifyRebuild).ok());
    // the second writer's check of "a" was answered before the first writer saw "b"
    QList<qint64> outdated;
    auto late = second.record({seen(2000, "a")}, classifyRebuild, &outdated);
    ASSERT_TRUE(late.ok());
    EXPECT_TRUE(late->isEmpty());
    EXPECT_EQ(outdated, QList<qint64>{id});
    // the same digest seen again by the other writer only extends its sightings
    outdated.clear();
    auto again = second.record({seen(4000, "b")}, classifyRebuild, &outdated);
    ASSERT_TRUE(again.ok());
    EXPECT_TRUE(again->isEmpty());
    EXPECT_TRUE(outdated.isEmpty());
    // a writer that still believed "a" (so read no details) does not move the tag back to "a"
    auto believed = second.record({seen(5000, "a", false)}, classifyRebuild, &outdated);
    ASSERT_TRUE(believed.ok());
    EXPECT_TRUE(believed->isEmpty());
    EXPECT_EQ(outdated, QList<qint64>{id});
    // a newer observation of a new digest moves it, from the stored digest
    auto moved = second.record({seen(6000, "c")}, classifyRebuild);
    ASSERT_TRUE(moved.ok());
    ASSERT_EQ(moved->size(), 1);
    EXPECT_EQ(moved->first().from, seen(0, "b").state->digest);
    auto history = first.history(id);
    ASSERT_TRUE(history.ok());
    ASSERT_EQ(history->rebuilds.size(), 2);
    EXPECT_EQ(history->spans.last().lastSeen, 6000);
    EXPECT_EQ(history->spans[1].lastSeen, 4000); // "b" was last seen by the second writer
    // a failed check older than what is stored leaves the tag's status alone
    ASSERT_TRUE(
        first
            .record({Observation{id, 5500, TagStatus::Error, QStringLiteral("timeout"), std::nullopt}},
                    classifyRebuild)
            .ok());
    EXPECT_EQ((*first.tagById(id))->status, TagStatus::Ok);
    EXPECT_EQ((*first.tagById(id))->lastChecked, 6000);
}

// What another program does to the watchlist shows in the app within a second, without a restart.
TEST(ManyWritersApp, WatchesAddedAndMutedByTheCliReachTheEngine)
{
    CliRunner cli;
    ASSERT_EQ(
        cli.run({QStringLiteral("watch"), QStringLiteral("add"), QStringLiteral("python:3.13")}).exitCode, 0);
    SystemClock clock;
    WatchEngine engine(clock, std::make_unique<CredentialChain>());
    QList<WatchedTag> shown;
    QObject::connect(&engine, &WatchEngine::watchlistChanged, &engine,
                     [&](const QList<WatchedTag> &tags) { shown = tags; });
    EngineConfig config;
    config.databasePath = cli.dbPath();
    engine.setPaused(true);
    engine.open(config);
    ASSERT_EQ(shown.size(), 1);
    ASSERT_EQ(cli.run({QStringLiteral("watch"), QStringLiteral("add"), QStringLiteral("alpine:3")}).exitCode,
              0);
    ASSERT_TRUE(QTest::qWaitFor([&] { return shown.size() == 2; }, 10000));
    ASSERT_EQ(cli.run({QStringLiteral("watch"), QStringLiteral("mute"), QStringLiteral("alpine:3")}).exitCode,
              0);
    EXPECT_TRUE(QTest::qWaitFor(
        [&] {
            return std::any_of(shown.begin(), shown.end(), [](const WatchedTag &t) {
                return t.reference == QStringLiteral("docker.io/library/alpine:3") && t.muted;
            });
        },
        10000));
    ASSERT_EQ(
        cli.run({QStringLiteral("watch"), QStringLiteral("remove"), QStringLiteral("python:3.13")}).exitCode,
        0);
    EXPECT_TRUE(QTest::qWaitFor([&] { return shown.size() == 1; }, 10000));
}

// The store persists what the caller's classifier decided; it explains nothing itself.
TEST(HistoryStore, ARebuildCarriesTheCallersClassification)
{
    TempStore t;
    const qint64 id = t.watch(QStringLiteral("python:3.13"));
    auto seen = [id](qint64 at, char seed) {
        TagState s;
        s.digest = QStringLiteral("sha256:") + QString(64, QLatin1Char(seed));
        s.detailed = true;
        return Observation{id, at, TagStatus::Ok, {}, s};
    };
    int asked = 0;
    ClassifierInput given;
    auto classify = [&](const ClassifierInput &input) {
        ++asked;
        given = input;
        Rebuild r;
        r.from = input.before.digest;
        r.to = input.after.digest;
        r.causes = {Cause{CauseKind::Revision, QStringLiteral("decided by the caller")}};
        return r;
    };
    ASSERT_TRUE(t.store->record({seen(1000, 'a')}, classify).ok());
    EXPECT_EQ(asked, 0); // a first digest is a baseline, nothing to explain
    auto rebuilds = t.store->record({seen(2000, 'b')}, classify);
    ASSERT_TRUE(rebuilds.ok());
    ASSERT_EQ(asked, 1);
    EXPECT_EQ(given.before.digest, seen(0, 'a').state->digest); // what the store knew
    EXPECT_EQ(given.after.digest, seen(0, 'b').state->digest);
    auto history = t.store->history(id);
    ASSERT_TRUE(history.ok() && history->rebuilds.size() == 1);
    EXPECT_EQ(history->rebuilds.first().causes,
              (QList<Cause>{Cause{CauseKind::Revision, QStringLiteral("decided by the caller")}}));
}
