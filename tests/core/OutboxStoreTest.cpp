// The notice outbox and the notification channels as stored (NoticeOutbox, ChannelStore), on both
// backends: where a consumer's cursor starts, each rebuild decided once per consumer however many
// connections take for it, what pending shows after deliveries and failures, the counters other
// programs watch (newest rebuild, watchlist generation, data version), and the channels' adding,
// removing, delivery state and lease, on an injected clock.

#include "TempStore.h"
#include "history/RebuildClassifier.h"
#include "registry/ManifestParser.h"
#include "store/ChannelStore.h"
#include "store/NoticeOutbox.h"

#include <QAtomicInt>
#include <QMutex>
#include <QSet>
#include <QTest>
#include <QThread>

#include <gtest/gtest.h>

using namespace RebuildRadar;
using namespace RebuildRadar::Test;

namespace {

const QString kAmd = QStringLiteral("linux/amd64");

Observation seen(qint64 tagId, qint64 at, const QByteArray &build)
{
    return buildSeen(tagId, at, build, {kAmd});
}

// A Status that failed says why.
testing::AssertionResult succeeded(const Status &status)
{
    if (status)
        return testing::AssertionSuccess();
    return testing::AssertionFailure() << status.error().message.toStdString();
}

QList<qint64> idsOf(const QList<Rebuild> &rebuilds)
{
    QList<qint64> ids;
    for (const Rebuild &r : rebuilds)
        ids.append(r.id);
    return ids;
}

// A decision that makes one notice of `kind` of every rebuild.
NoticeOutbox::Decide noticeEach(const QString &kind)
{
    return [kind](const QList<Rebuild> &rebuilds) {
        QList<QueuedNotice> notices;
        for (const Rebuild &r : rebuilds)
            notices.append(QueuedNotice{0, r.tagId, r.id, kind, 0, 0});
        return notices;
    };
}

QList<qint64> rebuildIdsOf(const QList<QueuedNotice> &notices)
{
    QList<qint64> ids;
    for (const QueuedNotice &n : notices)
        ids.append(n.rebuildId);
    return ids;
}

NotifyChannel channelNamed(const QString &name)
{
    NotifyChannel c;
    c.name = name;
    c.kind = QStringLiteral("webhook");
    c.maskedUrl = QStringLiteral("https://hooks.example/****");
    c.secretStore = QStringLiteral("file");
    c.events = QStringList{QStringLiteral("started"), QStringLiteral("complete")};
    return c;
}

class OutboxOn : public testing::TestWithParam<Backend>
{
protected:
    void SetUp() override
    {
        ASSERT_TRUE(t.db);
        tagId = t.watch(QStringLiteral("python:3.13"));
        // the tag's first digest: a span, not a rebuild
        ASSERT_TRUE(t.store->record({seen(tagId, t.clock.nowMs(), "0")}, classifyRebuild).ok());
    }
    // A rebuild of the tag recorded a minute later through `store` (whichever connection it is on).
    Rebuild rebuild(HistoryStore &store)
    {
        t.clock.advance(60000);
        auto r = store.record({seen(tagId, t.clock.nowMs(), QByteArray::number(++builds))}, classifyRebuild);
        EXPECT_TRUE(r.ok() && r->size() == 1);
        return r.ok() && !r->isEmpty() ? r->first() : Rebuild{};
    }
    Rebuild rebuild() { return rebuild(*t.store); }
    // Another connection to the same history: another program's.
    std::unique_ptr<Database> openAgain()
    {
        auto db = Database::open(t.path());
        EXPECT_TRUE(db.ok()) << db.error().message.toStdString();
        return db.ok() ? std::move(db).value() : nullptr;
    }
    std::function<qint64()> now()
    {
        return [this] { return t.clock.nowMs(); };
    }
    QList<QueuedNotice> pendingOf(NoticeOutbox &box, const QString &consumer)
    {
        auto p = box.pending(consumer);
        EXPECT_TRUE(p.ok());
        return p.ok() ? *p : QList<QueuedNotice>{};
    }

    TempStore t{GetParam()};
    NoticeOutbox outbox{*t.db, now()};
    ChannelStore channels{*t.db, now()};
    qint64 tagId = 0;
    int builds = 0;
};

class ChannelsOn : public OutboxOn
{};

std::string backendName(const testing::TestParamInfo<Backend> &backend)
{
    return PrintToString(backend.param);
}

} // namespace

INSTANTIATE_TEST_SUITE_P(Backends, OutboxOn, testing::Values(Backend::SQLite, Backend::PostgreSQL),
                         backendName);
INSTANTIATE_TEST_SUITE_P(Backends, ChannelsOn, testing::Values(Backend::SQLite, Backend::PostgreSQL),
                         backendName);

