// `rebuildradar-cli migrate --from PATH --to URI` on a real PostgreSQL server: a personal history built
// through the store (rollouts over platforms, a family, a backfilled past, an acknowledged rebuild, a
// channel and its outbox) reads the same through the CLI on both sides after the copy; a second run
// changes nothing; the team database then records with fresh ids; and bad input (a URI that is not
// one, a password in it, a server that is not there, a missing source, a file that is not a history, a
// team database holding another history) is refused with a clear message, nothing written.

#include "CliRunner.h"
#include "TempStore.h"
#include "history/RebuildClassifier.h"
#include "registry/ManifestParser.h"
#include "store/ChannelStore.h"
#include "store/NoticeOutbox.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlQuery>

#include <gtest/gtest.h>

using namespace RebuildRadar;
using namespace RebuildRadar::Test;

namespace {

QString d(const char *seed)
{
    return sha256Digest(QByteArray(seed));
}

const QString kAmd = QStringLiteral("linux/amd64");
const QString kArm = QStringLiteral("linux/arm64");

Observation seen(qint64 tagId, qint64 at, const QString &digest, QMap<QString, QString> platforms = {})
{
    TagState s;
    s.digest = digest;
    s.mediaType = MediaType::OciIndex;
    s.detailed = true;
    if (platforms.isEmpty())
        platforms.insert(kAmd, sha256Digest(digest.toUtf8()));
    for (auto it = platforms.begin(); it != platforms.end(); ++it)
        s.platforms.insert(it.key(), PlatformImage{it.value(), {}});
    return Observation{tagId, at, TagStatus::Ok, {}, s};
}

QString databaseOf(const QString &uri)
{
    return uri.section(u'/', -1);
}

LocalPostgres &server()
{
    return runningPostgres();
}

const char *const kTables[] = {"families",         "tags",    "spans",    "span_platforms", "rebuilds",
                               "rebuild_packages", "notices", "channels", "outbox_cursors"};

// Rows per table of a team database, as psql counts them.
QString teamCounts(const QString &uri)
{
    QStringList counts;
    for (const char *table : kTables)
        counts.append(QString::fromLatin1(table) + u'=' +
                      server().psql(databaseOf(uri),
                                    QStringLiteral("SELECT COUNT(*) FROM %1").arg(QLatin1String(table))));
    return counts.join(u' ');
}

qint64 sourceValue(Database &db, const QString &sql)
{
    QSqlQuery q(db.sql());
    EXPECT_TRUE(q.exec(sql) && q.next()) << sql.toStdString();
    return q.value(0).toLongLong();
}

// The same, read from the personal history.
QString sourceCounts(Database &db)
{
    QStringList counts;
    for (const char *table : kTables)
        counts.append(QString::fromLatin1(table) + u'=' +
                      QString::number(sourceValue(
                          db, QStringLiteral("SELECT COUNT(*) FROM %1").arg(QLatin1String(table)))));
    return counts.join(u' ');
}

QString tablesIn(const QString &uri)
{
    return server().psql(databaseOf(uri), QStringLiteral("SELECT COUNT(*) FROM information_schema.tables"
                                                         " WHERE table_schema = 'public'"));
}

QByteArray fileHash(const QString &path)
{
    QFile f(path);
    f.open(QIODevice::ReadOnly);
    return QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256);
}

const QStringList kReferences{QStringLiteral("python:3.13"), QStringLiteral("alpine:3"),
                              QStringLiteral("node:22"), QStringLiteral("node:20")};

