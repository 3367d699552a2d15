// The history store's leases, tag families, backfills, push times and failed or outdated checks, on
// both backends: what several programs sharing one history (a PostgreSQL one above all) rely on, and
// what comes into the history from elsewhere than a check.

#include "TempStore.h"
#include "history/RebuildClassifier.h"
#include "registry/ManifestParser.h"

#include <QMutex>
#include <QSet>
#include <QThread>

#include <gtest/gtest.h>

using namespace RebuildRadar;
using namespace RebuildRadar::Test;

namespace {

const QString kAmd = QStringLiteral("linux/amd64");
const QString kArm = QStringLiteral("linux/arm64");
const QString kRegistry = QStringLiteral("registry.example");
const QString kRepository = QStringLiteral("team/app");

Observation seen(qint64 tagId, qint64 at, const QByteArray &build, bool detailed = true)
{
    return buildSeen(tagId, at, build, {kAmd, kArm}, detailed);
}

Observation failedCheck(qint64 tagId, qint64 at, const QString &error)
{
    return Observation{tagId, at, TagStatus::Error, error, std::nullopt};
}

QSet<qint64> setOf(const QList<qint64> &ids)
{
    return QSet<qint64>(ids.begin(), ids.end());
}

class StoreImportsOn : public testing::TestWithParam<Backend>
{
protected:
    qint64 now() const { return t.clock.nowMs(); }
    // A second program on the same history: its own connection.
    std::unique_ptr<Database> openAgain()
    {
        auto db = Database::open(t.path());
        EXPECT_TRUE(db.ok()) << (db ? "" : db.error().message.toStdString());
        return db ? std::move(db).value() : nullptr;
    }
    WatchedTag row(qint64 tagId)
    {
        auto tag = t.store->tagById(tagId);
        EXPECT_TRUE(tag.ok() && tag->has_value());
        return tag && tag->has_value() ? **tag : WatchedTag{};
    }
    std::optional<WatchedTag> byReference(const QString &reference)
    {
        auto tag = t.store->tag(reference);
        EXPECT_TRUE(tag.ok());
        return tag ? *tag : std::nullopt;
    }
    TagHistory historyOf(qint64 tagId)
    {
        auto h = t.store->history(tagId);
        EXPECT_TRUE(h.ok()) << (h ? "" : h.error().message.toStdString());
        return h ? *h : TagHistory{};
    }

    TempStore t{GetParam()};
};

} // namespace

INSTANTIATE_TEST_SUITE_P(Backends, StoreImportsOn, testing::Values(Backend::SQLite, Backend::PostgreSQL),
                         [](const testing::TestParamInfo<Backend> &backend) {
                             return PrintToString(backend.param);
                         });

// --- leases ---------------------------------------------------------------------------------------

TEST_P(StoreImportsOn, ADueTagIsLeasedToOneOwnerAndAnotherGetsTheRest)
{
    const qint64 one = t.watch(QStringLiteral("registry.example/team/app:1"));
    const qint64 two = t.watch(QStringLiteral("registry.example/team/app:2"));
    const qint64 three = t.watch(QStringLiteral("registry.example/team/app:3"));
    constexpr qint64 kLease = 120000;

    auto first = t.store->leaseDue(QStringLiteral("a"), {one, two}, kLease);
    ASSERT_TRUE(first.ok()) << first.error().message.toStdString();
    EXPECT_EQ(setOf(first->granted), (QSet<qint64>{one, two}));
    EXPECT_TRUE(first->retryAt.isEmpty());

    auto otherDb = openAgain();
    ASSERT_TRUE(otherDb);
    HistoryStore other(*otherDb, [this] { return now(); });
    auto second = other.leaseDue(QStringLiteral("b"), {one, two, three}, kLease);
    ASSERT_TRUE(second.ok()) << second.error().message.toStdString();
    EXPECT_EQ(second->granted, QList<qint64>{three});
    // worth asking again just after a's lease runs out
    EXPECT_EQ(second->retryAt.value(one), now() + kLease + 1);
    EXPECT_EQ(second->retryAt.value(two), now() + kLease + 1);
    EXPECT_FALSE(second->retryAt.contains(three));

    // the holder asking again keeps its tags
    auto again = t.store->leaseDue(QStringLiteral("a"), {one, two, three}, kLease);
    ASSERT_TRUE(again.ok());
    EXPECT_EQ(setOf(again->granted), (QSet<qint64>{one, two}));
    EXPECT_TRUE(again->retryAt.contains(three));
}

