// The poller end to end: the real loopback registry, the registry client and a real store.
#include "poll/Poller.h"
#include "ClientHarness.h"
#include "LocalRegistry.h"
#include "TempStore.h"
#include "registry/ManifestParser.h"

#include <QSignalSpy>

#include <gtest/gtest.h>

using namespace RebuildRadar;
using namespace RebuildRadar::Test;

namespace {

class PollerE2E : public testing::Test
{
protected:
    void SetUp() override { ASSERT_TRUE(registry.isRunning()) << registry.error().toStdString(); }

    QList<PollResult> sweep(const QList<qint64> &ids = {})
    {
        QSignalSpy finished(&poller, &Poller::sweepFinished);
        poller.checkNow(ids);
        if (finished.isEmpty()) {
            EXPECT_TRUE(finished.wait(30000));
        }
        return finished.isEmpty() ? QList<PollResult>() : finished.first().first().value<QList<PollResult>>();
    }
    IndexEntry platformImage(const QString &repo, const QString &arch, const QByteArray &layer,
                             const QString &baseDigest)
    {
        TestImage image;
        image.architecture = arch;
        if (arch == u"arm64")
            image.variant = QStringLiteral("v8");
        image.layer = layer;
        IndexEntry entry = push.pushImage(repo, image);
        entry.annotations.insert(Annotation::BaseName, QStringLiteral("debian:bookworm-slim"));
        entry.annotations.insert(Annotation::BaseDigest, baseDigest);
        entry.annotations.insert(Annotation::Version, QStringLiteral("3.13.8"));
        return entry;
    }

    LocalRegistry registry;
    Pusher push{registry.host()};
    TempStore db;
    ClientHarness net;
    Poller poller{*db.store, net.client, db.clock};
};

QString base(char c)
{
    return QStringLiteral("sha256:") + QString(64, QLatin1Char(c));
}

} // namespace

TEST_F(PollerE2E, MultiPlatformRebuildOfOnePlatform)
{
    const QString repo = QStringLiteral("library/python");
    IndexEntry amd = platformImage(repo, QStringLiteral("amd64"), "amd-1", base('1'));
    IndexEntry arm = platformImage(repo, QStringLiteral("arm64"), "arm-1", base('2'));
    const QString first =
        push.pushIndex(repo, QStringLiteral("3.13.8"), {amd, arm, push.pushAttestation(repo, amd.digest)});
    const qint64 id = db.watch(registry.host() + QStringLiteral("/library/python:3.13.8"));

    QSignalSpy rebuilds(&poller, &Poller::rebuildDetected);
    auto results = sweep();
    ASSERT_EQ(results.size(), 1);
    EXPECT_EQ(results[0].status, TagStatus::Ok);
    EXPECT_EQ(results[0].digest, first);
    EXPECT_FALSE(results[0].changed); // baseline
    EXPECT_EQ(rebuilds.size(), 0);

    // Unchanged: one HEAD and nothing else.
    net.resetCounts();
    db.clock.advance(60000);
    results = sweep();
    EXPECT_FALSE(results[0].changed);
    EXPECT_EQ(net.heads(), 1);
    EXPECT_EQ(net.gets(), 0);

    // arm64 is rebuilt on a new base; amd64 stays.
    IndexEntry arm2 = platformImage(repo, QStringLiteral("arm64"), "arm-2", base('3'));
    const QString second = push.pushIndex(repo, QStringLiteral("3.13.8"), {amd, arm2});
    db.clock.advance(60000);
    results = sweep();
    ASSERT_TRUE(results[0].changed);
    ASSERT_EQ(rebuilds.size(), 1);
    const RebuildEvent event = rebuilds.first().first().value<RebuildEvent>();
    EXPECT_EQ(event.rebuild.from, first);
    EXPECT_EQ(event.rebuild.to, second);
    EXPECT_EQ(event.rebuild.platformsChanged, QStringList{QStringLiteral("linux/arm64/v8")});
    EXPECT_TRUE(event.rebuild.hasCause(CauseKind::BaseImage));
    EXPECT_FALSE(event.rebuild.hasCause(CauseKind::Version));
    EXPECT_TRUE(event.relevant);

    auto history = db.store->history(id);
    ASSERT_EQ(history->spans.size(), 2);
    EXPECT_EQ(history->spans[1].platforms.value(QStringLiteral("linux/amd64")).digest, amd.digest);
    EXPECT_EQ(history->spans[1].platforms.value(QStringLiteral("linux/arm64/v8")).digest, arm2.digest);
    EXPECT_EQ(history->spans[1].platforms.size(), 2); // no attestation
}

TEST_F(PollerE2E, UserPlatformsDecideRelevance)
{
    const QString repo = QStringLiteral("team/app");
    IndexEntry amd = platformImage(repo, QStringLiteral("amd64"), "a", base('1'));
    IndexEntry arm = platformImage(repo, QStringLiteral("arm64"), "b", base('2'));
    push.pushIndex(repo, QStringLiteral("1"), {amd, arm});
    auto ref = ImageReference::parse(registry.host() + QStringLiteral("/team/app:1")).value();
    ASSERT_TRUE(
        db.store->addWatches({WatchRequest{ref, 60, QStringList{QStringLiteral("linux/amd64")}, 0}}).ok());
    sweep();
    QSignalSpy rebuilds(&poller, &Poller::rebuildDetected);
    push.pushIndex(repo, QStringLiteral("1"),
                   {amd, platformImage(repo, QStringLiteral("arm64"), "b2", base('3'))});
    sweep();
    ASSERT_EQ(rebuilds.size(), 1);
    EXPECT_FALSE(rebuilds.first().first().value<RebuildEvent>().relevant);
    push.pushIndex(repo, QStringLiteral("1"),
                   {platformImage(repo, QStringLiteral("amd64"), "a2", base('4')), arm});
    sweep();
    ASSERT_EQ(rebuilds.size(), 2);
    EXPECT_TRUE(rebuilds.last().first().value<RebuildEvent>().relevant);
}

