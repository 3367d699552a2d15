// Per-user state on one history (issue 23, schema 12): on a team history each engineer's platforms of
// a tag, mutes and acknowledgements are their own, on both backends; a history upgraded from before
// keeps what its user muted and acknowledged as that user's, not everyone's.

#include "TempStore.h"
#include "history/RebuildClassifier.h"
#include "registry/ManifestParser.h"
#include "store/ChannelStore.h"
#include "store/NoticeOutbox.h"

#include <QSqlQuery>

#include <gtest/gtest.h>

using namespace RebuildRadar;
using namespace RebuildRadar::Test;

namespace {

const QString kAmd = QStringLiteral("linux/amd64");
const QString kArm = QStringLiteral("linux/arm64");

Observation seen(qint64 tagId, qint64 at, const QByteArray &build)
{
    return buildSeen(tagId, at, build, {kAmd, kArm});
}

WatchedTag rowOf(HistoryStore &store, qint64 tagId)
{
    auto rows = store.watchlist();
    EXPECT_TRUE(rows.ok());
    for (const WatchedTag &t : *rows) {
        if (t.id == tagId)
            return t;
    }
    ADD_FAILURE() << "no row for tag " << tagId;
    return {};
}

class UserStateOn : public testing::TestWithParam<Backend>
{
protected:
    void SetUp() override
    {
        auto ref = ImageReference::parse(QStringLiteral("python:3.13"));
        // the tag as it is watched: amd64 only, the platforms everyone sees until they choose theirs
        ASSERT_TRUE(alice.addWatches({WatchRequest{*ref, 3600, QStringList{kAmd}, 0}}).ok());
        tagId = (*alice.tag(ref->tagReference()))->id;
        ASSERT_TRUE(t.store->record({seen(tagId, 1000, "1")}, classifyRebuild).ok());
    }
    qint64 rebuild(const QByteArray &build)
    {
        t.clock.advance(60000);
        auto r = t.store->record({seen(tagId, t.clock.nowMs(), build)}, classifyRebuild);
        EXPECT_TRUE(r.ok() && r->size() == 1);
        return r && !r->isEmpty() ? r->first().id : 0;
    }

    TempStore t{GetParam()};
    HistoryStore alice{*t.db, [this] { return t.clock.nowMs(); }, QStringLiteral("alice")};
    HistoryStore bob{*t.db, [this] { return t.clock.nowMs(); }, QStringLiteral("bob")};
    HistoryStore carol{*t.db, [this] { return t.clock.nowMs(); }, QStringLiteral("carol")};
    qint64 tagId = 0;
};

} // namespace

INSTANTIATE_TEST_SUITE_P(Backends, UserStateOn, testing::Values(Backend::SQLite, Backend::PostgreSQL),
                         [](const testing::TestParamInfo<Backend> &backend) {
                             return PrintToString(backend.param);
                         });

TEST_P(UserStateOn, EachUserKeepsTheirOwnPlatformsAndMutes)
{
    auto ref = ImageReference::parse(QStringLiteral("python:3.13"));
    // bob watches it again for arm64, and mutes it; alice wants every platform
    ASSERT_TRUE(bob.addWatches({WatchRequest{*ref, std::nullopt, QStringList{kArm}, 0}}).ok());
    ASSERT_TRUE(bob.setMuted({tagId}, true).ok());
    ASSERT_TRUE(alice.addWatches({WatchRequest{*ref, std::nullopt, QStringList{}, 0}}).ok());

    EXPECT_EQ(rowOf(bob, tagId).platforms, QStringList{kArm});
    EXPECT_TRUE(rowOf(bob, tagId).muted);
    EXPECT_TRUE(rowOf(alice, tagId).platforms.isEmpty()); // all
    EXPECT_FALSE(rowOf(alice, tagId).muted);
    // carol chose nothing: the tag's platforms, not muted
    EXPECT_EQ(rowOf(carol, tagId).platforms, QStringList{kAmd});
    EXPECT_FALSE(rowOf(carol, tagId).muted);
    auto carolsTag = carol.tagById(tagId);
    ASSERT_TRUE(carolsTag.ok() && carolsTag->has_value());
    EXPECT_EQ((*carolsTag)->platforms, QStringList{kAmd});
    EXPECT_FALSE((*carolsTag)->muted);
    EXPECT_TRUE((*bob.tag(ref->tagReference()))->muted);
    // unmuting is bob's too
    ASSERT_TRUE(bob.setMuted({tagId}, false).ok());
    EXPECT_FALSE(rowOf(bob, tagId).muted);
    EXPECT_EQ(rowOf(bob, tagId).platforms, QStringList{kArm}); // his platforms stay
}