// The rebuilds recorded before a consumer registered are history, not news.
TEST_P(OutboxOn, ARegisteredConsumerStartsAfterTheNewestRebuild)
{
    rebuild();
    rebuild();
    ASSERT_TRUE(succeeded(outbox.registerConsumer(QStringLiteral("daemon"))));
    int decided = 0;
    auto counting = [&](const QList<Rebuild> &rebuilds) {
        ++decided;
        return noticeEach(QStringLiteral("started"))(rebuilds);
    };
    auto none = outbox.takeNewRebuilds(QStringLiteral("daemon"), counting);
    ASSERT_TRUE(none.ok());
    EXPECT_TRUE(none->isEmpty());
    EXPECT_EQ(decided, 0); // nothing new: nothing to decide

    const Rebuild third = rebuild();
    // registering again moves nothing: what was recorded since is still news
    ASSERT_TRUE(succeeded(outbox.registerConsumer(QStringLiteral("daemon"))));
    auto taken = outbox.takeNewRebuilds(QStringLiteral("daemon"), counting);
    ASSERT_TRUE(taken.ok());
    EXPECT_EQ(idsOf(*taken), QList<qint64>{third.id});
    EXPECT_EQ(decided, 1);
    EXPECT_EQ(rebuildIdsOf(pendingOf(outbox, QStringLiteral("daemon"))), QList<qint64>{third.id});
}

// A consumer that never registered starts where its first take finds the newest rebuild.
TEST_P(OutboxOn, AConsumerFirstSeenTakingStartsAfterTheNewestRebuild)
{
    rebuild();
    bool decided = false;
    auto first = outbox.takeNewRebuilds(QStringLiteral("desktop"), [&](const QList<Rebuild> &) {
        decided = true;
        return QList<QueuedNotice>{};
    });
    ASSERT_TRUE(first.ok());
    EXPECT_TRUE(first->isEmpty());
    EXPECT_FALSE(decided);
    EXPECT_TRUE(pendingOf(outbox, QStringLiteral("desktop")).isEmpty());

    const Rebuild next = rebuild();
    auto taken = outbox.takeNewRebuilds(QStringLiteral("desktop"), noticeEach(QStringLiteral("started")));
    ASSERT_TRUE(taken.ok());
    EXPECT_EQ(idsOf(*taken), QList<qint64>{next.id});
}

// `decide` sees the new rebuilds once, oldest first; its notices are queued as it made them.
TEST_P(OutboxOn, EachNewRebuildIsDecidedOnceAndItsNoticesQueued)
{
    ASSERT_TRUE(succeeded(outbox.registerConsumer(QStringLiteral("daemon"))));
    const Rebuild r1 = rebuild();
    const Rebuild r2 = rebuild();
    const Rebuild r3 = rebuild();
    t.clock.advance(5000);
    const qint64 takenAt = t.clock.nowMs();

    QList<QList<Rebuild>> seenByDecide;
    auto decide = [&](const QList<Rebuild> &rebuilds) {
        seenByDecide.append(rebuilds);
        // the second rebuild is not worth a notice; the third is worth two
        return QList<QueuedNotice>{{0, r1.tagId, r1.id, QStringLiteral("started"), 0, 0},
                                   {0, r3.tagId, r3.id, QStringLiteral("started"), 0, 0},
                                   {0, r3.tagId, r3.id, QStringLiteral("complete"), 0, 0}};
    };
    auto taken = outbox.takeNewRebuilds(QStringLiteral("daemon"), decide);
    ASSERT_TRUE(taken.ok());
    EXPECT_EQ(idsOf(*taken), (QList<qint64>{r1.id, r2.id, r3.id}));
    ASSERT_EQ(seenByDecide.size(), 1);
    ASSERT_EQ(seenByDecide.first().size(), 3);
    EXPECT_EQ(idsOf(seenByDecide.first()), (QList<qint64>{r1.id, r2.id, r3.id}));
    EXPECT_EQ(seenByDecide.first()[1].tagId, tagId);
    EXPECT_EQ(seenByDecide.first()[1].from, r1.to); // the rebuilds as recorded
    EXPECT_EQ(seenByDecide.first()[1].to, r2.to);

    const QList<QueuedNotice> pending = pendingOf(outbox, QStringLiteral("daemon"));
    ASSERT_EQ(pending.size(), 3);
    EXPECT_EQ(rebuildIdsOf(pending), (QList<qint64>{r1.id, r3.id, r3.id}));
    EXPECT_EQ(pending[1].kind, QStringLiteral("started"));
    EXPECT_EQ(pending[2].kind, QStringLiteral("complete"));
    QSet<qint64> noticeIds;
    for (const QueuedNotice &n : pending) {
        EXPECT_GT(n.id, 0);
        noticeIds.insert(n.id);
        EXPECT_EQ(n.tagId, tagId);
        EXPECT_EQ(n.attempts, 0);
        EXPECT_EQ(n.createdAt, takenAt);
    }
    EXPECT_EQ(noticeIds.size(), 3);

    // taken once: the next take finds nothing and decides nothing
    auto again = outbox.takeNewRebuilds(QStringLiteral("daemon"), decide);
    ASSERT_TRUE(again.ok());
    EXPECT_TRUE(again->isEmpty());
    EXPECT_EQ(seenByDecide.size(), 1);
    EXPECT_EQ(pendingOf(outbox, QStringLiteral("daemon")).size(), 3);
}