TEST_P(StoreImportsOn, ALeaseRunsOutAfterItsTimeAndAnotherOwnerTakesIt)
{
    const qint64 tag = t.watch(QStringLiteral("registry.example/team/app:1"));
    constexpr qint64 kLease = 30000;
    auto taken = t.store->leaseDue(QStringLiteral("a"), {tag}, kLease);
    ASSERT_TRUE(taken.ok());
    ASSERT_EQ(taken->granted, QList<qint64>{tag});

    t.clock.advance(kLease); // the lease's last moment
    auto early = t.store->leaseDue(QStringLiteral("b"), {tag}, kLease);
    ASSERT_TRUE(early.ok());
    EXPECT_TRUE(early->granted.isEmpty());
    EXPECT_TRUE(early->retryAt.contains(tag));

    t.clock.advance(1); // a died: its lease ran out
    auto late = t.store->leaseDue(QStringLiteral("b"), {tag}, kLease);
    ASSERT_TRUE(late.ok());
    EXPECT_EQ(late->granted, QList<qint64>{tag});
    auto back = t.store->leaseDue(QStringLiteral("a"), {tag}, kLease);
    ASSERT_TRUE(back.ok());
    EXPECT_TRUE(back->granted.isEmpty()); // now b's
}

TEST_P(StoreImportsOn, ATagCheckedWithinNineTenthsOfItsIntervalIsNotDue)
{
    const qint64 tag = t.watch(QStringLiteral("registry.example/team/app:1"), 100); // 100 s
    const qint64 checked = now();
    ASSERT_TRUE(t.store->record({seen(tag, checked, "1")}, classifyRebuild).ok());

    t.clock.advance(89999); // just under 90 s
    auto soon = t.store->leaseDue(QStringLiteral("a"), {tag}, 60000);
    ASSERT_TRUE(soon.ok());
    EXPECT_TRUE(soon->granted.isEmpty());
    EXPECT_EQ(soon->retryAt.value(tag), checked + 100000); // a whole interval after the check

    t.clock.advance(1); // 9/10 of the interval
    auto due = t.store->leaseDue(QStringLiteral("a"), {tag}, 60000);
    ASSERT_TRUE(due.ok());
    EXPECT_EQ(due->granted, QList<qint64>{tag});
}

TEST_P(StoreImportsOn, RecordingTheCheckEndsTheLease)
{
    // interval 60 s, lease 10 min: once the check is a minute old only a lease could keep it from b
    const qint64 moved = t.watch(QStringLiteral("registry.example/team/app:1"), 60);
    const qint64 same = t.watch(QStringLiteral("registry.example/team/app:2"), 60);
    const qint64 failing = t.watch(QStringLiteral("registry.example/team/app:3"), 60);
    ASSERT_TRUE(t.store->record({seen(moved, now(), "1"), seen(same, now(), "1")}, classifyRebuild).ok());
    t.clock.advance(60000);
    constexpr qint64 kLease = 600000;
    auto leased = t.store->leaseDue(QStringLiteral("a"), {moved, same, failing}, kLease);
    ASSERT_TRUE(leased.ok());
    ASSERT_EQ(setOf(leased->granted), (QSet<qint64>{moved, same, failing}));

    // a records its checks: a new digest, the same digest, a failure
    auto recorded = t.store->record({seen(moved, now(), "2"), seen(same, now(), "1"),
                                     failedCheck(failing, now(), QStringLiteral("timed out"))},
                                    classifyRebuild);
    ASSERT_TRUE(recorded.ok()) << recorded.error().message.toStdString();
    EXPECT_EQ(recorded->size(), 1);

    t.clock.advance(60000); // due again, long before a's lease would have run out
    auto otherDb = openAgain();
    ASSERT_TRUE(otherDb);
    HistoryStore other(*otherDb, [this] { return now(); });
    auto next = other.leaseDue(QStringLiteral("b"), {moved, same, failing}, kLease);
    ASSERT_TRUE(next.ok());
    EXPECT_EQ(setOf(next->granted), (QSet<qint64>{moved, same, failing}));
}

