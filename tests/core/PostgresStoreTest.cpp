// The team history's own behaviour on a real PostgreSQL server: the URI, the schema's steps in
// PostgreSQL's words from every earlier version, the refusals (newer schema, a database of something
// else, a damaged one, a password in the URI), and the change notices that stand in for data_version.
// The store's behaviour itself runs on both backends in StoreTest (HistoryStoreOn).

#include "TempStore.h"
#include "common/PostgresLocation.h"
#include "credentials/DatabasePasswords.h"
#include "history/RebuildClassifier.h"
#include "registry/ManifestParser.h"

#include <QCoreApplication>
#include <QFile>
#include <QSignalSpy>
#include <QSqlDriver>
#include <QSqlQuery>
#include <QTcpServer>
#include <QTest>

#include <gtest/gtest.h>

using namespace RebuildRadar;
using namespace RebuildRadar::Test;

namespace {

LocalPostgres &server()
{
    return runningPostgres();
}

QString databaseOf(const QString &uri)
{
    return uri.section(u'/', -1);
}

} // namespace

TEST(PostgresLocation, TakesLibpqUrisAndRefusesPasswords)
{
    auto full = PostgresLocation::parse(
        QStringLiteral("postgresql://radar@db.example:5433/history?sslmode=verify-full&connect_timeout=5"));
    ASSERT_TRUE(full.ok()) << full.error().message.toStdString();
    EXPECT_EQ(full->host, QStringLiteral("db.example"));
    EXPECT_EQ(full->port, 5433);
    EXPECT_EQ(full->user, QStringLiteral("radar"));
    EXPECT_EQ(full->database, QStringLiteral("history"));
    EXPECT_EQ(full->options,
              (QStringList{QStringLiteral("sslmode=verify-full"), QStringLiteral("connect_timeout=5")}));

    auto socket =
        PostgresLocation::parse(QStringLiteral("postgres:///history?host=%2Fvar%2Frun%2Fpostgresql"));
    ASSERT_TRUE(socket.ok()) << socket.error().message.toStdString();
    EXPECT_EQ(socket->host, QStringLiteral("/var/run/postgresql"));
    EXPECT_EQ(socket->port, -1);

    for (const char *secret :
         {"postgresql://radar:hunter2@db/history", "postgresql://db/history?password=hunter2"}) {
        auto refused = PostgresLocation::parse(QString::fromLatin1(secret));
        ASSERT_FALSE(refused.ok()) << secret;
        EXPECT_TRUE(refused.error().message.contains(QStringLiteral(".pgpass")))
            << refused.error().message.toStdString();
        EXPECT_FALSE(refused.error().message.contains(QStringLiteral("hunter2")));
    }
    EXPECT_FALSE(PostgresLocation::parse(QStringLiteral("postgresql://db")).ok()); // no database
    EXPECT_FALSE(PostgresLocation::parse(QStringLiteral("postgresql://db/h?colour=blue")).ok());
    EXPECT_FALSE(PostgresLocation::parse(QStringLiteral("postgresql://db/h?port=99999")).ok());
}

// A saved password is found under every spelling of one URI, and only of that server, user and database.
TEST(PostgresLocation, OneIdentityForEverySpellingOfALogin)
{
    const auto identity = [](const char *uri) {
        auto location = PostgresLocation::parse(QString::fromLatin1(uri));
        EXPECT_TRUE(location.ok()) << uri;
        return location ? location->identity() : QString();
    };
    const QString same = identity("postgresql://radar@db.example:5433/history");
    for (const char *spelling : {"postgres://radar@db.example:5433/history",
                                 "postgresql://radar@db.example:5433/history?sslmode=verify-full",
                                 "postgresql://db.example/history?user=radar&port=5433",
                                 "postgresql://radar@DB.example:5433/history"})
        EXPECT_EQ(identity(spelling), same) << spelling;
    // the port and user left to libpq's defaults (PGPORT, the login name) may name another login
    for (const char *other :
         {"postgresql://radar@db.example/history", "postgresql://db.example:5433/history",
          "postgresql://radar@db.example:5433/h2", "postgresql://other@db.example:5433/history",
          "postgresql://radar@db2.example:5433/history",
          "postgresql://radar@db.example:5433/history?service=prod",
          "postgresql://radar@db.example:5433/history?host=db.example,db2.example"})
        EXPECT_NE(identity(other), same) << other;
    EXPECT_NE(identity("postgresql:///history?service=prod"),
              identity("postgresql:///history?service=staging"));
    EXPECT_NE(identity("postgresql://radar@db.example/a%2541"), identity("postgresql://radar@db.example/aA"));
    EXPECT_NE(identity("postgres:///history?host=%2Fvar%2Frun%2Fpostgresql"),
              identity("postgres:///history?host=%2Ftmp"));
}