// A personal history with what a year of use leaves in it.
struct PersonalHistory
{
    PersonalHistory()
    {
        auto python = ImageReference::parse(QStringLiteral("python:3.13"));
        EXPECT_TRUE(t.store->addWatches({WatchRequest{*python, 3600, QStringList{kAmd, kArm}, 0}}).ok());
        pythonId = (*t.store->tag(python->tagReference()))->id;
        alpineId = t.watch(QStringLiteral("alpine:3"));
        NoticeOutbox outbox(*t.db, [] { return qint64(7000); });
        EXPECT_TRUE(outbox.registerConsumer(QStringLiteral("desktop")).ok());
        // python rolls out over its two platforms: amd64 first (started), then arm64 (complete)
        EXPECT_TRUE(t.store
                        ->record({seen(pythonId, 1000, d("a"), {{kAmd, d("a-amd")}, {kArm, d("a-arm")}}),
                                  seen(alpineId, 1000, d("x"))},
                                 classifyRebuild)
                        .ok());
        EXPECT_TRUE(t.store
                        ->record({seen(pythonId, 2000, d("b"), {{kAmd, d("b-amd")}, {kArm, d("a-arm")}})},
                                 classifyRebuild)
                        .ok());
        EXPECT_TRUE(t.store
                        ->record({seen(pythonId, 3000, d("c"), {{kAmd, d("b-amd")}, {kArm, d("b-arm")}})},
                                 classifyRebuild)
                        .ok());
        EXPECT_TRUE(t.store->record({seen(alpineId, 4000, d("y"))}, classifyRebuild).ok());
        // alpine's past, from a registry's tag history, before polling began
        EXPECT_TRUE(t.store->backfill(alpineId, QStringLiteral("quay"), {PastDigest{d("w"), 100, 900}}).ok());
        // a family of node tags
        auto family = t.store->addFamily(QStringLiteral("docker.io"), QStringLiteral("library/node"),
                                         QStringLiteral("^2[0-9]$"), 1800);
        EXPECT_TRUE(family.ok());
        EXPECT_TRUE(
            t.store->syncFamily(*family, {QStringLiteral("20"), QStringLiteral("22")}, 1800, 1500).ok());
        const qint64 node = (*t.store->tag(QStringLiteral("docker.io/library/node:22")))->id;
        EXPECT_TRUE(t.store->record({seen(node, 1600, d("n1"))}, classifyRebuild).ok());
        EXPECT_TRUE(t.store->record({seen(node, 2600, d("n2"))}, classifyRebuild).ok());
        // the first rollout was dealt with
        const auto history = t.store->history(pythonId);
        EXPECT_TRUE(t.store->acknowledge({history->rebuilds.first().id}).ok());
        // a channel, and the desktop's notices of the rebuilds
        NotifyChannel channel;
        channel.name = QStringLiteral("team");
        channel.kind = QStringLiteral("webhook");
        channel.maskedUrl = QStringLiteral("https://hooks.example/****");
        channel.events = {QStringLiteral("complete")};
        channel.secretStore = QStringLiteral("file");
        channel.createdAt = 500;
        EXPECT_TRUE(ChannelStore(*t.db, [] { return qint64(600); }).add(channel).ok());
        auto taken = outbox.takeNewRebuilds(QStringLiteral("desktop"), [](const QList<Rebuild> &rebuilds) {
            QList<QueuedNotice> notices;
            for (const Rebuild &r : rebuilds)
                notices.append(QueuedNotice{0, r.tagId, r.id, QStringLiteral("started")});
            return notices;
        });
        EXPECT_TRUE(taken.ok() && !taken->isEmpty());
    }
    QString path() const { return t.path(); }
    qint64 count(const char *table)
    {
        return sourceValue(*t.db, QStringLiteral("SELECT COUNT(*) FROM %1").arg(QLatin1String(table)));
    }
    qint64 newestRebuild() { return sourceValue(*t.db, QStringLiteral("SELECT MAX(id) FROM rebuilds")); }

    TempStore t;
    qint64 pythonId = 0;
    qint64 alpineId = 0;
};

QJsonDocument jsonOf(const CliRun &run)
{
    EXPECT_EQ(run.exitCode, 0) << run.err.toStdString();
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(run.out, &error);
    EXPECT_EQ(error.error, QJsonParseError::NoError) << run.out.toStdString();
    return doc;
}

} // namespace