TEST_P(StoreImportsOn, ConcurrentLeasersNeverGetTheSameTag)
{
    constexpr int kTags = 40;
    QList<qint64> tags;
    for (int i = 0; i < kTags; ++i)
        tags.append(t.watch(QStringLiteral("registry.example/team/app:%1").arg(i)));
    constexpr qint64 kLease = 600000;
    const qint64 fixedNow = now();
    const QString path = t.path();
    QMutex lock;
    QHash<QString, QSet<qint64>> grantedTo;
    QStringList errors;
    auto leaser = [&](const QString &owner) {
        // a connection of the leaser's own thread, as another program has its own
        auto db = Database::open(path);
        if (!db) {
            QMutexLocker locked(&lock);
            errors.append(db.error().message);
            return;
        }
        HistoryStore mine(**db, [fixedNow] { return fixedNow; });
        for (int round = 0; round < 8; ++round) {
            auto got = mine.leaseDue(owner, tags, kLease);
            QMutexLocker locked(&lock);
            if (!got) {
                errors.append(got.error().message);
                return;
            }
            grantedTo[owner].unite(setOf(got->granted));
        }
    };
    std::unique_ptr<QThread> one(QThread::create(leaser, QStringLiteral("a")));
    std::unique_ptr<QThread> two(QThread::create(leaser, QStringLiteral("b")));
    one->start();
    two->start();
    EXPECT_TRUE(one->wait(60000));
    EXPECT_TRUE(two->wait(60000));

    ASSERT_TRUE(errors.isEmpty()) << errors.join(u'\n').toStdString();
    const QSet<qint64> a = grantedTo.value(QStringLiteral("a"));
    const QSet<qint64> b = grantedTo.value(QStringLiteral("b"));
    EXPECT_FALSE(a.intersects(b)) << "a tag leased to both";
    EXPECT_EQ(a + b, setOf(tags));
    // and the store agrees: every tag is held, a third program gets none
    auto third = t.store->leaseDue(QStringLiteral("c"), tags, kLease);
    ASSERT_TRUE(third.ok());
    EXPECT_TRUE(third->granted.isEmpty());
    EXPECT_EQ(setOf(third->retryAt.keys()), setOf(tags));
}

// --- families -------------------------------------------------------------------------------------

TEST_P(StoreImportsOn, AFamilyIsAddedListedAndFoundAgain)
{
    auto id = t.store->addFamily(kRegistry, kRepository, QStringLiteral("3.*"), 3600);
    ASSERT_TRUE(id.ok()) << id.error().message.toStdString();
    auto other = t.store->addFamily(kRegistry, kRepository, QStringLiteral("4.*"), 600);
    ASSERT_TRUE(other.ok());
    EXPECT_NE(*id, *other);
    // the same family again: found, with the interval asked for now
    auto again = t.store->addFamily(kRegistry, kRepository, QStringLiteral("3.*"), 7200);
    ASSERT_TRUE(again.ok());
    EXPECT_EQ(*again, *id);

    auto listed = t.store->families();
    ASSERT_TRUE(listed.ok());
    ASSERT_EQ(listed->size(), 2);
    const HistoryStore::Family &f = listed->at(0);
    EXPECT_EQ(f.id, *id);
    EXPECT_EQ(f.registry, kRegistry);
    EXPECT_EQ(f.repository, kRepository);
    EXPECT_EQ(f.pattern, QStringLiteral("3.*"));
    EXPECT_EQ(f.intervalSeconds, 7200);
    EXPECT_FALSE(f.lastListed.has_value());
    EXPECT_EQ(listed->at(1).id, *other);
    EXPECT_EQ(listed->at(1).intervalSeconds, 600);
}