// A decision of no notices still moves the cursor: the rebuild was seen.
TEST_P(OutboxOn, ARebuildDecidedToBeNoNewsIsNotDecidedAgain)
{
    ASSERT_TRUE(succeeded(outbox.registerConsumer(QStringLiteral("daemon"))));
    const Rebuild quiet = rebuild();
    auto nothing = outbox.takeNewRebuilds(QStringLiteral("daemon"),
                                          [](const QList<Rebuild> &) { return QList<QueuedNotice>{}; });
    ASSERT_TRUE(nothing.ok());
    EXPECT_EQ(idsOf(*nothing), QList<qint64>{quiet.id});
    EXPECT_TRUE(pendingOf(outbox, QStringLiteral("daemon")).isEmpty());

    const Rebuild loud = rebuild();
    auto taken = outbox.takeNewRebuilds(QStringLiteral("daemon"), noticeEach(QStringLiteral("started")));
    ASSERT_TRUE(taken.ok());
    EXPECT_EQ(idsOf(*taken), QList<qint64>{loud.id});
    EXPECT_EQ(rebuildIdsOf(pendingOf(outbox, QStringLiteral("daemon"))), QList<qint64>{loud.id});
}

// Each consumer announces every rebuild once, whatever the others took.
TEST_P(OutboxOn, TwoConsumersAreIndependent)
{
    ASSERT_TRUE(succeeded(outbox.registerConsumer(QStringLiteral("desktop"))));
    ASSERT_TRUE(succeeded(outbox.registerConsumer(QStringLiteral("daemon"))));
    const Rebuild r1 = rebuild();
    auto byDesktop = outbox.takeNewRebuilds(QStringLiteral("desktop"), noticeEach(QStringLiteral("started")));
    ASSERT_TRUE(byDesktop.ok());
    EXPECT_EQ(idsOf(*byDesktop), QList<qint64>{r1.id});
    EXPECT_TRUE(pendingOf(outbox, QStringLiteral("daemon")).isEmpty()); // the daemon has taken nothing yet

    const Rebuild r2 = rebuild();
    auto byDaemon = outbox.takeNewRebuilds(QStringLiteral("daemon"), noticeEach(QStringLiteral("started")));
    ASSERT_TRUE(byDaemon.ok());
    EXPECT_EQ(idsOf(*byDaemon), (QList<qint64>{r1.id, r2.id}));
    auto desktopAgain =
        outbox.takeNewRebuilds(QStringLiteral("desktop"), noticeEach(QStringLiteral("started")));
    ASSERT_TRUE(desktopAgain.ok());
    EXPECT_EQ(idsOf(*desktopAgain), QList<qint64>{r2.id});

    // delivering the desktop's notices leaves the daemon's waiting
    for (const QueuedNotice &n : pendingOf(outbox, QStringLiteral("desktop")))
        ASSERT_TRUE(succeeded(outbox.markDelivered(n.id)));
    EXPECT_TRUE(pendingOf(outbox, QStringLiteral("desktop")).isEmpty());
    EXPECT_EQ(rebuildIdsOf(pendingOf(outbox, QStringLiteral("daemon"))), (QList<qint64>{r1.id, r2.id}));
}

// Two programs delivering as one consumer (two daemons on one history) share its rebuilds: whichever
// takes a rebuild first takes it, and the other never does.
TEST_P(OutboxOn, TwoConnectionsTakeEachRebuildOnceBetweenThem)
{
    std::unique_ptr<Database> other = openAgain();
    ASSERT_TRUE(other);
    NoticeOutbox otherOutbox(*other, now());
    HistoryStore otherStore(*other, now());
    ASSERT_TRUE(succeeded(outbox.registerConsumer(QStringLiteral("daemon"))));
    ASSERT_TRUE(otherOutbox.registerConsumer(QStringLiteral("daemon")).ok());

    QList<qint64> recorded;
    QList<qint64> takenHere;
    QList<qint64> takenThere;
    for (int round = 0; round < 4; ++round) {
        // recorded by either program, taken first by either
        recorded.append(rebuild(round % 2 == 0 ? *t.store : otherStore).id);
        NoticeOutbox &first = round < 2 ? outbox : otherOutbox;
        NoticeOutbox &second = round < 2 ? otherOutbox : outbox;
        auto a = first.takeNewRebuilds(QStringLiteral("daemon"), noticeEach(QStringLiteral("started")));
        auto b = second.takeNewRebuilds(QStringLiteral("daemon"), noticeEach(QStringLiteral("started")));
        ASSERT_TRUE(a.ok() && b.ok());
        EXPECT_EQ(idsOf(*a), QList<qint64>{recorded.last()}) << "round " << round;
        EXPECT_TRUE(b->isEmpty()) << "round " << round;
        (round < 2 ? takenHere : takenThere).append(idsOf(*a));
    }
    EXPECT_EQ(takenHere + takenThere, recorded);
    // one notice per rebuild, as both programs see the outbox
    EXPECT_EQ(rebuildIdsOf(pendingOf(outbox, QStringLiteral("daemon"))), recorded);
    EXPECT_EQ(rebuildIdsOf(pendingOf(otherOutbox, QStringLiteral("daemon"))), recorded);
}