TEST_F(PollerE2E, SingleManifestRevisionDeletedAndBack)
{
    const QString repo = QStringLiteral("team/single");
    TestImage image;
    image.labels.insert(Annotation::Revision, QStringLiteral("aaaa"));
    image.layer = "one";
    const QString first = push.tagImage(repo, QStringLiteral("v1"), image);
    const qint64 id = db.watch(registry.host() + QStringLiteral("/team/single:v1"));
    sweep();

    image.labels.insert(Annotation::Revision, QStringLiteral("bbbb"));
    image.layer = "two";
    const QString second = push.tagImage(repo, QStringLiteral("v1"), image);
    QSignalSpy rebuilds(&poller, &Poller::rebuildDetected);
    auto results = sweep();
    ASSERT_EQ(rebuilds.size(), 1);
    const Rebuild r = rebuilds.first().first().value<RebuildEvent>().rebuild;
    EXPECT_EQ(r.platformsChanged, QStringList{QStringLiteral("linux/amd64")});
    EXPECT_TRUE(r.hasCause(CauseKind::Revision));

    ASSERT_TRUE(push.deleteManifest(repo, second));
    results = sweep();
    EXPECT_EQ(results[0].status, TagStatus::NotFound);
    EXPECT_EQ((*db.store->tagById(id))->status, TagStatus::NotFound);
    EXPECT_EQ(db.store->history(id)->spans.size(), 2); // history kept

    // The tag returns, pointing to its first digest again: a revert.
    image.labels.insert(Annotation::Revision, QStringLiteral("aaaa"));
    image.layer = "one";
    EXPECT_EQ(push.tagImage(repo, QStringLiteral("v1"), image), first);
    results = sweep();
    EXPECT_EQ(results[0].status, TagStatus::Ok);
    ASSERT_EQ(rebuilds.size(), 2);
    EXPECT_TRUE(rebuilds.last().first().value<RebuildEvent>().rebuild.hasCause(CauseKind::Revert));
}

TEST_F(PollerE2E, ScheduleChecksOnlyDueTags)
{
    push.tagImage(QStringLiteral("s/a"), QStringLiteral("1"), TestImage{});
    push.tagImage(QStringLiteral("s/b"), QStringLiteral("1"), TestImage{});
    const qint64 fast = db.watch(registry.host() + QStringLiteral("/s/a:1"), 60);
    const qint64 slow = db.watch(registry.host() + QStringLiteral("/s/b:1"), 3600);
    poller.setBatchDelayMs(0);
    QSignalSpy checked(&poller, &Poller::tagChecked);
    poller.start(); // both never checked: due now
    ASSERT_TRUE(QTest::qWaitFor([&] { return checked.size() >= 2; }, 20000));
    // next due within ±5% of each interval
    const qint64 now = db.clock.nowMs();
    EXPECT_NEAR(double(*poller.dueAt(fast) - now), 60000.0, 3000.0);
    EXPECT_NEAR(double(*poller.dueAt(slow) - now), 3600000.0, 180000.0);

    checked.clear();
    db.clock.advance(70 * 1000);
    poller.tick();
    ASSERT_TRUE(QTest::qWaitFor([&] { return checked.size() >= 1; }, 20000));
    QTest::qWait(0);
    ASSERT_EQ(checked.size(), 1);
    EXPECT_EQ(checked.first().first().value<PollResult>().tagId, fast);
    poller.stop();
}

TEST_F(PollerE2E, ARebuildReadsOnlyTheManifestsThatChanged)
{
    // Platforms whose descriptors explain nothing: their manifests and configs are read, once.
    const QString repo = QStringLiteral("team/plain");
    TestImage amdImage;
    amdImage.layer = "amd-1";
    TestImage armImage;
    armImage.architecture = QStringLiteral("arm64");
    armImage.layer = "arm-1";
    const IndexEntry amd = push.pushImage(repo, amdImage);
    push.pushIndex(repo, QStringLiteral("1"), {amd, push.pushImage(repo, armImage)});
    db.watch(registry.host() + QStringLiteral("/team/plain:1"));
    ASSERT_EQ(sweep().size(), 1);

    armImage.layer = "arm-2";
    push.pushIndex(repo, QStringLiteral("1"), {amd, push.pushImage(repo, armImage)});
    net.resetCounts();
    db.clock.advance(60000);
    const auto results = sweep();
    ASSERT_EQ(results.size(), 1);
    EXPECT_TRUE(results[0].changed);
    // the index, then the rebuilt platform's manifest and config; amd64's details come from the store
    EXPECT_EQ(net.heads(), 1);
    EXPECT_EQ(net.gets(), 3);
}
