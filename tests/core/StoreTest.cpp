#include "TempStore.h"
#include "export/JsonShapes.h"
#include "history/RebuildClassifier.h"
#include "history/Rollouts.h"
#include "registry/Backfill.h"
#include "registry/ManifestParser.h"

#include <QCryptographicHash>
#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QProcess>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>

#include <gtest/gtest.h>

using namespace RebuildRadar;
using namespace RebuildRadar::Test;

namespace {

QString d(const char *seed)
{
    return sha256Digest(QByteArray(seed));
}

Observation ok(qint64 tagId, qint64 at, const QString &digest, QMap<QString, PlatformImage> platforms = {})
{
    TagState s;
    s.digest = digest;
    s.mediaType = MediaType::OciIndex;
    s.detailed = true;
    s.platforms = platforms.isEmpty()
                      ? QMap<QString, PlatformImage>{{QStringLiteral("linux/amd64"),
                                                      PlatformImage{sha256Digest(digest.toUtf8()), {}}}}
                      : platforms;
    return Observation{tagId, at, TagStatus::Ok, {}, s};
}

QByteArray fileHash(const QString &path)
{
    QFile f(path);
    f.open(QIODevice::ReadOnly);
    return QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256);
}

// Everything a history file holds, as text: its schema version, its schema and every row of every table.
QString dumpOf(const QString &path)
{
    QString out;
    {
        QSqlDatabase raw = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("dump"));
        raw.setDatabaseName(path);
        raw.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY"));
        if (!raw.open())
            return QStringLiteral("cannot open");
        QSqlQuery q(raw);
        q.exec(QStringLiteral("PRAGMA user_version"));
        q.next();
        out += QStringLiteral("version %1\n").arg(q.value(0).toInt());
        QStringList tables;
        q.exec(QStringLiteral("SELECT name, sql FROM sqlite_master ORDER BY name"));
        while (q.next()) {
            out += q.value(1).toString() + u'\n';
            if (q.value(1).toString().startsWith(QStringLiteral("CREATE TABLE")))
                tables.append(q.value(0).toString());
        }
        for (const QString &table : tables) {
            QSqlQuery rows(raw);
            rows.exec(QStringLiteral("SELECT * FROM \"%1\" ORDER BY rowid").arg(table));
            while (rows.next()) {
                QStringList values;
                for (int i = 0; i < rows.record().count(); ++i)
                    values.append(rows.value(i).toString());
                out += table + u':' + values.join(u'|') + u'\n';
            }
        }
        raw.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("dump"));
    return out;
}

int count(Database &db, const QString &sql)
{
    QSqlQuery q(db.sql());
    q.exec(sql);
    q.next();
    return q.value(0).toInt();
}

class HistoryStoreOn : public testing::TestWithParam<Backend>
{};

} // namespace

INSTANTIATE_TEST_SUITE_P(Backends, HistoryStoreOn, testing::Values(Backend::SQLite, Backend::PostgreSQL),
                         [](const testing::TestParamInfo<Backend> &backend) {
                             return PrintToString(backend.param);
                         });

TEST(Database, FreshFileIsWalAndCurrentSchema)
{
    TempStore t;
    ASSERT_TRUE(t.db);
    EXPECT_EQ(t.db->schemaVersion(), Database::kSchemaVersion);
    QSqlQuery q(t.db->sql());
    ASSERT_TRUE(q.exec(QStringLiteral("PRAGMA journal_mode")) && q.next());
    EXPECT_EQ(q.value(0).toString(), QStringLiteral("wal"));
    ASSERT_TRUE(q.exec(QStringLiteral("PRAGMA foreign_keys")) && q.next());
    EXPECT_EQ(q.value(0).toInt(), 1);
}