TEST_P(UserStateOn, EachUserAcknowledgesForThemselves)
{
    const qint64 first = rebuild("2");
    rebuild("3");
    for (HistoryStore *user : {&alice, &bob, &carol})
        EXPECT_EQ(rowOf(*user, tagId).unacknowledged, 2);
    ASSERT_TRUE(alice.acknowledgeTag(tagId).ok());
    ASSERT_TRUE(bob.acknowledge({first}).ok());

    EXPECT_EQ(rowOf(alice, tagId).unacknowledged, 0);
    EXPECT_EQ(rowOf(bob, tagId).unacknowledged, 1);
    EXPECT_EQ(rowOf(carol, tagId).unacknowledged, 2);
    auto history = [&](HistoryStore &user) {
        QList<bool> acknowledged;
        const auto read = user.history(tagId);
        EXPECT_TRUE(read.ok());
        for (const Rebuild &r : read->rebuilds)
            acknowledged.append(r.acknowledged);
        return acknowledged;
    };
    EXPECT_EQ(history(alice), (QList<bool>{true, true}));
    EXPECT_EQ(history(bob), (QList<bool>{true, false}));
    EXPECT_EQ(history(carol), (QList<bool>{false, false}));
    EXPECT_EQ(bob.history(tagId)->tag.unacknowledged, 1);
    auto after = carol.rebuildsAfter(0, 10);
    ASSERT_TRUE(after.ok());
    ASSERT_EQ(after->size(), 2);
    EXPECT_FALSE(after->first().acknowledged);
    EXPECT_TRUE(bob.rebuildsAfter(0, 10)->first().acknowledged);

    // the counts kept for each user's watchlist follow a rebuild recorded by anyone
    rebuild("4");
    EXPECT_EQ(rowOf(alice, tagId).unacknowledged, 1);
    EXPECT_EQ(rowOf(bob, tagId).unacknowledged, 2);
    EXPECT_EQ(rowOf(carol, tagId).unacknowledged, 3);
    // and acknowledging twice changes nothing
    ASSERT_TRUE(alice.acknowledgeTag(tagId).ok());
    ASSERT_TRUE(alice.acknowledgeTag(tagId).ok());
    EXPECT_EQ(rowOf(alice, tagId).unacknowledged, 0);
    EXPECT_EQ(rowOf(carol, tagId).unacknowledged, 3);
}

// A channel follows the state of whoever added it, whichever program delivers it.
TEST_P(UserStateOn, AChannelRemembersWhoAddedIt)
{
    ChannelStore channels(*t.db, [] { return qint64(1); });
    NotifyChannel mine{QStringLiteral("mine"),
                       QStringLiteral("webhook"),
                       QStringLiteral("https://h.example/****"),
                       {},
                       {},
                       {},
                       0,
                       false,
                       QStringLiteral("file"),
                       0,
                       {}};
    NotifyChannel bobs = mine;
    bobs.name = QStringLiteral("bobs");
    bobs.addedBy = QStringLiteral("bob");
    ASSERT_TRUE(channels.add(mine).ok());
    ASSERT_TRUE(channels.add(bobs).ok());
    EXPECT_EQ((*channels.find(QStringLiteral("mine")))->addedBy, Database::userName());
    EXPECT_EQ((*channels.find(QStringLiteral("bobs")))->addedBy, QStringLiteral("bob"));
}