TEST(Migrate, CopiesAPersonalHistoryIntoATeamDatabase)
{
    PersonalHistory personal;
    const QString uri = server().createDatabase();
    CliRunner cli;
    const CliRun copied = cli.run(
        {QStringLiteral("migrate"), QStringLiteral("--from"), personal.path(), QStringLiteral("--to"), uri});
    ASSERT_EQ(copied.exitCode, 0) << copied.err.toStdString() << copied.out.toStdString();
    EXPECT_TRUE(copied.out.contains("verified")) << copied.out.toStdString();
    // every table came whole (the personal history has rows in each but the package analyses)
    for (const char *table : kTables) {
        if (QLatin1String(table) != QLatin1String("rebuild_packages")) {
            EXPECT_GT(personal.count(table), 0) << table;
        }
    }
    EXPECT_EQ(personal.count("rebuilds"), 5); // python 2, node 1, alpine 1 and one from its imported past
    EXPECT_EQ(teamCounts(uri), sourceCounts(*personal.t.db));
    // the counts printed are the tables' rows
    EXPECT_TRUE(copied.out.contains(QStringLiteral("  %1 %2 %3")
                                        .arg(QStringLiteral("spans"), -18)
                                        .arg(personal.count("spans"), 10)
                                        .arg(personal.count("spans"), 10)
                                        .toUtf8()))
        << copied.out.toStdString();

    // every history and the watchlist read the same on both sides
    for (const QString &reference : kReferences) {
        const QJsonDocument here =
            jsonOf(cli.run({QStringLiteral("--db"), personal.path(), QStringLiteral("history"), reference,
                            QStringLiteral("--json")}));
        const QJsonDocument there = jsonOf(cli.run(
            {QStringLiteral("--db"), uri, QStringLiteral("history"), reference, QStringLiteral("--json")}));
        // node:20 joined with its family and was never resolved: an empty history, the same on both
        EXPECT_EQ(here[QStringLiteral("digests")].toArray().isEmpty(), reference == u"node:20")
            << reference.toStdString();
        EXPECT_EQ(here, there) << reference.toStdString() << "\n"
                               << here.toJson().toStdString() << "\n"
                               << there.toJson().toStdString();
    }
    const QJsonDocument python = jsonOf(cli.run({QStringLiteral("--db"), uri, QStringLiteral("history"),
                                                 QStringLiteral("python:3.13"), QStringLiteral("--json")}));
    EXPECT_EQ(python[QStringLiteral("rebuilds")].toArray().size(), 2);
    const QJsonDocument alpine = jsonOf(cli.run({QStringLiteral("--db"), uri, QStringLiteral("history"),
                                                 QStringLiteral("alpine:3"), QStringLiteral("--json")}));
    EXPECT_EQ(alpine[QStringLiteral("digests")].toArray().size(), 3); // the backfilled past came along
    const QJsonDocument listHere =
        jsonOf(cli.run({QStringLiteral("--db"), personal.path(), QStringLiteral("watch"),
                        QStringLiteral("list"), QStringLiteral("--json")}));
    const QJsonDocument listThere = jsonOf(cli.run({QStringLiteral("--db"), uri, QStringLiteral("watch"),
                                                    QStringLiteral("list"), QStringLiteral("--json")}));
    EXPECT_EQ(listHere.array().size(), 4);
    EXPECT_EQ(listHere, listThere) << listHere.toJson().toStdString() << "\n"
                                   << listThere.toJson().toStdString();
    // the systemd unit names the team database in REBUILDRADAR_DB: it serves as --db does
    cli.env().insert(QStringLiteral("REBUILDRADAR_DB"), uri);
    EXPECT_EQ(jsonOf(cli.run({QStringLiteral("watch"), QStringLiteral("list"), QStringLiteral("--json")})),
              listThere);
    // the channel came with its masked URL, and the acknowledgement with its rebuild and user
    EXPECT_EQ(server().psql(databaseOf(uri), QStringLiteral("SELECT masked_url FROM channels")),
              QStringLiteral("https://hooks.example/****"));
    EXPECT_EQ(server().psql(databaseOf(uri), QStringLiteral("SELECT user_name FROM user_acknowledgements")),
              Database::userName()); // the acknowledgement stays its user's

    // a second run finds the history there and changes nothing
    const QString before = teamCounts(uri);
    const CliRun again = cli.run(
        {QStringLiteral("migrate"), QStringLiteral("--from"), personal.path(), QStringLiteral("--to"), uri});
    EXPECT_EQ(again.exitCode, 0) << again.err.toStdString();
    EXPECT_TRUE(again.out.contains("already holds this history")) << again.out.toStdString();
    EXPECT_TRUE(again.out.contains("nothing was changed")) << again.out.toStdString();
    EXPECT_EQ(teamCounts(uri), before);

    // the team database goes on recording: new ids come after the copied ones
    auto team = Database::open(uri);
    ASSERT_TRUE(team.ok()) << team.error().message.toStdString();
    HistoryStore store(**team, [] { return qint64(9000); });
    auto rebuilds = store.record(
        {seen(personal.pythonId, 6000, d("e"), {{kAmd, d("e-amd")}, {kArm, d("e-arm")}})}, classifyRebuild);
    ASSERT_TRUE(rebuilds.ok()) << rebuilds.error().message.toStdString();
    ASSERT_EQ(rebuilds->size(), 1);
    const qint64 newest = personal.newestRebuild();
    EXPECT_EQ(rebuilds->first().id, newest + 1);
    const CliRun watched = cli.run({QStringLiteral("--db"), uri, QStringLiteral("watch"),
                                    QStringLiteral("add"), QStringLiteral("busybox:1")});
    EXPECT_EQ(watched.exitCode, 0) << watched.err.toStdString();
    EXPECT_EQ(
        server().psql(databaseOf(uri),
                      QStringLiteral("SELECT id FROM tags WHERE reference = 'docker.io/library/busybox:1'")),
        QStringLiteral("5"));
    auto family = store.addFamily(QStringLiteral("docker.io"), QStringLiteral("library/golang"),
                                  QStringLiteral("^1\\.2[0-9]$"), 3600);
    ASSERT_TRUE(family.ok()) << family.error().message.toStdString();
    EXPECT_EQ(*family, 2);
    // the copied rebuilds are no news to the desktop: its cursor is where the personal history left it
    NoticeOutbox outbox(**team, [] { return qint64(9000); });
    auto news = outbox.takeNewRebuilds(QStringLiteral("desktop"),
                                       [](const QList<Rebuild> &) { return QList<QueuedNotice>{}; });
    ASSERT_TRUE(news.ok());
    ASSERT_EQ(news->size(), 1);
    EXPECT_EQ(news->first().id, newest + 1);

    // run again once the team has recorded more: still nothing copied twice
    const QString grown = teamCounts(uri);
    const CliRun third = cli.run(
        {QStringLiteral("migrate"), QStringLiteral("--from"), personal.path(), QStringLiteral("--to"), uri});
    EXPECT_EQ(third.exitCode, 0) << third.err.toStdString();
    EXPECT_TRUE(third.out.contains("recorded more since")) << third.out.toStdString();
    EXPECT_EQ(teamCounts(uri), grown);
}

