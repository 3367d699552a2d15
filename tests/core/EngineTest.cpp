// The app's engine end to end on the real registry: notifications follow rollouts and the tag's platforms.
#include "poll/Engine.h"
#include "ClientHarness.h"
#include "LocalRegistry.h"
#include "credentials/Credential.h"

#include <QSignalSpy>
#include <QTemporaryDir>

#include <gtest/gtest.h>

using namespace RebuildRadar;
using namespace RebuildRadar::Test;

TEST(EngineE2E, NoticesFollowRolloutsOnTheUsersPlatforms)
{
    LocalRegistry registry;
    ASSERT_TRUE(registry.isRunning()) << registry.error().toStdString();
    Pusher push(registry.host());
    const QString repo = QStringLiteral("library/python");
    auto platform = [&](const QString &arch, const QByteArray &layer) {
        TestImage i;
        i.architecture = arch;
        i.layer = layer;
        return push.pushImage(repo, i);
    };
    IndexEntry amd = platform(QStringLiteral("amd64"), "a0");
    IndexEntry arm = platform(QStringLiteral("arm64"), "b0");
    IndexEntry s390 = platform(QStringLiteral("s390x"), "c0");
    push.pushIndex(repo, QStringLiteral("3.13-slim"), {amd, arm, s390});

    QTemporaryDir dir;
    SystemClock clock;
    Engine engine(clock, std::make_unique<CredentialChain>());
    QSignalSpy opened(&engine, &Engine::opened);
    EngineConfig config;
    config.databasePath = dir.filePath(QStringLiteral("e.sqlite"));
    engine.setPaused(true);
    engine.open(config);
    ASSERT_EQ(opened.size(), 1);
    ASSERT_TRUE(opened[0][0].toBool());
    // The window's view of the tag: whole lists and updated rows alike.
    WatchedTag row;
    int publications = 0;
    auto take = [&](const QList<WatchedTag> &tags) {
        if (!tags.isEmpty()) {
            row = tags.first();
            ++publications;
        }
    };
    QObject::connect(&engine, &Engine::watchlistChanged, &engine, take);
    QObject::connect(&engine, &Engine::tagsUpdated, &engine, take);
    engine.addWatches({registry.host() + QStringLiteral("/library/python:3.13-slim")}, 3600,
                      {QStringLiteral("linux/arm64")});
    QSignalSpy notices(&engine, &Engine::rolloutNotice);
    QSignalSpy recorded(&engine, &Engine::rebuildRecorded);
    auto sweep = [&](int expectedRecorded) {
        const int published = publications;
        engine.checkNow({});
        // the rebuilds are recorded, and the tag's row is published after the sweep's batch
        EXPECT_TRUE(QTest::qWaitFor(
            [&] { return recorded.size() >= expectedRecorded && publications > published; }, 20000));
    };
    sweep(0);
    // Step 1: amd64 only — recorded, but nothing for someone who runs arm64.
    push.pushIndex(repo, QStringLiteral("3.13-slim"),
                   {amd = platform(QStringLiteral("amd64"), "a1"), arm, s390});
    sweep(1);
    EXPECT_EQ(notices.size(), 0);
    // the rollout's state follows the rebuild's row in a later publication
    auto lastRow = [&] { return row; };
    ASSERT_TRUE(QTest::qWaitFor([&] { return lastRow().rolloutTotal > 0; }, 10000));
    EXPECT_EQ(lastRow().rolloutDone, 1);
    EXPECT_EQ(lastRow().rolloutTotal, 3);
    // Step 2: arm64 — the user's platform has it now: one notice.
    push.pushIndex(repo, QStringLiteral("3.13-slim"),
                   {amd, arm = platform(QStringLiteral("arm64"), "b1"), s390});
    sweep(2);
    ASSERT_TRUE(QTest::qWaitFor([&] { return lastRow().rolloutDone == 2; }, 10000));
    EXPECT_EQ(lastRow().rolloutTotal, 3);
    ASSERT_EQ(notices.size(), 1);
    EXPECT_EQ(notices[0][0].value<RolloutNotice>().kind, RolloutNotice::Kind::StartedAndDone);
    // Step 3: s390x completes the rollout: the quiet summary.
    push.pushIndex(repo, QStringLiteral("3.13-slim"), {amd, arm, platform(QStringLiteral("s390x"), "c1")});
    sweep(3);
    ASSERT_EQ(notices.size(), 2);
    EXPECT_EQ(notices[1][0].value<RolloutNotice>().kind, RolloutNotice::Kind::Completed);
    // not in progress any more, once the rollout's state is worked out again (until then the row keeps
    // the last state known, 2 of 3)
    EXPECT_TRUE(QTest::qWaitFor([&] { return lastRow().rolloutTotal == 0; }, 10000));
}

TEST(EngineE2E, UnchangedChecksArePublishedAsRowsNotTheWholeList)
{
    LocalRegistry registry;
    ASSERT_TRUE(registry.isRunning()) << registry.error().toStdString();
    Pusher push(registry.host());
    push.tagImage(QStringLiteral("team/app"), QStringLiteral("1"), TestImage{});
    QTemporaryDir dir;
    SystemClock clock;
    Engine engine(clock, std::make_unique<CredentialChain>());
    EngineConfig config;
    config.databasePath = dir.filePath(QStringLiteral("e.sqlite"));
    engine.setPaused(true);
    engine.open(config);
    engine.addWatches({registry.host() + QStringLiteral("/team/app:1")}, 3600, {});
    QSignalSpy watchlist(&engine, &Engine::watchlistChanged);
    QSignalSpy updated(&engine, &Engine::tagsUpdated);
    QSignalSpy checked(&engine, &Engine::tagsChecked);
    engine.checkNow({});
    // a first digest changes the row's digest and platforms: the row, read again
    ASSERT_TRUE(updated.wait(20000));
    const auto rows = updated.first().first().value<QList<WatchedTag>>();
    ASSERT_EQ(rows.size(), 1);
    EXPECT_FALSE(rows.first().currentDigest.isEmpty());
    EXPECT_EQ(checked.size(), 0);
    EXPECT_EQ(watchlist.size(), 0); // not the whole list
    updated.clear();
    engine.checkNow({});
    ASSERT_TRUE(checked.wait(20000));
    const auto results = checked.first().first().value<QList<PollResult>>();
    ASSERT_EQ(results.size(), 1);
    EXPECT_EQ(results.first().status, TagStatus::Ok);
    EXPECT_FALSE(results.first().newDigest);
    EXPECT_GT(results.first().checkedAt, 0);
    EXPECT_EQ(watchlist.size(), 0);
    EXPECT_EQ(updated.size(), 0);
}