TEST_P(StoreImportsOn, SyncingAnUnknownFamilyFailsAndChangesNothing)
{
    auto id = t.store->addFamily(kRegistry, kRepository, QStringLiteral("*"), 3600);
    ASSERT_TRUE(id.ok());
    auto synced = t.store->syncFamily(*id + 100, {QStringLiteral("1.0")}, 600, now());
    ASSERT_FALSE(synced.ok());
    EXPECT_EQ(synced.error().code, ErrorCode::InvalidInput);
    auto rows = t.store->watchlist(true);
    ASSERT_TRUE(rows.ok());
    EXPECT_TRUE(rows->isEmpty());
    auto listed = t.store->families();
    ASSERT_TRUE(listed.ok());
    ASSERT_EQ(listed->size(), 1);
    EXPECT_FALSE(listed->first().lastListed.has_value());
}

TEST_P(StoreImportsOn, SyncingAFamilyWatchesNewMatchingTagsOnce)
{
    const qint64 byHand = t.watch(QStringLiteral("registry.example/team/app:1.1"), 120);
    auto id = t.store->addFamily(kRegistry, kRepository, QStringLiteral("1.*"), 3600);
    ASSERT_TRUE(id.ok());
    const qint64 listedAt = now();
    auto added = t.store->syncFamily(*id, {QStringLiteral("1.0"), QStringLiteral("1.1")}, 600, listedAt);
    ASSERT_TRUE(added.ok()) << added.error().message.toStdString();
    EXPECT_EQ(*added, QStringList{QStringLiteral("registry.example/team/app:1.0")});

    auto fresh = byReference(QStringLiteral("registry.example/team/app:1.0"));
    ASSERT_TRUE(fresh.has_value());
    EXPECT_TRUE(fresh->watched);
    EXPECT_EQ(fresh->intervalSeconds, 600);
    EXPECT_EQ(fresh->familyId, *id);
    // watched by hand before: stays as it was
    const WatchedTag kept = row(byHand);
    EXPECT_EQ(kept.intervalSeconds, 120);
    EXPECT_EQ(kept.familyId, 0);

    auto listed = t.store->families();
    ASSERT_TRUE(listed.ok());
    ASSERT_EQ(listed->size(), 1);
    EXPECT_EQ(listed->first().lastListed, listedAt);

    // the same listing again adds nothing
    t.clock.advance(60000);
    auto again = t.store->syncFamily(*id, {QStringLiteral("1.0"), QStringLiteral("1.1")}, 600, now());
    ASSERT_TRUE(again.ok());
    EXPECT_TRUE(again->isEmpty());
    auto rows = t.store->watchlist(true);
    ASSERT_TRUE(rows.ok());
    EXPECT_EQ(rows->size(), 2);
    EXPECT_EQ(row(fresh->id).status, TagStatus::Pending);
}

TEST_P(StoreImportsOn, AFamilyMemberTheRegistryNoLongerListsIsNotFoundWithItsHistoryKept)
{
    auto id = t.store->addFamily(kRegistry, kRepository, QStringLiteral("1.*"), 3600);
    ASSERT_TRUE(id.ok());
    ASSERT_TRUE(t.store->syncFamily(*id, {QStringLiteral("1.0"), QStringLiteral("1.1")}, 600, now()).ok());
    const qint64 gone = byReference(QStringLiteral("registry.example/team/app:1.0"))->id;
    const qint64 stays = byReference(QStringLiteral("registry.example/team/app:1.1"))->id;
    ASSERT_TRUE(t.store->record({seen(gone, now(), "1"), seen(stays, now(), "1")}, classifyRebuild).ok());

    t.clock.advance(60000);
    auto synced = t.store->syncFamily(*id, {QStringLiteral("1.1")}, 600, now());
    ASSERT_TRUE(synced.ok());
    EXPECT_TRUE(synced->isEmpty());
    const WatchedTag vanished = row(gone);
    EXPECT_EQ(vanished.status, TagStatus::NotFound);
    EXPECT_FALSE(vanished.lastError.isEmpty());
    EXPECT_EQ(vanished.currentDigest, buildIndexDigest("1"));
    EXPECT_EQ(historyOf(gone).spans.size(), 1);
    EXPECT_EQ(row(stays).status, TagStatus::Ok);

    // unwatched by hand, then listed again: watched again, and said so
    ASSERT_TRUE(t.store->removeWatches({QStringLiteral("registry.example/team/app:1.0")}).ok());
    EXPECT_FALSE(row(gone).watched);
    auto back = t.store->syncFamily(*id, {QStringLiteral("1.0"), QStringLiteral("1.1")}, 600, now());
    ASSERT_TRUE(back.ok());
    EXPECT_EQ(*back, QStringList{QStringLiteral("registry.example/team/app:1.0")});
    EXPECT_TRUE(row(gone).watched);
    EXPECT_EQ(row(gone).familyId, *id);
    EXPECT_EQ(historyOf(gone).spans.size(), 1);
}