// Consumers that started on the empty team database (a daemon started before the copy) do not
// announce the copied history as news; a channel of the same name set up otherwise is refused.
TEST(Migrate, ConsumersOfTheTeamDatabaseDoNotAnnounceTheCopiedPast)
{
    PersonalHistory personal;
    const QString uri = server().createDatabase();
    {
        auto team = Database::open(uri);
        ASSERT_TRUE(team.ok()) << team.error().message.toStdString();
        ASSERT_TRUE(NoticeOutbox(**team, [] { return qint64(1); })
                        .registerConsumer(QStringLiteral("channel:ops"))
                        .ok());
    }
    CliRunner cli;
    const CliRun copied = cli.run(
        {QStringLiteral("migrate"), QStringLiteral("--from"), personal.path(), QStringLiteral("--to"), uri});
    ASSERT_EQ(copied.exitCode, 0) << copied.err.toStdString();
    EXPECT_EQ(server().psql(databaseOf(uri),
                            QStringLiteral(
                                "SELECT last_rebuild_id FROM outbox_cursors WHERE consumer = 'channel:ops'")),
              QString::number(personal.newestRebuild()));

    // a team database whose channel "team" is another one
    const QString other = server().createDatabase();
    {
        auto team = Database::open(other);
        ASSERT_TRUE(team.ok());
        NotifyChannel channel;
        channel.name = QStringLiteral("team");
        channel.kind = QStringLiteral("slack");
        channel.maskedUrl = QStringLiteral("https://hooks.slack.com/****");
        channel.events = {QStringLiteral("started")};
        channel.secretStore = QStringLiteral("keychain");
        ASSERT_TRUE(ChannelStore(**team, [] { return qint64(1); }).add(channel).ok());
    }
    const QString before = teamCounts(other);
    const CliRun refused = cli.run({QStringLiteral("migrate"), QStringLiteral("--from"), personal.path(),
                                    QStringLiteral("--to"), other});
    EXPECT_EQ(refused.exitCode, 2) << refused.out.toStdString();
    EXPECT_TRUE(refused.err.contains("channel named team")) << refused.err.toStdString();
    EXPECT_EQ(teamCounts(other), before);
    EXPECT_EQ(server().psql(databaseOf(other), QStringLiteral("SELECT COUNT(*) FROM tags")),
              QStringLiteral("0"));
}