TEST(Database, MigratesEveryEarlierVersionKeepingDataAndACopy)
{
    for (int from = 1; from < Database::kSchemaVersion; ++from) {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("old.sqlite"));
        {
            QSqlDatabase raw = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("old"));
            raw.setDatabaseName(path);
            ASSERT_TRUE(raw.open());
            QSqlQuery q(raw);
            ASSERT_TRUE(writeSchemaSteps(q, from));
            ASSERT_TRUE(q.exec(QStringLiteral(
                "INSERT INTO tags (id, reference, registry, repository, tag, interval_seconds, added_at)"
                " VALUES (1, 'docker.io/library/python:3.13', 'docker.io', 'library/python', '3.13', 60, "
                "0)")));
            ASSERT_TRUE(q.exec(QStringLiteral(
                "INSERT INTO spans (id, tag_id, digest, media_type, first_seen, last_seen) "
                "VALUES (1, 1, 'sha256:x', 'application/vnd.oci.image.index.v1+json', 5, 9)")));
            ASSERT_TRUE(
                q.exec(QStringLiteral("INSERT INTO span_platforms (span_id, platform, digest) VALUES"
                                      " (1, 'linux/arm64', 'sha256:p2'), (1, 'linux/amd64', 'sha256:p1')")));
            ASSERT_TRUE(q.exec(QStringLiteral("UPDATE tags SET current_span_id = 1")));
            ASSERT_TRUE(q.exec(QStringLiteral(
                "INSERT INTO rebuilds (tag_id, detected_at, from_digest, to_digest, platforms_changed,"
                " platforms_added, platforms_removed, causes) VALUES (1, 5, 'sha256:w', 'sha256:x', '[]', "
                "'[]',"
                " '[]', '[{\"kind\":\"version\",\"detail\":\"3.13.7 to 3.13.8\"}]')")));
            if (from >= 5) { // as that version wrote a rebuild: its kind and the tag's total
                ASSERT_TRUE(q.exec(QStringLiteral("UPDATE rebuilds SET version_move = 1")));
                ASSERT_TRUE(q.exec(QStringLiteral("UPDATE tags SET rebuild_count = 1")));
            }
            if (from >= 6) { // as that version kept the current span's facts on the tag row
                ASSERT_TRUE(
                    q.exec(QStringLiteral("UPDATE tags SET current_digest = 'sha256:x', current_media_type ="
                                          " 'application/vnd.oci.image.index.v1+json', current_platforms = "
                                          "'linux/arm64,linux/amd64',"
                                          " last_rebuild_at = 5, silent_count = 0")));
            }
            raw.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("old"));
        const QString before = dumpOf(path);

        auto db = Database::open(path);
        ASSERT_TRUE(db.ok()) << db.error().message.toStdString();
        EXPECT_EQ((*db)->schemaVersion(), Database::kSchemaVersion);
        const QString backup = QStringLiteral("%1.v%2.bak").arg(path).arg(from);
        ASSERT_TRUE(QFile::exists(backup));
        // the copy holds what the file held (SQLite writes it, so it is not byte for byte the same file)
        EXPECT_EQ(dumpOf(backup).toStdString(), before.toStdString());
        HistoryStore store(**db, [] { return qint64(0); });
        auto tag = store.tag(QStringLiteral("docker.io/library/python:3.13"));
        ASSERT_TRUE(tag.ok() && tag->has_value());
        EXPECT_EQ((*tag)->currentDigest, QStringLiteral("sha256:x"));
        EXPECT_FALSE((*tag)->muted); // a column the migration added, with its default
        auto history = store.history(1);
        ASSERT_TRUE(history.ok() && history->spans.size() == 1);
        EXPECT_EQ(history->spans.first().lastSeen, 9); // the current span's last sighting carried over
        // counts the watchlist reads without scanning rebuilds: the total, and the version move
        auto listed = store.watchlist(false, 0);
        ASSERT_TRUE(listed.ok() && listed->size() == 1);
        EXPECT_EQ(listed->first().rebuildCount, 1);
        EXPECT_EQ(listed->first().rebuildsInPeriod, 1);
        EXPECT_EQ(listed->first().silentInPeriod, 0);
        // what the current span holds and the last rebuild, copied onto the tag row
        EXPECT_EQ(listed->first().currentMediaType, MediaType::OciIndex);
        EXPECT_EQ(listed->first().currentPlatforms,
                  (QStringList{QStringLiteral("linux/amd64"), QStringLiteral("linux/arm64")}));
        EXPECT_EQ(listed->first().lastRebuild, std::optional<qint64>(5));
        auto all = store.watchlist();
        ASSERT_TRUE(all.ok() && all->size() == 1);
        EXPECT_EQ(all->first().rebuildsInPeriod, 1);
        EXPECT_EQ(all->first().silentInPeriod, 0);
    }
}

TEST(Database, NewerSchemaIsRefusedAndLeftUntouched)
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("future.sqlite"));
    {
        auto db = Database::open(path);
        ASSERT_TRUE(db.ok());
        QSqlQuery q((*db)->sql());
        ASSERT_TRUE(q.exec(QStringLiteral("PRAGMA user_version = 99")));
        q.exec(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)"));
    }
    const QByteArray before = fileHash(path);
    auto refused = Database::open(path);
    ASSERT_FALSE(refused.ok());
    EXPECT_TRUE(refused.error().message.contains(QStringLiteral("newer")))
        << refused.error().message.toStdString();
    EXPECT_EQ(fileHash(path), before);
}