// --- backfill -------------------------------------------------------------------------------------

TEST_P(StoreImportsOn, ABackfillAddsThePastBeforeTheFirstPolledSpanOnce)
{
    const qint64 tag = t.watch(QStringLiteral("registry.example/team/app:1"));
    const qint64 polled = now();
    ASSERT_TRUE(t.store->record({seen(tag, polled, "3")}, classifyRebuild).ok());

    const qint64 a = polled - 300000, b = polled - 200000, c = polled - 100;
    const QList<PastDigest> past{{buildIndexDigest("1"), a, b},
                                 {buildIndexDigest("2"), b, c},
                                 {buildIndexDigest("3"), c, std::nullopt}, // the one we polled first
                                 {buildIndexDigest("4"), polled + 5, std::nullopt}}; // after it: ours wins
    auto added = t.store->backfill(tag, QStringLiteral("hub"), past);
    ASSERT_TRUE(added.ok()) << added.error().message.toStdString();
    EXPECT_EQ(*added, 2);

    const TagHistory h = historyOf(tag);
    ASSERT_EQ(h.spans.size(), 3);
    EXPECT_EQ(h.spans[0].digest, buildIndexDigest("1"));
    EXPECT_EQ(h.spans[0].source, QStringLiteral("hub"));
    EXPECT_EQ(h.spans[0].firstSeen, a);
    EXPECT_EQ(h.spans[0].lastSeen, b);
    EXPECT_EQ(h.spans[0].build, 1);
    EXPECT_EQ(h.spans[1].digest, buildIndexDigest("2"));
    EXPECT_EQ(h.spans[1].source, QStringLiteral("hub"));
    EXPECT_EQ(h.spans[1].firstSeen, b);
    EXPECT_EQ(h.spans[1].lastSeen, c);
    EXPECT_EQ(h.spans[1].build, 2);
    EXPECT_EQ(h.spans[2].digest, buildIndexDigest("3"));
    EXPECT_EQ(h.spans[2].source, QStringLiteral("poll"));
    EXPECT_EQ(h.spans[2].firstSeen, polled);
    EXPECT_EQ(h.spans[2].build, 3);
    EXPECT_EQ(h.spans[2].pushedAt, c); // the registry's entry for it says when it was pushed
    EXPECT_EQ(h.tag.currentBuild, 3);
    EXPECT_EQ(h.tag.rebuildCount, 2);
    EXPECT_EQ(h.tag.unacknowledged, 0); // an imported past needs nobody's attention

    ASSERT_EQ(h.rebuilds.size(), 2);
    EXPECT_EQ(h.rebuilds[0].from, buildIndexDigest("1"));
    EXPECT_EQ(h.rebuilds[0].to, buildIndexDigest("2"));
    EXPECT_EQ(h.rebuilds[0].detectedAt, b);
    EXPECT_EQ(h.rebuilds[1].from, buildIndexDigest("2"));
    EXPECT_EQ(h.rebuilds[1].to, buildIndexDigest("3"));
    EXPECT_EQ(h.rebuilds[1].detectedAt, polled);
    for (const Rebuild &r : h.rebuilds) {
        ASSERT_EQ(r.causes.size(), 1);
        EXPECT_EQ(r.causes[0].kind, CauseKind::Unknown);
        EXPECT_TRUE(r.causes[0].detail.contains(QStringLiteral("hub")));
    }

    // once per tag
    auto second = t.store->backfill(tag, QStringLiteral("hub"), {{buildIndexDigest("0"), a - 1000, a}});
    ASSERT_TRUE(second.ok());
    EXPECT_EQ(*second, 0);
    const TagHistory after = historyOf(tag);
    EXPECT_EQ(after.spans.size(), 3);
    EXPECT_EQ(after.rebuilds.size(), 2);
    EXPECT_EQ(after.tag.rebuildCount, 2);
}