// The same, with the two programs taking at the same moments while rebuilds are recorded: still each
// rebuild once, none lost.
TEST_P(OutboxOn, ConcurrentTakersTakeEachRebuildOnce)
{
    constexpr int kRebuilds = 12;
    ASSERT_TRUE(succeeded(outbox.registerConsumer(QStringLiteral("daemon"))));
    QAtomicInt recordingDone;
    QMutex lock;
    QList<qint64> taken; // by both takers, in the order they took
    QStringList errors;
    const QString path = t.path();
    auto taker = [&] {
        // a connection of the taker's own thread, as another program has its own
        auto db = Database::open(path);
        if (!db) {
            QMutexLocker locked(&lock);
            errors.append(db.error().message);
            return;
        }
        NoticeOutbox mine(**db, [] { return qint64(1); });
        for (bool last = false; !last;) {
            last = recordingDone.loadAcquire() != 0; // a take begun after the last record sees it
            auto got = mine.takeNewRebuilds(QStringLiteral("daemon"), noticeEach(QStringLiteral("started")));
            QMutexLocker locked(&lock);
            if (!got) {
                errors.append(got.error().message);
                return;
            }
            taken.append(idsOf(*got));
        }
    };
    std::unique_ptr<QThread> one(QThread::create(taker));
    std::unique_ptr<QThread> two(QThread::create(taker));
    one->start();
    two->start();
    QList<qint64> recorded;
    for (int i = 0; i < kRebuilds; ++i)
        recorded.append(rebuild().id);
    recordingDone.storeRelease(1);
    EXPECT_TRUE(one->wait(60000));
    EXPECT_TRUE(two->wait(60000));

    EXPECT_TRUE(errors.isEmpty()) << errors.join(u'\n').toStdString();
    QList<qint64> sorted = taken;
    std::sort(sorted.begin(), sorted.end());
    EXPECT_EQ(sorted, recorded); // every rebuild, once
    QList<qint64> queued = rebuildIdsOf(pendingOf(outbox, QStringLiteral("daemon")));
    std::sort(queued.begin(), queued.end());
    EXPECT_EQ(queued, recorded);
}

// Delivered or given up: out of pending; failed for now: still pending, its attempts counted.
TEST_P(OutboxOn, PendingShowsWhatIsNeitherDeliveredNorGivenUp)
{
    ASSERT_TRUE(succeeded(outbox.registerConsumer(QStringLiteral("daemon"))));
    const Rebuild r1 = rebuild();
    const Rebuild r2 = rebuild();
    const Rebuild r3 = rebuild();
    ASSERT_TRUE(outbox.takeNewRebuilds(QStringLiteral("daemon"), noticeEach(QStringLiteral("started"))).ok());
    const QList<QueuedNotice> queued = pendingOf(outbox, QStringLiteral("daemon"));
    ASSERT_EQ(rebuildIdsOf(queued), (QList<qint64>{r1.id, r2.id, r3.id}));
    const qint64 n1 = queued[0].id, n2 = queued[1].id, n3 = queued[2].id;

    ASSERT_TRUE(succeeded(outbox.markDelivered(n1)));
    EXPECT_EQ(rebuildIdsOf(pendingOf(outbox, QStringLiteral("daemon"))), (QList<qint64>{r2.id, r3.id}));

    // a failure that will be retried: the notice stays, one attempt more each time
    ASSERT_TRUE(succeeded(outbox.markFailed(n2, QStringLiteral("HTTP 503"), false)));
    QList<QueuedNotice> now = pendingOf(outbox, QStringLiteral("daemon"));
    ASSERT_EQ(now.size(), 2);
    EXPECT_EQ(now[0].id, n2);
    EXPECT_EQ(now[0].attempts, 1);
    EXPECT_EQ(now[1].attempts, 0);
    ASSERT_TRUE(succeeded(outbox.markFailed(n2, QStringLiteral("HTTP 503"), false)));
    now = pendingOf(outbox, QStringLiteral("daemon"));
    ASSERT_EQ(now.size(), 2);
    EXPECT_EQ(now[0].attempts, 2);

    // given up: gone from pending like a delivered one
    ASSERT_TRUE(succeeded(outbox.markFailed(n3, QStringLiteral("HTTP 404"), true)));
    EXPECT_EQ(rebuildIdsOf(pendingOf(outbox, QStringLiteral("daemon"))), QList<qint64>{r2.id});

    // delivered at last after its failures
    ASSERT_TRUE(succeeded(outbox.markDelivered(n2)));
    EXPECT_TRUE(pendingOf(outbox, QStringLiteral("daemon")).isEmpty());
    // a notice done with stays done, whatever is said of it later
    ASSERT_TRUE(succeeded(outbox.markFailed(n1, QStringLiteral("late"), false)));
    EXPECT_TRUE(pendingOf(outbox, QStringLiteral("daemon")).isEmpty());

    // a notice queued by hand (not from a new rebuild) waits like the others
    t.clock.advance(1000);
    auto id =
        outbox.enqueue(QStringLiteral("daemon"), QueuedNotice{0, tagId, r3.id, QStringLiteral("closed")});
    ASSERT_TRUE(id.ok());
    now = pendingOf(outbox, QStringLiteral("daemon"));
    ASSERT_EQ(now.size(), 1);
    EXPECT_EQ(now[0].id, *id);
    EXPECT_EQ(now[0].kind, QStringLiteral("closed"));
    EXPECT_EQ(now[0].rebuildId, r3.id);
    EXPECT_EQ(now[0].createdAt, t.clock.nowMs());
    EXPECT_TRUE(pendingOf(outbox, QStringLiteral("desktop")).isEmpty()); // the daemon's, nobody else's
}