TEST(Database, CorruptFilesAreRefusedAndNeverOverwritten)
{
    QTemporaryDir dir;
    const QString garbage = dir.filePath(QStringLiteral("garbage.sqlite"));
    {
        QFile f(garbage);
        f.open(QIODevice::WriteOnly);
        f.write(QByteArray(8192, 'x'));
    }
    const QByteArray before = fileHash(garbage);
    auto refused = Database::open(garbage);
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(fileHash(garbage), before);

    // A real database with a damaged page in the middle.
    const QString damaged = dir.filePath(QStringLiteral("damaged.sqlite"));
    {
        TempStore t;
        for (int i = 0; i < 300; ++i)
            t.watch(QStringLiteral("ghcr.io/o/app%1:tag").arg(i));
        QSqlQuery q(t.db->sql());
        q.exec(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)"));
        t.db.reset();
        QFile::copy(t.path(), damaged);
    }
    {
        QFile f(damaged);
        ASSERT_TRUE(f.open(QIODevice::ReadWrite));
        ASSERT_GT(f.size(), 4096 * 4);
        // damage the b-tree pages after the schema page: headers and cells
        for (qint64 page = 1; page * 4096 < f.size() - 4096; page += 2) {
            f.seek(page * 4096);
            f.write(QByteArray(64, '\xA5'));
        }
    }
    const QByteArray damagedBefore = fileHash(damaged);
    auto refusedDamaged = Database::open(damaged);
    ASSERT_FALSE(refusedDamaged.ok());
    EXPECT_EQ(fileHash(damaged), damagedBefore);
}

TEST_P(HistoryStoreOn, AddIsAllOrNothingAndKeepsPins)
{
    TempStore t(GetParam());
    auto good = ImageReference::parse(QStringLiteral("python:3.13@sha256:") + QString(64, u'c')).value();
    auto digestOnly = ImageReference::parse(QStringLiteral("python@sha256:") + QString(64, u'c')).value();
    EXPECT_FALSE(
        t.store->addWatches({WatchRequest{good, {}, {}, 0}, WatchRequest{digestOnly, {}, {}, 0}}).ok());
    EXPECT_TRUE(t.store->watchlist()->isEmpty());
    ASSERT_TRUE(t.store->addWatches({WatchRequest{good, {}, {}, 0}}).ok());
    auto list = t.store->watchlist();
    ASSERT_EQ(list->size(), 1);
    EXPECT_EQ(list->first().reference, QStringLiteral("docker.io/library/python:3.13"));
    EXPECT_EQ(list->first().pinnedDigest, good.digest());
    EXPECT_EQ(list->first().intervalSeconds, HistoryStore::kDefaultIntervalSeconds);
    // adding again with an interval updates it, and is not an error
    ASSERT_TRUE(t.store->addWatches({WatchRequest{good.withoutDigest(), 120, {}, 0}}).ok());
    EXPECT_EQ(t.store->watchlist()->first().intervalSeconds, 120);
    EXPECT_EQ(t.store->watchlist()->first().pinnedDigest, good.digest());
}

// Unchanged tags are written together at the end of a batch; a sighting in the same batch as the
// tag's next digest still ends up on the span it belongs to, and many tags in one batch all grow.
TEST_P(HistoryStoreOn, ABatchKeepsEverySightingWhateverItsOrder)
{
    TempStore t(GetParam());
    const qint64 id = t.watch(QStringLiteral("python:3.13"));
    QList<qint64> many;
    for (int i = 0; i < 600; ++i) // more than one statement's worth
        many.append(t.watch(QStringLiteral("ghcr.io/o/app%1:tag").arg(i)));
    QList<Observation> first{ok(id, 1000, d("a"))};
    for (qint64 other : many)
        first.append(ok(other, 1000, d("x")));
    ASSERT_TRUE(t.store->record(first, classifyRebuild).ok());

    QList<Observation> batch{ok(id, 2000, d("a")), ok(id, 3000, d("b"))};
    for (qint64 other : many)
        batch.append(ok(other, 2500, d("x")));
    auto rebuilds = t.store->record(batch, classifyRebuild);
    ASSERT_TRUE(rebuilds.ok()) << rebuilds.error().message.toStdString();
    ASSERT_EQ(rebuilds->size(), 1);
    auto h = t.store->history(id);
    ASSERT_TRUE(h.ok() && h->spans.size() == 2);
    EXPECT_EQ(h->spans[0].lastSeen, 2000); // the sighting before the move, on the old span
    EXPECT_EQ(h->spans[1].firstSeen, 3000);
    EXPECT_EQ(count(*t.db, QStringLiteral("SELECT COUNT(*) FROM tags WHERE last_checked = 2500")), 600);
    EXPECT_EQ(count(*t.db, QStringLiteral("SELECT COUNT(*) FROM tags WHERE current_seen = 2500")), 600);
}