TEST_P(StoreImportsOn, ABackfillOfATagNotPolledYetKeepsEveryPastDigest)
{
    const qint64 tag = t.watch(QStringLiteral("registry.example/team/app:1"));
    const QList<PastDigest> past{{buildIndexDigest("1"), 1000, 2000},
                                 {buildIndexDigest("2"), 2000, std::nullopt}};
    auto added = t.store->backfill(tag, QStringLiteral("quay"), past);
    ASSERT_TRUE(added.ok()) << added.error().message.toStdString();
    EXPECT_EQ(*added, 2);
    const TagHistory h = historyOf(tag);
    ASSERT_EQ(h.spans.size(), 2);
    EXPECT_EQ(h.spans[0].source, QStringLiteral("quay"));
    EXPECT_EQ(h.spans[1].source, QStringLiteral("quay"));
    EXPECT_EQ(h.spans[1].firstSeen, 2000);
    ASSERT_EQ(h.rebuilds.size(), 1);
    EXPECT_EQ(h.rebuilds[0].detectedAt, 2000);

    // the first poll finds the last imported digest: no rebuild, and it keeps its build number
    ASSERT_TRUE(t.store->record({seen(tag, now(), "2")}, classifyRebuild).ok());
    const TagHistory polled = historyOf(tag);
    EXPECT_EQ(polled.rebuilds.size(), 1);
    ASSERT_EQ(polled.spans.size(), 3);
    EXPECT_EQ(polled.spans[2].build, 2);
    EXPECT_EQ(polled.tag.currentBuild, 2);
}

// --- push times -----------------------------------------------------------------------------------

TEST_P(StoreImportsOn, PushTimesLandOnTheNewestSpanOfTheDigestAndItsPlatform)
{
    const qint64 tag = t.watch(QStringLiteral("registry.example/team/app:1"));
    ASSERT_TRUE(t.store->record({seen(tag, now(), "1")}, classifyRebuild).ok());
    t.clock.advance(60000);
    ASSERT_TRUE(t.store->record({seen(tag, now(), "2")}, classifyRebuild).ok());
    t.clock.advance(60000);
    ASSERT_TRUE(t.store->record({seen(tag, now(), "1")}, classifyRebuild).ok()); // a revert

    const qint64 pushed = 1700000000000, amdPushed = 1699999990000;
    PushTimes times{pushed, {{buildPlatformDigest(kAmd, "1"), amdPushed}}};
    ASSERT_TRUE(t.store->setPushTimes(tag, buildIndexDigest("1"), times).ok());
    // a digest the tag never had changes nothing
    ASSERT_TRUE(t.store->setPushTimes(tag, buildIndexDigest("9"), PushTimes{1, {}}).ok());

    const TagHistory h = historyOf(tag);
    ASSERT_EQ(h.spans.size(), 3);
    EXPECT_FALSE(h.spans[0].pushedAt.has_value()); // the earlier span of that digest keeps its own
    EXPECT_FALSE(h.spans[1].pushedAt.has_value());
    EXPECT_EQ(h.spans[2].pushedAt, pushed);
    EXPECT_EQ(h.spans[2].upstreamAt(), pushed);
    ASSERT_TRUE(h.spans[2].platforms.contains(kAmd));
    EXPECT_EQ(h.spans[2].platforms.value(kAmd).pushedAt, amdPushed);
    EXPECT_FALSE(h.spans[2].platforms.value(kArm).pushedAt.has_value());
    EXPECT_FALSE(h.spans[0].platforms.value(kAmd).pushedAt.has_value());
}