TEST(PostgresDatabase, FreshDatabaseGetsTheCurrentSchema)
{
    TempStore t(Backend::PostgreSQL);
    ASSERT_TRUE(t.db);
    EXPECT_EQ(t.db->backend(), Backend::PostgreSQL);
    EXPECT_EQ(t.db->schemaVersion(), Database::kSchemaVersion);
    EXPECT_EQ(server().psql(databaseOf(t.uri), QStringLiteral("SELECT version FROM rebuildradar_schema")),
              QString::number(Database::kSchemaVersion));
    // a second program opening it finds it ready and changes nothing
    auto again = Database::open(t.uri);
    ASSERT_TRUE(again.ok()) << again.error().message.toStdString();
    EXPECT_EQ((*again)->schemaVersion(), Database::kSchemaVersion);
}

TEST(PostgresDatabase, MigratesEveryEarlierVersionKeepingData)
{
    for (int from = 1; from < Database::kSchemaVersion; ++from) {
        const QString uri = server().createDatabase();
        QStringList statements;
        for (int step = 1; step <= from; ++step)
            statements += Database::migrationStep(step, Backend::PostgreSQL);
        statements.append(Database::versionStatement(Backend::PostgreSQL, from));
        statements.append(QStringLiteral(
            "INSERT INTO tags (reference, registry, repository, tag, interval_seconds, added_at)"
            " VALUES ('docker.io/library/python:3.13', 'docker.io', 'library/python', '3.13', 60, 0)"));
        statements.append(
            QStringLiteral("INSERT INTO spans (tag_id, digest, media_type, first_seen, last_seen)"
                           " VALUES (1, 'sha256:x', 'application/vnd.oci.image.index.v1+json', 5, 9)"));
        statements.append(
            QStringLiteral("INSERT INTO span_platforms (span_id, platform, digest) VALUES"
                           " (1, 'linux/arm64', 'sha256:p2'), (1, 'linux/amd64', 'sha256:p1')"));
        statements.append(QStringLiteral("UPDATE tags SET current_span_id = 1"));
        statements.append(QStringLiteral(
            "INSERT INTO rebuilds (tag_id, detected_at, from_digest, to_digest, platforms_changed, "
            "platforms_added,"
            " platforms_removed, causes) VALUES (1, 5, 'sha256:w', 'sha256:x', '[]', '[]', '[]',"
            " '[{\"kind\":\"version\",\"detail\":\"3.13.7 to 3.13.8\"}]')"));
        if (from >= 5)
            statements.append(
                QStringLiteral("UPDATE rebuilds SET version_move = 1; UPDATE tags SET rebuild_count = 1"));
        if (from >= 6)
            statements.append(QStringLiteral(
                "UPDATE tags SET current_digest = 'sha256:x', current_media_type ="
                " 'application/vnd.oci.image.index.v1+json', current_platforms = 'linux/arm64,linux/amd64',"
                " last_rebuild_at = 5, silent_count = 0"));
        bool built = false;
        const QString out = server().psql(databaseOf(uri), statements.join(QStringLiteral(";\n")), &built);
        ASSERT_TRUE(built) << "from " << from << ": " << out.toStdString();

        auto db = Database::open(uri);
        ASSERT_TRUE(db.ok()) << "from " << from << ": " << db.error().message.toStdString();
        EXPECT_EQ((*db)->schemaVersion(), Database::kSchemaVersion);
        HistoryStore store(**db, [] { return qint64(0); });
        auto tag = store.tag(QStringLiteral("docker.io/library/python:3.13"));
        ASSERT_TRUE(tag.ok() && tag->has_value());
        EXPECT_EQ((*tag)->currentDigest, QStringLiteral("sha256:x"));
        auto history = store.history(1);
        ASSERT_TRUE(history.ok() && history->spans.size() == 1);
        EXPECT_EQ(history->spans.first().lastSeen, 9);
        auto listed = store.watchlist(false, 0);
        ASSERT_TRUE(listed.ok() && listed->size() == 1);
        EXPECT_EQ(listed->first().rebuildCount, 1);
        EXPECT_EQ(listed->first().silentInPeriod, 0);
        EXPECT_EQ(listed->first().currentPlatforms,
                  (QStringList{QStringLiteral("linux/amd64"), QStringLiteral("linux/arm64")}));
        // the ids of what an older version wrote go on (identity columns) for what this one writes
        TagState next;
        next.digest = QStringLiteral("sha256:y");
        next.mediaType = MediaType::OciIndex;
        next.detailed = true;
        auto recorded = store.record({Observation{1, 20, TagStatus::Ok, {}, next}}, classifyRebuild);
        ASSERT_TRUE(recorded.ok()) << recorded.error().message.toStdString();
        ASSERT_EQ(recorded->size(), 1) << "from " << from;
        EXPECT_EQ(recorded->first().id, 2);
    }
}