TEST_P(HistoryStoreOn, SpansExtendOpenAndRevert)
{
    TempStore t(GetParam());
    const qint64 id = t.watch(QStringLiteral("python:3.13"));
    ASSERT_TRUE(t.store->record({ok(id, 1000, d("a"))}, classifyRebuild).ok());
    auto rebuilds = t.store->record({ok(id, 2000, d("a"))}, classifyRebuild);
    ASSERT_TRUE(rebuilds.ok());
    EXPECT_TRUE(rebuilds->isEmpty()); // the first digest was a baseline, the second check extends it
    rebuilds = t.store->record({ok(id, 3000, d("b"))}, classifyRebuild);
    ASSERT_EQ(rebuilds->size(), 1);
    EXPECT_EQ(rebuilds->first().from, d("a"));
    EXPECT_EQ(rebuilds->first().to, d("b"));
    rebuilds = t.store->record({ok(id, 4000, d("a"))}, classifyRebuild);
    ASSERT_EQ(rebuilds->size(), 1);
    EXPECT_TRUE(rebuilds->first().hasCause(CauseKind::Revert));

    auto h = t.store->history(id);
    ASSERT_TRUE(h.ok());
    ASSERT_EQ(h->spans.size(), 3);
    EXPECT_EQ(h->spans[0].digest, d("a"));
    EXPECT_EQ(h->spans[0].firstSeen, 1000);
    EXPECT_EQ(h->spans[0].lastSeen, 2000);
    EXPECT_EQ(h->spans[1].digest, d("b"));
    EXPECT_EQ(h->spans[2].digest, d("a"));
    EXPECT_EQ(h->spans[2].firstSeen, 4000);
    EXPECT_EQ(h->rebuilds.size(), 2);
    EXPECT_EQ(h->tag.currentDigest, d("a"));
    // grows with distinct digests, not with polls
    for (int i = 0; i < 50; ++i)
        ASSERT_TRUE(t.store->record({ok(id, 5000 + i, d("a"))}, classifyRebuild).ok());
    EXPECT_EQ(count(*t.db, QStringLiteral("SELECT COUNT(*) FROM spans")), 3);
}

TEST_P(HistoryStoreOn, FailuresKeepHistoryAndTagReturns)
{
    TempStore t(GetParam());
    const qint64 id = t.watch(QStringLiteral("python:3.13"));
    ASSERT_TRUE(t.store->record({ok(id, 1000, d("a"))}, classifyRebuild).ok());
    ASSERT_TRUE(
        t.store
            ->record({Observation{id, 2000, TagStatus::NotFound, QStringLiteral("gone"), std::nullopt}},
                     classifyRebuild)
            .ok());
    auto tag = t.store->tagById(id);
    EXPECT_EQ((*tag)->status, TagStatus::NotFound);
    EXPECT_EQ((*tag)->lastError, QStringLiteral("gone"));
    EXPECT_EQ((*tag)->currentDigest, d("a"));
    EXPECT_EQ(t.store->history(id)->spans.size(), 1);
    ASSERT_TRUE(t.store->record({ok(id, 3000, d("a"))}, classifyRebuild).ok());
    tag = t.store->tagById(id);
    EXPECT_EQ((*tag)->status, TagStatus::Ok);
    EXPECT_TRUE((*tag)->lastError.isEmpty());
    EXPECT_EQ(t.store->history(id)->spans.first().lastSeen, 3000);
}

TEST_P(HistoryStoreOn, RemovedTagsKeepTheirHistory)
{
    TempStore t(GetParam());
    const qint64 id = t.watch(QStringLiteral("python:3.13"));
    ASSERT_TRUE(t.store->record({ok(id, 1000, d("a"))}, classifyRebuild).ok());
    EXPECT_FALSE(t.store
                     ->removeWatches({QStringLiteral("docker.io/library/python:3.13"),
                                      QStringLiteral("docker.io/library/nope:1")})
                     .ok());
    EXPECT_EQ(t.store->watchlist()->size(), 1); // nothing removed
    ASSERT_TRUE(t.store->removeWatches({QStringLiteral("docker.io/library/python:3.13")}).ok());
    EXPECT_TRUE(t.store->watchlist()->isEmpty());
    auto tag = t.store->tag(QStringLiteral("docker.io/library/python:3.13"));
    ASSERT_TRUE(tag->has_value());
    EXPECT_EQ(t.store->history((*tag)->id)->spans.size(), 1);
}

TEST_P(HistoryStoreOn, AliasesAndVersionMoves)
{
    TempStore t(GetParam());
    const qint64 floating = t.watch(QStringLiteral("python:3.13"));
    const qint64 old = t.watch(QStringLiteral("python:3.13.8"));
    const qint64 latest = t.watch(QStringLiteral("python:latest"));
    ASSERT_TRUE(t.store
                    ->record({ok(floating, 1000, d("a")), ok(old, 1000, d("a")), ok(latest, 1000, d("z"))},
                             classifyRebuild)
                    .ok());
    auto list = t.store->watchlist();
    for (const WatchedTag &tag : *list) {
        if (tag.id == floating) {
            EXPECT_EQ(tag.aliases, QStringList{QStringLiteral("3.13.8")});
        }
        if (tag.id == latest) {
            EXPECT_TRUE(tag.aliases.isEmpty());
        }
    }
    // 3.13.9 is released: the floating tag moves to it; a specific tag seen in the same sweep tells the
    // version.
    const qint64 next = t.watch(QStringLiteral("python:3.13.9"));
    auto rebuilds = t.store->record(
        {ok(floating, 2000, d("b")), ok(next, 2000, d("b")), ok(old, 2000, d("a"))}, classifyRebuild);
    ASSERT_TRUE(rebuilds.ok());
    ASSERT_EQ(rebuilds->size(), 1);
    EXPECT_TRUE(rebuilds->first().hasCause(CauseKind::Version));
    EXPECT_TRUE(rebuilds->first().causes.first().detail.contains(QStringLiteral("3.13.8")));
    EXPECT_TRUE(rebuilds->first().causes.first().detail.contains(QStringLiteral("3.13.9")));

    // 3.13.9 is silently rebuilt: both move together; not a version move.
    rebuilds = t.store->record({ok(floating, 3000, d("c")), ok(next, 3000, d("c"))}, classifyRebuild);
    ASSERT_EQ(rebuilds->size(), 2);
    for (const Rebuild &r : *rebuilds)
        EXPECT_FALSE(r.hasCause(CauseKind::Version));
}