// --- failed and outdated checks -------------------------------------------------------------------

TEST_P(StoreImportsOn, AFailedCheckSaysHowTheTagIsOnlyIfNothingNewerIsStored)
{
    const qint64 tag = t.watch(QStringLiteral("registry.example/team/app:1"));
    ASSERT_TRUE(t.store->record({seen(tag, 2000, "1")}, classifyRebuild).ok());

    // older than the stored check: ignored
    ASSERT_TRUE(t.store->record({failedCheck(tag, 1000, QStringLiteral("old news"))}, classifyRebuild).ok());
    WatchedTag r = row(tag);
    EXPECT_EQ(r.status, TagStatus::Ok);
    EXPECT_TRUE(r.lastError.isEmpty());
    EXPECT_EQ(r.lastChecked, 2000);

    auto failed = t.store->record({failedCheck(tag, 3000, QStringLiteral("boom"))}, classifyRebuild);
    ASSERT_TRUE(failed.ok());
    EXPECT_TRUE(failed->isEmpty());
    r = row(tag);
    EXPECT_EQ(r.status, TagStatus::Error);
    EXPECT_EQ(r.lastError, QStringLiteral("boom"));
    EXPECT_EQ(r.lastChecked, 3000);
    EXPECT_EQ(r.currentDigest, buildIndexDigest("1")); // a failure moves nothing

    // an ok check older than the failure leaves the failure standing
    ASSERT_TRUE(t.store->record({seen(tag, 2500, "1")}, classifyRebuild).ok());
    EXPECT_EQ(row(tag).status, TagStatus::Error);

    ASSERT_TRUE(t.store->record({seen(tag, 4000, "1")}, classifyRebuild).ok());
    r = row(tag);
    EXPECT_EQ(r.status, TagStatus::Ok);
    EXPECT_TRUE(r.lastError.isEmpty());
    EXPECT_EQ(r.lastChecked, 4000);
    EXPECT_EQ(historyOf(tag).spans.size(), 1);
}

TEST_P(StoreImportsOn, AnObservationTheStoreKnowsNewerThanIsOutdated)
{
    const qint64 tag = t.watch(QStringLiteral("registry.example/team/app:1"));
    const qint64 other = t.watch(QStringLiteral("registry.example/team/app:2"));
    ASSERT_TRUE(t.store->record({seen(tag, 2000, "1"), seen(other, 2000, "1")}, classifyRebuild).ok());

    // a new digest observed before the stored sighting
    QList<qint64> outdated;
    auto older = t.store->record({seen(tag, 1500, "2"), seen(other, 2500, "1")}, classifyRebuild, &outdated);
    ASSERT_TRUE(older.ok());
    EXPECT_TRUE(older->isEmpty());
    EXPECT_EQ(outdated, QList<qint64>{tag});
    EXPECT_EQ(row(tag).currentDigest, buildIndexDigest("1"));

    // a checker that believed the tag still had a digest it no longer has (no details read)
    outdated.clear();
    auto undetailed = t.store->record({seen(tag, 3000, "2", false)}, classifyRebuild, &outdated);
    ASSERT_TRUE(undetailed.ok());
    EXPECT_TRUE(undetailed->isEmpty());
    EXPECT_EQ(outdated, QList<qint64>{tag});
    EXPECT_EQ(historyOf(tag).spans.size(), 1);

    // read again, with details: the rebuild
    outdated.clear();
    auto moved = t.store->record({seen(tag, 3000, "2")}, classifyRebuild, &outdated);
    ASSERT_TRUE(moved.ok());
    EXPECT_TRUE(outdated.isEmpty());
    ASSERT_EQ(moved->size(), 1);
    EXPECT_EQ(moved->first().from, buildIndexDigest("1"));
    EXPECT_EQ(moved->first().to, buildIndexDigest("2"));
    EXPECT_EQ(row(tag).currentDigest, buildIndexDigest("2"));
}