TEST(PostgresDatabase, RefusesNewerForeignAndDamagedDatabasesAndLeavesThemAlone)
{
    const QString newer = server().createDatabase();
    ASSERT_TRUE(Database::open(newer).ok());
    bool ok = false;
    server().psql(databaseOf(newer), QStringLiteral("UPDATE rebuildradar_schema SET version = 99"), &ok);
    ASSERT_TRUE(ok);
    auto refused = Database::open(newer);
    ASSERT_FALSE(refused.ok());
    EXPECT_TRUE(refused.error().message.contains(QStringLiteral("newer")))
        << refused.error().message.toStdString();
    EXPECT_EQ(server().psql(databaseOf(newer), QStringLiteral("SELECT version FROM rebuildradar_schema")),
              QStringLiteral("99"));

    const QString foreign = server().createDatabase();
    server().psql(databaseOf(foreign),
                  QStringLiteral("CREATE TABLE invoices (id int); INSERT INTO invoices VALUES (7)"), &ok);
    ASSERT_TRUE(ok);
    auto notOurs = Database::open(foreign);
    ASSERT_FALSE(notOurs.ok());
    EXPECT_TRUE(notOurs.error().message.contains(QStringLiteral("of its own")))
        << notOurs.error().message.toStdString();
    EXPECT_EQ(
        server().psql(
            databaseOf(foreign),
            QStringLiteral("SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = 'public'")),
        QStringLiteral("1"));

    const QString damaged = server().createDatabase();
    ASSERT_TRUE(Database::open(damaged).ok());
    server().psql(databaseOf(damaged), QStringLiteral("DROP TABLE families CASCADE"), &ok);
    ASSERT_TRUE(ok);
    auto broken = Database::open(damaged);
    ASSERT_FALSE(broken.ok());
    EXPECT_TRUE(broken.error().message.contains(QStringLiteral("damaged")))
        << broken.error().message.toStdString();
}

TEST(PostgresDatabase, AServerThatIsNotThereIsSaidSo)
{
    QTcpServer probe; // a port nobody listens on once it is closed
    ASSERT_TRUE(probe.listen(QHostAddress::LocalHost, 0));
    const int port = probe.serverPort();
    probe.close();
    auto refused = Database::open(QStringLiteral("postgresql://postgres@127.0.0.1:%1/history").arg(port));
    ASSERT_FALSE(refused.ok());
    EXPECT_TRUE(refused.error().message.contains(QStringLiteral("cannot be reached")))
        << refused.error().message.toStdString();
}