TEST_P(HistoryStoreOn, RowsAroundATagAreItsRepositorysWithAliases)
{
    TempStore t(GetParam());
    const qint64 floating = t.watch(QStringLiteral("python:3.13"));
    const qint64 specific = t.watch(QStringLiteral("python:3.13.8"));
    t.watch(QStringLiteral("alpine:3"));
    ASSERT_TRUE(
        t.store->record({ok(floating, 1000, d("a")), ok(specific, 1000, d("a"))}, classifyRebuild).ok());
    auto rows = t.store->watchlistAround({specific});
    ASSERT_TRUE(rows.ok());
    ASSERT_EQ(rows->size(), 2); // python's tags, not alpine's
    for (const WatchedTag &tag : *rows) {
        EXPECT_EQ(tag.repository, QStringLiteral("library/python"));
        EXPECT_EQ(tag.aliases.size(), 1); // each other's alias
    }
    EXPECT_TRUE(t.store->watchlistAround({})->isEmpty());
}

TEST_P(HistoryStoreOn, WatchlistRowsFollowEveryChangeAndCountThePeriod)
{
    TempStore t(GetParam());
    const qint64 floating = t.watch(QStringLiteral("python:3.13"));
    const qint64 specific = t.watch(QStringLiteral("python:3.13.9"));
    const qint64 older = t.watch(QStringLiteral("python:3.13.8"));
    const qint64 other = t.watch(QStringLiteral("alpine:3"));
    const PlatformImage arm{d("arm"), {}};
    const PlatformImage amd{d("amd"), {}};
    ASSERT_TRUE(t.store
                    ->record({ok(floating, 1000, d("a")), ok(older, 1000, d("a")), ok(other, 1000, d("x"))},
                             classifyRebuild)
                    .ok());
    // a version move at 2000 (from 3.13.8's digest to 3.13.9's), a silent rebuild of both at 5000
    auto moved = t.store->record({ok(floating, 2000, d("b")), ok(specific, 2000, d("b"))}, classifyRebuild);
    ASSERT_TRUE(moved.ok() && moved->size() == 1);
    ASSERT_TRUE(moved->first().hasCause(CauseKind::Version));
    auto silent =
        t.store->record({ok(floating, 5000, d("c"),
                            {{QStringLiteral("linux/arm64"), arm}, {QStringLiteral("linux/amd64"), amd}}),
                         ok(specific, 5000, d("c"))},
                        classifyRebuild);
    ASSERT_TRUE(silent.ok() && silent->size() == 2);
    // a published history older than our polling: v→w at 300, and w→x when polling began (1000)
    auto past = t.store->backfill(
        other, QStringLiteral("registry"),
        {PastDigest{d("v"), 100, 300}, PastDigest{d("w"), 300, 600}, PastDigest{d("x"), 600, {}}});
    ASSERT_TRUE(past.ok());

    struct Expected
    {
        QString digest;
        QStringList platforms;
        std::optional<qint64> lastRebuild;
        int total, silentTotal, sinceThree, silentSinceThree;
    };
    const QStringList amd64{QStringLiteral("linux/amd64")};
    const QHash<qint64, Expected> expected{
        {floating,
         {d("c"), {QStringLiteral("linux/amd64"), QStringLiteral("linux/arm64")}, 5000, 2, 1, 1, 1}},
        {specific, {d("c"), amd64, 5000, 1, 1, 1, 1}},
        {older, {d("a"), amd64, std::nullopt, 0, 0, 0, 0}},
        {other, {d("x"), amd64, 1000, 2, 2, 0, 0}},
    };
    // the whole watchlist and the rows around a tag count the same, with and without a period
    for (const std::optional<qint64> since : {std::optional<qint64>(), std::optional<qint64>(3000)}) {
        auto whole = t.store->watchlist(false, since);
        auto around = t.store->watchlistAround({floating, other}, since);
        ASSERT_TRUE(whole.ok() && around.ok());
        ASSERT_EQ(whole->size(), 4);
        ASSERT_EQ(around->size(), 4);
        for (const QList<WatchedTag> &rows : {*whole, *around}) {
            for (const WatchedTag &tag : rows) {
                SCOPED_TRACE(tag.reference.toStdString());
                const Expected &e = expected[tag.id];
                EXPECT_EQ(tag.currentDigest, e.digest);
                EXPECT_EQ(tag.currentMediaType, MediaType::OciIndex);
                EXPECT_EQ(tag.currentPlatforms, e.platforms);
                EXPECT_EQ(tag.lastRebuild, e.lastRebuild);
                EXPECT_EQ(tag.rebuildCount, e.total);
                EXPECT_EQ(tag.rebuildsInPeriod, since ? e.sinceThree : e.total);
                EXPECT_EQ(tag.silentInPeriod, since ? e.silentSinceThree : e.silentTotal);
            }
        }
    }
}