// What another program wrote is seen here: its newest rebuild and its changes to the watchlist.
TEST_P(OutboxOn, NewestRebuildAndWatchlistGenerationFollowAnotherConnection)
{
    std::unique_ptr<Database> other = openAgain();
    ASSERT_TRUE(other);
    HistoryStore otherStore(*other, now());

    auto newest = outbox.newestRebuildId();
    ASSERT_TRUE(newest.ok());
    EXPECT_EQ(*newest, 0); // none recorded yet
    const Rebuild theirs = rebuild(otherStore);
    newest = outbox.newestRebuildId();
    ASSERT_TRUE(newest.ok());
    EXPECT_EQ(*newest, theirs.id);
    const Rebuild mine = rebuild();
    EXPECT_GT(mine.id, theirs.id);
    EXPECT_EQ(*outbox.newestRebuildId(), mine.id);

    auto before = outbox.watchlistGeneration();
    ASSERT_TRUE(before.ok());
    // a check recorded is not a change of the watchlist
    rebuild(otherStore);
    EXPECT_EQ(*outbox.watchlistGeneration(), *before);

    auto ref = ImageReference::parse(QStringLiteral("alpine:3"));
    ASSERT_TRUE(ref.ok());
    ASSERT_TRUE(otherStore.addWatches({WatchRequest{*ref, 60, {}, 0}}).ok());
    auto added = outbox.watchlistGeneration();
    ASSERT_TRUE(added.ok());
    EXPECT_NE(*added, *before);
    ASSERT_TRUE(otherStore.setMuted({tagId}, true).ok());
    auto muted = outbox.watchlistGeneration();
    ASSERT_TRUE(muted.ok());
    EXPECT_NE(*muted, *added);
    ASSERT_TRUE(otherStore.removeWatches({ref->tagReference()}).ok());
    auto removed = outbox.watchlistGeneration();
    ASSERT_TRUE(removed.ok());
    EXPECT_NE(*removed, *muted);
}

// Another program's commit moves the data version; this program's own do not.
TEST_P(OutboxOn, DataVersionMovesWhenAnotherConnectionCommits)
{
    std::unique_ptr<Database> other = openAgain();
    ASSERT_TRUE(other);
    HistoryStore otherStore(*other, now());
    ChannelStore otherChannels(*other, now());

    auto start = outbox.dataVersion();
    ASSERT_TRUE(start.ok());
    // this program's own writes
    rebuild();
    ASSERT_TRUE(succeeded(channels.add(channelNamed(QStringLiteral("ops")))));
    ASSERT_TRUE(*channels.claim(QStringLiteral("ops"), QStringLiteral("desktop"), 30000));
    if (GetParam() == Backend::SQLite) {
        EXPECT_EQ(*outbox.dataVersion(), *start); // read at once: SQLite answers from the file
    }
    // then another's: PostgreSQL announces it after this program's own, so once it is counted, any of
    // ours would have been counted too; a release writes one table, one notice
    ASSERT_TRUE(succeeded(otherChannels.release(QStringLiteral("ops"), QStringLiteral("desktop"))));
    ASSERT_TRUE(QTest::qWaitFor([&] { return *outbox.dataVersion() != *start; }, 10000));
    if (GetParam() == Backend::PostgreSQL) {
        EXPECT_EQ(*outbox.dataVersion(), *start + 1);
    }

    // and a rebuild recorded there moves it again
    const qint64 seenBefore = *outbox.dataVersion();
    rebuild(otherStore);
    EXPECT_TRUE(QTest::qWaitFor([&] { return *outbox.dataVersion() != seenBefore; }, 10000));
}