TEST(Migrate, RefusesATeamDatabaseHoldingAnotherHistory)
{
    PersonalHistory personal;
    TempStore team(Backend::PostgreSQL);
    ASSERT_TRUE(team.db);
    team.watch(QStringLiteral("redis:7"));
    const QString before = teamCounts(team.uri);
    CliRunner cli;
    const CliRun refused = cli.run({QStringLiteral("migrate"), QStringLiteral("--from"), personal.path(),
                                    QStringLiteral("--to"), team.uri});
    EXPECT_EQ(refused.exitCode, 2) << refused.out.toStdString();
    EXPECT_TRUE(refused.err.contains("already holds another history")) << refused.err.toStdString();
    EXPECT_TRUE(refused.err.contains("Nothing was changed")) << refused.err.toStdString();
    EXPECT_EQ(teamCounts(team.uri), before);
}

TEST(Migrate, BadInputIsRefusedAndNothingIsWritten)
{
    PersonalHistory personal;
    const QByteArray sourceHash = fileHash(personal.path());
    const QString uri = server().createDatabase();
    CliRunner cli;
    auto migrate = [&](const QString &from, const QString &to) {
        return cli.run(
            {QStringLiteral("migrate"), QStringLiteral("--from"), from, QStringLiteral("--to"), to});
    };
    const QString port = QString::number(server().port());

    // a password in the URI: refused, never echoed
    const CliRun secret =
        migrate(personal.path(),
                QStringLiteral("postgresql://postgres:hunter2@127.0.0.1:%1/%2").arg(port, databaseOf(uri)));
    EXPECT_EQ(secret.exitCode, 2);
    EXPECT_TRUE(secret.err.contains(".pgpass")) << secret.err.toStdString();
    EXPECT_FALSE(secret.err.contains("hunter2") || secret.out.contains("hunter2"));

    // ... nor when the URI is wrong in another way as well
    for (const QString &twice : {QStringLiteral("postgresql://postgres:hunter2@127.0.0.1:99999/db"),
                                 QStringLiteral("postgresql://127.0.0.1/db?colour=blue&password=hunter2")}) {
        const CliRun refused = migrate(personal.path(), twice);
        EXPECT_EQ(refused.exitCode, 2) << twice.toStdString();
        EXPECT_FALSE(refused.err.contains("hunter2") || refused.out.contains("hunter2"))
            << refused.err.toStdString();
        EXPECT_FALSE(refused.err.isEmpty());
    }

    // not a URI; a URI without a database; a server that is not there
    const CliRun path = migrate(personal.path(), cli.home() + QStringLiteral("/team.sqlite"));
    EXPECT_EQ(path.exitCode, 2);
    EXPECT_TRUE(path.err.contains("--to takes")) << path.err.toStdString();
    EXPECT_FALSE(QFile::exists(cli.home() + QStringLiteral("/team.sqlite")));
    EXPECT_EQ(migrate(personal.path(), QStringLiteral("postgresql://127.0.0.1:%1").arg(port)).exitCode, 2);
    const CliRun away = migrate(personal.path(), QStringLiteral("postgresql://postgres@127.0.0.1:1/nowhere"));
    EXPECT_EQ(away.exitCode, 2);
    EXPECT_TRUE(away.err.contains("cannot be reached")) << away.err.toStdString();

    // no history at the source
    const QString missing = cli.home() + QStringLiteral("/none/history.sqlite");
    const CliRun none = migrate(missing, uri);
    EXPECT_EQ(none.exitCode, 2);
    EXPECT_TRUE(none.err.contains("there is no history at")) << none.err.toStdString();
    EXPECT_FALSE(QFile::exists(missing));

    // a SQLite file of something else
    const QString foreign = cli.home() + QStringLiteral("/notes.sqlite");
    {
        QSqlDatabase raw = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("foreign"));
        raw.setDatabaseName(foreign);
        ASSERT_TRUE(raw.open());
        QSqlQuery q(raw);
        ASSERT_TRUE(q.exec(QStringLiteral("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")));
        q.finish();
        raw.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("foreign"));
    const QByteArray foreignHash = fileHash(foreign);
    const CliRun notOurs = migrate(foreign, uri);
    EXPECT_EQ(notOurs.exitCode, 2);
    EXPECT_TRUE(notOurs.err.contains("is not a Rebuild Radar history")) << notOurs.err.toStdString();
    EXPECT_EQ(fileHash(foreign), foreignHash);

    // usage
    EXPECT_EQ(cli.run({QStringLiteral("migrate"), QStringLiteral("--from"), personal.path()}).exitCode, 2);
    EXPECT_EQ(migrate(uri, uri).exitCode, 2);

    // nothing reached the team database, and the personal history is as it was
    EXPECT_EQ(tablesIn(uri), QStringLiteral("0"));
    EXPECT_EQ(fileHash(personal.path()), sourceHash);
}