TEST_P(HistoryStoreOn, SecondConnectionReadsWhileOneWrites)
{
    TempStore t(GetParam());
    const qint64 id = t.watch(QStringLiteral("python:3.13"));
    auto other = Database::open(t.path());
    ASSERT_TRUE(other.ok());
    HistoryStore second(**other, [] { return qint64(0); });
    ASSERT_TRUE(t.store->record({ok(id, 1000, d("a"))}, classifyRebuild).ok());
    EXPECT_EQ((*second.tagById(id))->currentDigest, d("a"));
    ASSERT_TRUE(second.record({ok(id, 2000, d("b"))}, classifyRebuild).ok());
    EXPECT_EQ((*t.store->tagById(id))->currentDigest, d("b"));
}

TEST_P(HistoryStoreOn, ConcurrentWriterProcesses)
{
    QTemporaryDir dir;
    const QString path = GetParam() == Backend::PostgreSQL ? LocalPostgres::shared().createDatabase()
                                                           : dir.filePath(QStringLiteral("shared.sqlite"));
    ASSERT_TRUE(Database::open(path).ok());
    QProcess a;
    QProcess b;
    a.start(QStringLiteral(REBUILDRADAR_STORE_WRITER), {path, QStringLiteral("a"), QStringLiteral("40")});
    b.start(QStringLiteral(REBUILDRADAR_STORE_WRITER), {path, QStringLiteral("b"), QStringLiteral("40")});
    ASSERT_TRUE(a.waitForFinished(60000));
    ASSERT_TRUE(b.waitForFinished(60000));
    EXPECT_EQ(a.exitCode(), 0) << a.readAllStandardError().toStdString();
    EXPECT_EQ(b.exitCode(), 0) << b.readAllStandardError().toStdString();
    auto db = Database::open(path);
    ASSERT_TRUE(db.ok());
    EXPECT_EQ(count(**db, QStringLiteral("SELECT COUNT(*) FROM spans")), 2 * 20 * 40);
    EXPECT_EQ(count(**db, QStringLiteral("SELECT COUNT(*) FROM rebuilds")), 2 * 20 * 39);
}

TEST_P(HistoryStoreOn, KillNineNeverLosesACommittedBatch)
{
    for (int round = 0; round < 3; ++round) {
        QTemporaryDir dir;
        const QString path = GetParam() == Backend::PostgreSQL ? LocalPostgres::shared().createDatabase()
                                                               : dir.filePath(QStringLiteral("crash.sqlite"));
        QProcess writer;
        writer.start(QStringLiteral(REBUILDRADAR_STORE_WRITER),
                     {path, QStringLiteral("w"), QStringLiteral("100000")});
        ASSERT_TRUE(writer.waitForStarted());
        int committed = 0;
        const int killAfter = 5 + round * 17;
        while (committed < killAfter && writer.waitForReadyRead(30000)) {
            while (writer.canReadLine()) {
                const QByteArray line = writer.readLine().trimmed();
                if (line.startsWith("committed "))
                    committed = line.mid(10).toInt();
            }
        }
        ASSERT_GE(committed, killAfter);
        writer.kill(); // SIGKILL, mid-batch most likely
        writer.waitForFinished();
        // anything it said before dying was committed
        while (writer.canReadLine()) {
            const QByteArray line = writer.readLine().trimmed();
            if (line.startsWith("committed "))
                committed = line.mid(10).toInt();
        }
        auto db = Database::open(path); // runs integrity_check
        ASSERT_TRUE(db.ok()) << db.error().message.toStdString();
        if (GetParam() == Backend::SQLite) {
            QSqlQuery q((*db)->sql());
            ASSERT_TRUE(q.exec(QStringLiteral("PRAGMA integrity_check")) && q.next());
            EXPECT_EQ(q.value(0).toString(), QStringLiteral("ok"));
        }
        EXPECT_GE(count(**db, QStringLiteral("SELECT COUNT(*) FROM spans")), committed * 20);
        // every batch is whole: spans come in multiples of the batch size
        EXPECT_EQ(count(**db, QStringLiteral("SELECT COUNT(*) FROM spans")) % 20, 0);
    }
}