TEST_P(ChannelsOn, AddedChannelsAreListedAndFoundAsAdded)
{
    NotifyChannel ops = channelNamed(QStringLiteral("ops"));
    ops.tagsPattern = QStringLiteral("python:.*");
    ops.platforms = QStringList{kAmd, QStringLiteral("linux/arm64")};
    ops.batchSeconds = 300;
    ops.insecure = true;
    ops.secretStore = QStringLiteral("keychain");
    NotifyChannel alerts = channelNamed(QStringLiteral("alerts"));
    alerts.kind = QStringLiteral("ntfy");
    alerts.addedBy = QStringLiteral("bob");

    auto empty = channels.list();
    ASSERT_TRUE(empty.ok());
    EXPECT_TRUE(empty->isEmpty());
    const qint64 opsAt = t.clock.nowMs();
    ASSERT_TRUE(succeeded(channels.add(ops)));
    t.clock.advance(1000);
    const qint64 alertsAt = t.clock.nowMs();
    ASSERT_TRUE(succeeded(channels.add(alerts)));

    // as added, with the time it was added and, when nobody was named, this program's user
    NotifyChannel opsStored = ops;
    opsStored.createdAt = opsAt;
    opsStored.addedBy = Database::userName();
    NotifyChannel alertsStored = alerts;
    alertsStored.createdAt = alertsAt;
    auto listed = channels.list();
    ASSERT_TRUE(listed.ok());
    ASSERT_EQ(listed->size(), 2);
    EXPECT_EQ(listed->at(0), alertsStored); // by name
    EXPECT_EQ(listed->at(1), opsStored);
    auto found = channels.find(QStringLiteral("ops"));
    ASSERT_TRUE(found.ok());
    ASSERT_TRUE(found->has_value());
    EXPECT_EQ(**found, opsStored);
    EXPECT_EQ((**found).addedBy, Database::userName());
    auto missing = channels.find(QStringLiteral("nope"));
    ASSERT_TRUE(missing.ok());
    EXPECT_FALSE(missing->has_value());

    // and another program sees them so
    std::unique_ptr<Database> other = openAgain();
    ASSERT_TRUE(other);
    auto there = ChannelStore(*other, now()).find(QStringLiteral("alerts"));
    ASSERT_TRUE(there.ok() && there->has_value());
    EXPECT_EQ(**there, alertsStored);
}

TEST_P(ChannelsOn, AddingATakenNameIsRefusedAndChangesNothing)
{
    const NotifyChannel ops = channelNamed(QStringLiteral("ops"));
    const qint64 addedAt = t.clock.nowMs();
    ASSERT_TRUE(succeeded(channels.add(ops)));
    const Rebuild waiting = rebuild(); // news for the channel, not taken yet

    NotifyChannel again = channelNamed(QStringLiteral("ops"));
    again.kind = QStringLiteral("slack");
    again.maskedUrl = QStringLiteral("https://hooks.slack.example/****");
    t.clock.advance(1000);
    auto refused = channels.add(again);
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().code, ErrorCode::InvalidInput);
    EXPECT_TRUE(refused.error().message.contains(QStringLiteral("ops")))
        << refused.error().message.toStdString();

    auto listed = channels.list();
    ASSERT_TRUE(listed.ok());
    ASSERT_EQ(listed->size(), 1);
    EXPECT_EQ(listed->first().kind, QStringLiteral("webhook"));
    EXPECT_EQ(listed->first().maskedUrl, ops.maskedUrl);
    EXPECT_EQ(listed->first().createdAt, addedAt);
    // its outbox did not start over: the rebuild recorded before the refusal is still news to it
    auto taken = outbox.takeNewRebuilds(ChannelStore::consumerOf(QStringLiteral("ops")),
                                        noticeEach(QStringLiteral("started")));
    ASSERT_TRUE(taken.ok());
    EXPECT_EQ(idsOf(*taken), QList<qint64>{waiting.id});
}

// A channel added today announces what is recorded from today on, not the history before it.
TEST_P(ChannelsOn, AChannelAnnouncesOnlyWhatIsRecordedAfterItWasAdded)
{
    rebuild();
    rebuild();
    ASSERT_TRUE(succeeded(channels.add(channelNamed(QStringLiteral("ops")))));
    const QString consumer = ChannelStore::consumerOf(QStringLiteral("ops"));
    auto none = outbox.takeNewRebuilds(consumer, noticeEach(QStringLiteral("started")));
    ASSERT_TRUE(none.ok());
    EXPECT_TRUE(none->isEmpty());
    const Rebuild news = rebuild();
    auto taken = outbox.takeNewRebuilds(consumer, noticeEach(QStringLiteral("started")));
    ASSERT_TRUE(taken.ok());
    EXPECT_EQ(idsOf(*taken), QList<qint64>{news.id});
}