TEST(PostgresDatabase, OtherProgramsCommitsAreAnnouncedAtOnce)
{
    TempStore t(Backend::PostgreSQL);
    ASSERT_TRUE(t.db);
    auto other = Database::open(t.uri);
    ASSERT_TRUE(other.ok());
    const qint64 before = *t.db->dataVersion();
    QSignalSpy notices(t.db->sql().driver(), &QSqlDriver::notification);
    // this program's own writes are not news to it
    t.watch(QStringLiteral("python:3.13"));
    HistoryStore second(**other, [] { return qint64(0); });
    auto ref = ImageReference::parse(QStringLiteral("postgres:17-alpine"));
    ASSERT_TRUE(second.addWatches({WatchRequest{*ref, 60, {}, 0}}).ok());
    ASSERT_TRUE(QTest::qWaitFor([&] { return *t.db->dataVersion() > before; }, 5000));
    EXPECT_FALSE(notices.isEmpty());
}

// libpq's places first; when they have none, the password the caller holds (the desktop's, from the
// keychain), used and never kept: not in the URI, the error, or the connection's settings.
TEST(PostgresDatabase, APasswordTheCallerHoldsIsUsedAndNeverKept)
{
    NoLibpqPassword noPassword; // not even in ~/.pgpass
    const QString secret = QStringLiteral("s3cret-team-pw");
    const QString uri = server().createPasswordRole(QStringLiteral("radar_caller"), secret);

    auto refused = Database::open(uri);
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().code, ErrorCode::AuthFailed);
    EXPECT_TRUE(refused.error().message.contains(QStringLiteral("refused the login")))
        << refused.error().message.toStdString();
    auto wrong = Database::open(uri, Database::Access::ReadWrite, QStringLiteral("not-it"));
    ASSERT_FALSE(wrong.ok());
    EXPECT_FALSE(wrong.error().message.contains(QStringLiteral("not-it")));

    auto opened = Database::open(uri, Database::Access::ReadWrite, secret);
    ASSERT_TRUE(opened.ok()) << opened.error().message.toStdString();
    EXPECT_TRUE((*opened)->sql().password().isEmpty());
    EXPECT_FALSE((*opened)->path().contains(secret));

    // libpq's own places come first
    QFile passfile(noPassword.filePath(QStringLiteral("pgpass")));
    ASSERT_TRUE(passfile.open(QIODevice::WriteOnly));
    passfile.write(QStringLiteral("127.0.0.1:*:radar_caller:radar_caller:%1\n").arg(secret).toUtf8());
    passfile.close();
    passfile.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    qputenv("PGPASSFILE", passfile.fileName().toUtf8());
    auto fromPgpass = Database::open(uri);
    EXPECT_TRUE(fromPgpass.ok()) << fromPgpass.error().message.toStdString();
}

// What the desktop keeps in the keychain for a team history, by its URI.
TEST(DatabasePasswords, SavedReadAndForgotten)
{
    const QString uri =
        QStringLiteral("postgresql://radar@db.example/history-%1").arg(QCoreApplication::applicationPid());
    QObject context;
    auto save = [&](const QString &password) {
        std::optional<Status> saved;
        DatabasePasswords::save(uri, password, &context, [&](Status s) { saved = s; });
        EXPECT_TRUE(QTest::qWaitFor([&] { return saved.has_value(); }, 10000));
        return saved && saved->ok();
    };
    auto read = [&] {
        std::optional<QString> found;
        DatabasePasswords::read(uri, &context, [&](const QString &p) { found = p; });
        EXPECT_TRUE(QTest::qWaitFor([&] { return found.has_value(); }, 10000));
        return found.value_or(QStringLiteral("?"));
    };
    ASSERT_TRUE(save(QStringLiteral("pw-1")))
        << "the test's keychain (gnome-keyring in dbus-run-session) did not answer";
    EXPECT_EQ(read(), QStringLiteral("pw-1"));
    ASSERT_TRUE(save(QString()));
    EXPECT_EQ(read(), QString());
}