// What SQLite reports reaches users in its own words, named for what it is, without Qt's driver text.
TEST(Database, SqlErrorsSayWhatWentWrong)
{
    auto error = [](const char *databaseText, const char *code) {
        return sqlError(QStringLiteral("cannot record a check"),
                        QSqlError(QStringLiteral("Unable to fetch row"), QString::fromLatin1(databaseText),
                                  QSqlError::StatementError, QString::fromLatin1(code)));
    };
    const Error full = error("database or disk is full", "13");
    EXPECT_EQ(full.code, ErrorCode::Io);
    EXPECT_TRUE(full.message.contains(QStringLiteral("disk is full"))) << full.message.toStdString();
    EXPECT_TRUE(full.message.contains(QStringLiteral("nothing was written")));
    const Error io = error("disk I/O error", "778"); // SQLITE_IOERR_WRITE, an extended code
    EXPECT_EQ(io.code, ErrorCode::Io);
    EXPECT_TRUE(io.message.contains(QStringLiteral("could not be read or written")))
        << io.message.toStdString();
    EXPECT_TRUE(
        error("attempt to write a readonly database", "8").message.contains(QStringLiteral("read-only")));
    EXPECT_TRUE(error("database is locked", "5").message.contains(QStringLiteral("busy")));
    EXPECT_TRUE(error("database disk image is malformed", "11").message.contains(QStringLiteral("damaged")));
    for (const Error &e : {full, io, error("no such table: x", "1")})
        EXPECT_FALSE(e.message.contains(QStringLiteral("Unable to fetch row"))) << e.message.toStdString();
}

// "Watch selected" from a scan must not reset what the user set for a tag watched already.
TEST_P(HistoryStoreOn, AddingWhatIsWatchedAlreadyCanKeepItsSettings)
{
    TempStore t(GetParam());
    const qint64 id = t.watch(QStringLiteral("python:3.13"), 15 * 60);
    auto python = *ImageReference::parse(QStringLiteral("python:3.13"));
    auto alpine = *ImageReference::parse(QStringLiteral("alpine:3"));
    ASSERT_TRUE(
        t.store
            ->addWatches({WatchRequest{python, 6 * 3600, QStringList{QStringLiteral("linux/amd64")}, 0, true},
                          WatchRequest{alpine, 6 * 3600, std::nullopt, 0, true}})
            .ok());
    EXPECT_EQ((*t.store->tagById(id))->intervalSeconds, 15 * 60);
    EXPECT_TRUE((*t.store->tagById(id))->platforms.isEmpty());
    EXPECT_EQ((*t.store->tag(alpine.tagReference()))->intervalSeconds, 6 * 3600); // a new one takes it
    // an explicit change (the Add dialog, `watch add --every`) still applies
    ASSERT_TRUE(t.store->addWatches({WatchRequest{python, 3600, std::nullopt, 0}}).ok());
    EXPECT_EQ((*t.store->tagById(id))->intervalSeconds, 3600);
}

// Build 1, 2, 3 … of a tag: its digests in order of first sighting; one it points to again keeps its
// number; a digest imported from before the first poll comes first; a period does not renumber.
TEST_P(HistoryStoreOn, DigestsAreNumberedAsBuilds)
{
    TempStore t(GetParam());
    const qint64 id = t.watch(QStringLiteral("python:3.13"));
    for (const auto &[at, seed] : {std::pair{1000, "a"}, {2000, "b"}, {3000, "a"}, {4000, "c"}})
        ASSERT_TRUE(t.store->record({ok(id, at, d(seed))}, classifyRebuild).ok());
    auto builds = [&](std::optional<qint64> since = {}) {
        QList<int> out;
        const auto history = t.store->history(id, since);
        for (const Span &s : history->spans)
            out.append(s.build);
        return out;
    };
    EXPECT_EQ(builds(), (QList<int>{1, 2, 1, 3}));
    EXPECT_EQ(builds(4500), (QList<int>{3})); // a later period shows build 3, not build 1
    ASSERT_TRUE(t.store->backfill(id, QStringLiteral("quay"), {PastDigest{d("z"), 10, 900}}).ok());
    EXPECT_EQ(builds(), (QList<int>{1, 2, 3, 2, 4}));
    // history --json says it per digest
    const QJsonArray digests = historyJson(*t.store->history(id), kDefaultRolloutWindowMs)
                                   .value(QStringLiteral("digests"))
                                   .toArray();
    ASSERT_EQ(digests.size(), 5);
    EXPECT_EQ(digests.last()[QStringLiteral("build")].toInt(), 4);
    EXPECT_EQ(digests.first()[QStringLiteral("build")].toInt(), 1);
}