TEST_P(ChannelsOn, RemovingDropsTheChannelsNoticesAndCursor)
{
    ASSERT_TRUE(succeeded(channels.add(channelNamed(QStringLiteral("ops")))));
    ASSERT_TRUE(succeeded(channels.add(channelNamed(QStringLiteral("dev")))));
    const QString ops = ChannelStore::consumerOf(QStringLiteral("ops"));
    const QString dev = ChannelStore::consumerOf(QStringLiteral("dev"));
    const Rebuild r1 = rebuild();
    ASSERT_TRUE(outbox.takeNewRebuilds(ops, noticeEach(QStringLiteral("started"))).ok());
    ASSERT_TRUE(outbox.takeNewRebuilds(dev, noticeEach(QStringLiteral("started"))).ok());
    ASSERT_EQ(pendingOf(outbox, ops).size(), 1);
    rebuild(); // recorded after ops' cursor, not taken by it

    ASSERT_TRUE(channels.remove(QStringLiteral("ops")).ok());
    auto listed = channels.list();
    ASSERT_TRUE(listed.ok());
    ASSERT_EQ(listed->size(), 1);
    EXPECT_EQ(listed->first().name, QStringLiteral("dev"));
    EXPECT_FALSE(channels.find(QStringLiteral("ops"))->has_value());
    EXPECT_TRUE(pendingOf(outbox, ops).isEmpty());
    auto state = channels.deliveryState(QStringLiteral("ops"));
    ASSERT_TRUE(state.ok());
    EXPECT_EQ(state->pending, 0);
    // its cursor went too: the rebuild it had not taken is not waiting for it any more
    auto afterRemoval = outbox.takeNewRebuilds(ops, noticeEach(QStringLiteral("started")));
    ASSERT_TRUE(afterRemoval.ok());
    EXPECT_TRUE(afterRemoval->isEmpty());
    // the other channel keeps its notice
    EXPECT_EQ(rebuildIdsOf(pendingOf(outbox, dev)), QList<qint64>{r1.id});
}

TEST_P(ChannelsOn, RemovingAnUnknownNameIsRefused)
{
    ASSERT_TRUE(succeeded(channels.add(channelNamed(QStringLiteral("ops")))));
    auto refused = channels.remove(QStringLiteral("opz"));
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().code, ErrorCode::NotFound);
    EXPECT_TRUE(refused.error().message.contains(QStringLiteral("opz")))
        << refused.error().message.toStdString();
    auto listed = channels.list();
    ASSERT_TRUE(listed.ok());
    ASSERT_EQ(listed->size(), 1);
    EXPECT_EQ(listed->first().name, QStringLiteral("ops"));
}

// How a channel's deliveries went, read from its notices.
TEST_P(ChannelsOn, DeliveryStateCountsTheChannelsNotices)
{
    ASSERT_TRUE(succeeded(channels.add(channelNamed(QStringLiteral("ops")))));
    const QString ops = ChannelStore::consumerOf(QStringLiteral("ops"));
    auto fresh = channels.deliveryState(QStringLiteral("ops"));
    ASSERT_TRUE(fresh.ok());
    EXPECT_FALSE(fresh->lastAt.has_value());
    EXPECT_EQ(fresh->pending, 0);
    EXPECT_EQ(fresh->failed, 0);

    rebuild();
    rebuild();
    rebuild();
    ASSERT_TRUE(outbox.takeNewRebuilds(ops, noticeEach(QStringLiteral("started"))).ok());
    // another consumer's notice is not the channel's
    ASSERT_TRUE(succeeded(outbox.registerConsumer(QStringLiteral("daemon"))));
    ASSERT_TRUE(outbox
                    .enqueue(QStringLiteral("daemon"),
                             QueuedNotice{0, tagId, rebuild().id, QStringLiteral("started")})
                    .ok());
    const QList<QueuedNotice> queued = pendingOf(outbox, ops);
    ASSERT_EQ(queued.size(), 3);
    auto waiting = channels.deliveryState(QStringLiteral("ops"));
    ASSERT_TRUE(waiting.ok());
    EXPECT_EQ(waiting->pending, 3);
    EXPECT_EQ(waiting->failed, 0);
    EXPECT_FALSE(waiting->lastAt.has_value());

    // retrying: still pending, and the state says why
    t.clock.advance(1000);
    ASSERT_TRUE(succeeded(outbox.markFailed(queued[0].id, QStringLiteral("HTTP 503"), false)));
    auto retrying = channels.deliveryState(QStringLiteral("ops"));
    ASSERT_TRUE(retrying.ok());
    EXPECT_EQ(retrying->pending, 3);
    EXPECT_EQ(retrying->failed, 0);
    EXPECT_FALSE(retrying->lastOk);
    EXPECT_EQ(retrying->lastError, QStringLiteral("HTTP 503"));

    // delivered on the next try
    t.clock.advance(1000);
    const qint64 deliveredAt = t.clock.nowMs();
    ASSERT_TRUE(succeeded(outbox.markDelivered(queued[0].id)));
    auto delivered = channels.deliveryState(QStringLiteral("ops"));
    ASSERT_TRUE(delivered.ok());
    EXPECT_EQ(delivered->pending, 2);
    EXPECT_EQ(delivered->failed, 0);
    EXPECT_EQ(delivered->lastAt, deliveredAt);
    EXPECT_TRUE(delivered->lastOk);
    EXPECT_TRUE(delivered->lastError.isEmpty());

    // given up on
    t.clock.advance(1000);
    const qint64 gaveUpAt = t.clock.nowMs();
    ASSERT_TRUE(succeeded(outbox.markFailed(queued[1].id, QStringLiteral("HTTP 404"), true)));
    auto failed = channels.deliveryState(QStringLiteral("ops"));
    ASSERT_TRUE(failed.ok());
    EXPECT_EQ(failed->pending, 1);
    EXPECT_EQ(failed->failed, 1);
    EXPECT_EQ(failed->lastAt, gaveUpAt);
    EXPECT_FALSE(failed->lastOk);
    EXPECT_EQ(failed->lastError, QStringLiteral("HTTP 404"));

    // the last one delivered: the last delivery went well, the one given up still counts
    t.clock.advance(1000);
    const qint64 lastAt = t.clock.nowMs();
    ASSERT_TRUE(succeeded(outbox.markDelivered(queued[2].id)));
    auto done = channels.deliveryState(QStringLiteral("ops"));
    ASSERT_TRUE(done.ok());
    EXPECT_EQ(done->pending, 0);
    EXPECT_EQ(done->failed, 1);
    EXPECT_EQ(done->lastAt, lastAt);
    EXPECT_TRUE(done->lastOk);
}