namespace {

// A history file as schema `version` left it, with one tag (a version past ours: as a newer program would).
void writeOldHistory(const QString &path, int version)
{
    QSqlDatabase raw = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("old"));
    raw.setDatabaseName(path);
    ASSERT_TRUE(raw.open());
    {
        QSqlQuery q(raw);
        ASSERT_TRUE(writeSchemaSteps(q, version));
        ASSERT_TRUE(q.exec(QStringLiteral(
            "INSERT INTO tags (id, reference, registry, repository, tag, interval_seconds, added_at)"
            " VALUES (7, 'docker.io/library/python:3.13', 'docker.io', 'library/python', '3.13', "
            "60, 0)")));
    }
    raw.close();
    raw = QSqlDatabase();
    QSqlDatabase::removeDatabase(QStringLiteral("old"));
}

} // namespace

// A history of an older schema is upgraded first (with a copy kept), as every command does; one written
// by a newer Rebuild Radar is refused and left as it is.
TEST(Migrate, UpgradesAnOlderHistoryFirstAndRefusesANewerOne)
{
    QTemporaryDir dir;
    const QString old = dir.filePath(QStringLiteral("old.sqlite"));
    writeOldHistory(old, Database::kSchemaVersion - 1);
    const QString uri = server().createDatabase();
    CliRunner cli;
    const CliRun copied =
        cli.run({QStringLiteral("migrate"), QStringLiteral("--from"), old, QStringLiteral("--to"), uri});
    EXPECT_EQ(copied.exitCode, 0) << copied.err.toStdString();
    EXPECT_TRUE(copied.err.contains("upgraded from schema")) << copied.err.toStdString();
    EXPECT_TRUE(QFile::exists(old + QStringLiteral(".v%1.bak").arg(Database::kSchemaVersion - 1)));
    EXPECT_EQ(server().psql(databaseOf(uri), QStringLiteral("SELECT id || ' ' || reference FROM tags")),
              QStringLiteral("7 docker.io/library/python:3.13"));

    const QString newer = dir.filePath(QStringLiteral("newer.sqlite"));
    writeOldHistory(newer, Database::kSchemaVersion + 1);
    const QByteArray before = fileHash(newer);
    const QString other = server().createDatabase();
    const CliRun refused =
        cli.run({QStringLiteral("migrate"), QStringLiteral("--from"), newer, QStringLiteral("--to"), other});
    EXPECT_EQ(refused.exitCode, 2);
    EXPECT_TRUE(refused.err.contains("newer Rebuild Radar")) << refused.err.toStdString();
    EXPECT_EQ(fileHash(newer), before);
    EXPECT_EQ(tablesIn(other), QStringLiteral("0"));
}

// Hundreds of rows go over in many statements, every one of them.
TEST(Migrate, CopiesLargeTablesWhole)
{
    TempStore personal;
    QList<WatchRequest> requests;
    for (int i = 0; i < 450; ++i)
        requests.append(
            WatchRequest{*ImageReference::parse(QStringLiteral("team/app%1:1").arg(i)), 60, {}, 0});
    ASSERT_TRUE(personal.store->addWatches(requests).ok());
    QList<Observation> observations;
    const auto watched = personal.store->watchlist();
    ASSERT_TRUE(watched.ok());
    for (const WatchedTag &tag : *watched)
        observations.append(seen(tag.id, 1000, d(tag.reference.toUtf8().constData())));
    ASSERT_TRUE(personal.store->record(observations, classifyRebuild).ok());
    const QString uri = server().createDatabase();
    CliRunner cli;
    const CliRun copied = cli.run(
        {QStringLiteral("migrate"), QStringLiteral("--from"), personal.path(), QStringLiteral("--to"), uri});
    ASSERT_EQ(copied.exitCode, 0) << copied.err.toStdString();
    EXPECT_EQ(teamCounts(uri), sourceCounts(*personal.db));
    EXPECT_EQ(server().psql(databaseOf(uri), QStringLiteral("SELECT COUNT(*) FROM tags")),
              QStringLiteral("450"));
    EXPECT_EQ(jsonOf(cli.run({QStringLiteral("--db"), uri, QStringLiteral("history"),
                              QStringLiteral("team/app449:1"), QStringLiteral("--json")})),
              jsonOf(cli.run({QStringLiteral("--db"), personal.path(), QStringLiteral("history"),
                              QStringLiteral("team/app449:1"), QStringLiteral("--json")})));
}