// The watchlist's rows carry the current digest's build number (as history() numbers it) and the
// rebuilds checked since the last acknowledged one; a past imported from a tag history asks for no
// attention, acknowledging the tag clears it, and watch list --json says the build.
TEST_P(HistoryStoreOn, WatchlistRowsCarryTheBuildAndTheUnacknowledgedRebuilds)
{
    TempStore t(GetParam());
    const qint64 id = t.watch(QStringLiteral("python:3.13"));
    const qint64 other = t.watch(QStringLiteral("alpine:3"));
    ASSERT_TRUE(t.store->record({ok(id, 1000, d("a")), ok(other, 1000, d("x"))}, classifyRebuild).ok());
    ASSERT_TRUE(t.store->backfill(id, QStringLiteral("quay"), {PastDigest{d("z"), 10, 900}}).ok());
    auto row = [&](qint64 tag) {
        const auto rows = t.store->watchlist();
        for (const WatchedTag &w : *rows) {
            if (w.id == tag)
                return w;
        }
        return WatchedTag{};
    };
    EXPECT_EQ(row(id).currentBuild, 2); // the imported digest is build 1
    EXPECT_EQ(row(id).unacknowledged, 0);
    EXPECT_FALSE(row(id).needsAttention());
    ASSERT_TRUE(t.store->record({ok(id, 2000, d("b"))}, classifyRebuild).ok());
    ASSERT_TRUE(t.store->record({ok(id, 3000, d("c"))}, classifyRebuild).ok());
    EXPECT_EQ(row(id).currentBuild, 4);
    EXPECT_EQ(row(id).unacknowledged, 2);
    EXPECT_TRUE(row(id).needsAttention());
    EXPECT_EQ(row(other).unacknowledged, 0);
    // the rows around a tag say the same, and so does its history
    const auto around = t.store->watchlistAround({id});
    ASSERT_EQ(around->size(), 1);
    EXPECT_EQ(around->first().currentBuild, 4);
    EXPECT_EQ(around->first().unacknowledged, 2);
    EXPECT_EQ(t.store->history(id)->tag.unacknowledged, 2);
    EXPECT_EQ(watchedTagJson(row(id))[QStringLiteral("build")].toInt(), 4);
    EXPECT_TRUE(watchedTagJson(WatchedTag{})[QStringLiteral("build")].isNull());

    ASSERT_TRUE(t.store->acknowledgeTag(id).ok());
    EXPECT_EQ(row(id).unacknowledged, 0);
    EXPECT_TRUE(t.store->history(id)->rebuilds.last().acknowledged);
    // a later rebuild needs attention again; so does one after a single acknowledged rebuild
    ASSERT_TRUE(t.store->record({ok(id, 4000, d("e"))}, classifyRebuild).ok());
    EXPECT_EQ(row(id).unacknowledged, 1);
    // a muted tag keeps its count but asks for no attention
    ASSERT_TRUE(t.store->setMuted({id}, true).ok());
    EXPECT_EQ(row(id).unacknowledged, 1);
    EXPECT_FALSE(row(id).needsAttention());
}

// The watchlist reads each tag's build number from its row and the user's unacknowledged rebuilds from
// the user's row (a watchlist of thousands reads no span or rebuild): writes mark the rows, the next
// full read works them out and keeps them.
TEST_P(HistoryStoreOn, TheWatchlistKeepsBuildsAndAttentionOnTheTagRows)
{
    TempStore t(GetParam());
    const qint64 id = t.watch(QStringLiteral("python:3.13"));
    auto column = [&](const char *name) {
        const QString table =
            QLatin1String(name) == u"current_build" ? QStringLiteral("tags") : QStringLiteral("user_tags");
        return count(*t.db, QStringLiteral("SELECT %1 FROM %2").arg(QLatin1String(name), table));
    };
    EXPECT_EQ(column("current_build"), -1); // nothing worked out yet
    ASSERT_TRUE(t.store->record({ok(id, 1000, d("a"))}, classifyRebuild).ok());
    t.clock.advance(10000);
    ASSERT_TRUE(t.store->record({ok(id, t.clock.nowMs(), d("b"))}, classifyRebuild).ok());
    EXPECT_EQ(column("current_build"), -1);
    auto rows = t.store->watchlist();
    ASSERT_TRUE(rows.ok());
    EXPECT_EQ(rows->first().currentBuild, 2);
    EXPECT_EQ(rows->first().unacknowledged, 1);
    EXPECT_EQ(column("current_build"), 2); // kept
    EXPECT_EQ(column("unacknowledged"), 1);
    ASSERT_TRUE(t.store->acknowledgeTag(id).ok());
    EXPECT_EQ(column("current_build"), 2);
    EXPECT_EQ(column("unacknowledged"), -1); // marked
    rows = t.store->watchlist();
    EXPECT_EQ(rows->first().currentBuild, 2);
    EXPECT_EQ(rows->first().unacknowledged, 0);
    EXPECT_EQ(column("unacknowledged"), 0);
}