// One program at a time delivers a channel: its lease keeps the others out until it runs out.
TEST_P(ChannelsOn, OneOwnerAtATimeHoldsTheLease)
{
    constexpr qint64 kLease = 30000;
    ASSERT_TRUE(succeeded(channels.add(channelNamed(QStringLiteral("ops")))));
    std::unique_ptr<Database> other = openAgain();
    ASSERT_TRUE(other);
    ChannelStore otherChannels(*other, now()); // another program, on the same clock

    auto held = channels.claim(QStringLiteral("ops"), QStringLiteral("desktop"), kLease);
    ASSERT_TRUE(held.ok());
    EXPECT_TRUE(*held);
    auto refused = otherChannels.claim(QStringLiteral("ops"), QStringLiteral("daemon"), kLease);
    ASSERT_TRUE(refused.ok());
    EXPECT_FALSE(*refused);

    // renewed by its holder before it runs out, so still not the other's when the first would have
    t.clock.advance(kLease - 1000);
    EXPECT_FALSE(*otherChannels.claim(QStringLiteral("ops"), QStringLiteral("daemon"), kLease));
    EXPECT_TRUE(*channels.claim(QStringLiteral("ops"), QStringLiteral("desktop"), kLease));
    t.clock.advance(2000);
    EXPECT_FALSE(*otherChannels.claim(QStringLiteral("ops"), QStringLiteral("daemon"), kLease));

    // not renewed: once it runs out the other takes it, and the first is refused
    t.clock.advance(kLease);
    EXPECT_TRUE(*otherChannels.claim(QStringLiteral("ops"), QStringLiteral("daemon"), kLease));
    EXPECT_FALSE(*channels.claim(QStringLiteral("ops"), QStringLiteral("desktop"), kLease));

    // a release by someone who does not hold it changes nothing; by its holder, frees it at once
    ASSERT_TRUE(succeeded(channels.release(QStringLiteral("ops"), QStringLiteral("desktop"))));
    EXPECT_FALSE(*channels.claim(QStringLiteral("ops"), QStringLiteral("desktop"), kLease));
    ASSERT_TRUE(succeeded(otherChannels.release(QStringLiteral("ops"), QStringLiteral("daemon"))));
    EXPECT_TRUE(*channels.claim(QStringLiteral("ops"), QStringLiteral("desktop"), kLease));

    // a channel that does not exist is nobody's to deliver
    auto unknown = channels.claim(QStringLiteral("nope"), QStringLiteral("desktop"), kLease);
    ASSERT_TRUE(unknown.ok());
    EXPECT_FALSE(*unknown);
}

// A holder known to be gone (killed on this machine) need not be waited out.
TEST_P(ChannelsOn, AGoneOwnersLeaseIsTakenAtOnce)
{
    constexpr qint64 kLease = 30000;
    ASSERT_TRUE(succeeded(channels.add(channelNamed(QStringLiteral("ops")))));
    ASSERT_TRUE(*channels.claim(QStringLiteral("ops"), QStringLiteral("daemon@host:101"), kLease));

    QStringList asked;
    auto alive = [&](const QString &owner) {
        asked.append(owner);
        return false;
    };
    auto stillHeld = channels.claim(QStringLiteral("ops"), QStringLiteral("desktop@host:202"), kLease, alive);
    ASSERT_TRUE(stillHeld.ok());
    EXPECT_FALSE(*stillHeld);
    EXPECT_EQ(asked, QStringList{QStringLiteral("daemon@host:101")}); // asked about the holder

    auto gone = [&](const QString &owner) { return owner == QStringLiteral("daemon@host:101"); };
    auto taken = channels.claim(QStringLiteral("ops"), QStringLiteral("desktop@host:202"), kLease, gone);
    ASSERT_TRUE(taken.ok());
    EXPECT_TRUE(*taken);
    // and now the new holder's, whom the gone one (restarted) must wait for
    EXPECT_FALSE(*channels.claim(QStringLiteral("ops"), QStringLiteral("daemon@host:101"), kLease));
}