// A history from before schema 12 had one user's state: after the upgrade it is the state of the
// user who upgraded it (a file's owner), and of nobody else; the desktop's outbox is that user's.
TEST(UserState, AnUpgradedHistoryKeepsItsStateAsItsUsersOwn)
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("old.sqlite"));
    {
        QSqlDatabase raw = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("v11"));
        raw.setDatabaseName(path);
        ASSERT_TRUE(raw.open());
        QSqlQuery q(raw);
        ASSERT_TRUE(writeSchemaSteps(q, 11));
        for (const char *sql : {
                 "INSERT INTO tags (id, reference, registry, repository, tag, interval_seconds, added_at, "
                 "muted)"
                 " VALUES (1, 'docker.io/library/python:3.13', 'docker.io', 'library/python', '3.13', 60, 0, "
                 "1),"
                 " (2, 'docker.io/library/alpine:3', 'docker.io', 'library/alpine', '3', 60, 0, 0)",
                 "INSERT INTO spans (id, tag_id, digest, first_seen, last_seen, source)"
                 " VALUES (1, 2, 'sha256:a', 10, 20, 'poll'), (2, 2, 'sha256:b', 30, 40, 'poll'),"
                 " (3, 2, 'sha256:c', 50, 60, 'poll')",
                 "INSERT INTO rebuilds (id, tag_id, detected_at, from_digest, to_digest, platforms_changed,"
                 " platforms_added, platforms_removed, causes, acknowledged)"
                 " VALUES (1, 2, 30, 'sha256:a', 'sha256:b', '[]', '[]', '[]', '', 1),"
                 " (2, 2, 50, 'sha256:b', 'sha256:c', '[]', '[]', '[]', '', 0)",
                 "INSERT INTO outbox_cursors (consumer, last_rebuild_id) VALUES ('desktop', 2), ('daemon', "
                 "1)",
                 "INSERT INTO notices (consumer, tag_id, rebuild_id, kind, created_at)"
                 " VALUES ('desktop', 2, 2, 'started', 55)",
                 "INSERT INTO channels (name, kind, masked_url, events, secret_store, created_at)"
                 " VALUES ('ops', 'webhook', 'https://h.example/****', '[]', 'file', 1)",
             })
            ASSERT_TRUE(q.exec(QLatin1String(sql))) << sql;
        raw.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("v11"));

    auto db = Database::open(path);
    ASSERT_TRUE(db.ok()) << db.error().message.toStdString();
    EXPECT_EQ((*db)->schemaVersion(), 12);
    FakeClock clock;
    HistoryStore owner(**db, [&] { return clock.nowMs(); });
    HistoryStore colleague(
        **db, [&] { return clock.nowMs(); }, QStringLiteral("colleague-of-") + owner.user());
    EXPECT_EQ(owner.user(), Database::userName());
    EXPECT_TRUE(rowOf(owner, 1).muted);
    EXPECT_FALSE(rowOf(colleague, 1).muted);
    EXPECT_EQ(rowOf(owner, 2).unacknowledged, 1);
    EXPECT_EQ(rowOf(colleague, 2).unacknowledged, 2);
    EXPECT_EQ((*ChannelStore(**db, [] { return qint64(1); }).find(QStringLiteral("ops")))->addedBy,
              owner.user());
    // the desktop's notice waiting in the outbox is its user's now; the daemons' stays shared
    NoticeOutbox outbox(**db, [&] { return clock.nowMs(); });
    const QString desktop = Database::personalConsumer(QStringLiteral("desktop"), owner.user());
    auto pending = outbox.pending(desktop);
    ASSERT_TRUE(pending.ok());
    ASSERT_EQ(pending->size(), 1);
    EXPECT_EQ(pending->first().rebuildId, 2);
    QSqlQuery cursors((*db)->sql());
    ASSERT_TRUE(cursors.exec(QStringLiteral("SELECT consumer FROM outbox_cursors ORDER BY consumer")));
    QStringList consumers;
    while (cursors.next())
        consumers.append(cursors.value(0).toString());
    EXPECT_EQ(consumers, (QStringList{QStringLiteral("daemon"), desktop}));
}
