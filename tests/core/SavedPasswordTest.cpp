// A team history whose server wants a password libpq has not got (no PGPASSWORD, no pgpass file): the
// CLI's commands and the daemon use the one the user saved in the keychain. Without one, or with one
// the server no longer takes, the login is refused with the server's reason and nothing is written;
// the password itself never shows in any output.

#include "CliRunner.h"
#include "LocalPostgres.h"
#include "LocalRegistry.h"
#include "credentials/DatabasePasswords.h"
#include "credentials/KeychainJob.h"

#include <QTest>

#include <gtest/gtest.h>

#include <optional>

using namespace RebuildRadar;
using namespace RebuildRadar::Test;

namespace {

LocalPostgres &server()
{
    return runningPostgres();
}

// A role whose logins need `secret`, and a CLI whose history is that role's database.
struct PasswordOnlyHistory
{
    explicit PasswordOnlyHistory(const QString &role)
        : uri(server().createPasswordRole(role, secret))
    {
        cli.env().insert(QStringLiteral("REBUILDRADAR_DB"), uri);
    }
    ~PasswordOnlyHistory() { saveDatabasePassword(uri, QString()); }

    // Empty while the history has no schema (nobody logged in to make one).
    QString tagsWatched() const
    {
        bool ok = false;
        const QString count = server().psql(
            uri.section(u'/', -1), QStringLiteral("SELECT COUNT(*) FROM tags WHERE watched = 1"), &ok);
        return ok ? count : QString();
    }

    const QString secret = QStringLiteral("kept-in-the-keychain");
    NoLibpqPassword noPassword; // before the CLI's environment is taken
    QString uri;
    CliRunner cli;
};

} // namespace

TEST(SavedPassword, CliCommandsUseTheOneSavedInTheKeychain)
{
    if (qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS"))
        GTEST_SKIP() << "needs the D-Bus session with gnome-keyring that scripts/test.sh starts";
    PasswordOnlyHistory team(QStringLiteral("radar_cli"));
    const QStringList add{QStringLiteral("watch"), QStringLiteral("add"), QStringLiteral("alpine:3")};

    // nothing saved: refused with the server's reason, nothing written
    ASSERT_TRUE(saveDatabasePassword(team.uri, QString())) << "the test's keychain did not answer";
    const CliRun refused = team.cli.run(add);
    EXPECT_NE(refused.exitCode, 0);
    EXPECT_TRUE(refused.err.contains("refused the login")) << refused.err.toStdString();
    EXPECT_TRUE(team.tagsWatched().isEmpty()) << "no schema without a login";

    // saved (by the app, given the URI spelled otherwise): the commands open the history with it
    ASSERT_TRUE(saveDatabasePassword(
        QString(team.uri).replace(QStringLiteral("postgresql://"), QStringLiteral("postgres://")) +
            QStringLiteral("?sslmode=disable"),
        team.secret));
    const CliRun added = team.cli.run(add);
    EXPECT_EQ(added.exitCode, 0) << added.err.toStdString();
    const CliRun listed =
        team.cli.run({QStringLiteral("watch"), QStringLiteral("list"), QStringLiteral("--json")});
    EXPECT_EQ(listed.exitCode, 0) << listed.err.toStdString();
    EXPECT_TRUE(listed.out.contains("docker.io/library/alpine:3")) << listed.out.toStdString();
    EXPECT_EQ(team.tagsWatched(), QStringLiteral("1"));

    // a saved password the server no longer takes: refused, and said without the password
    ASSERT_TRUE(saveDatabasePassword(team.uri, QStringLiteral("an-old-password")));
    const CliRun stale =
        team.cli.run({QStringLiteral("watch"), QStringLiteral("remove"), QStringLiteral("alpine:3")});
    EXPECT_NE(stale.exitCode, 0);
    EXPECT_TRUE(stale.err.contains("refused the login")) << stale.err.toStdString();
    EXPECT_TRUE(stale.err.contains("the password saved in the keychain was refused too"))
        << stale.err.toStdString();
    for (const CliRun &run : {refused, added, listed, stale}) {
        EXPECT_FALSE(run.out.contains("kept-in-the-keychain") || run.err.contains("kept-in-the-keychain"));
        EXPECT_FALSE(run.out.contains("an-old-password") || run.err.contains("an-old-password"));
    }
    EXPECT_EQ(team.tagsWatched(), QStringLiteral("1"));
}

// Saved by a version that kept the password under the URI as written: still found, and forgotten.
TEST(SavedPassword, OneSavedUnderTheUriAsWrittenIsFoundToo)
{
    if (qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS"))
        GTEST_SKIP() << "needs the D-Bus session with gnome-keyring that scripts/test.sh starts";
    PasswordOnlyHistory team(QStringLiteral("radar_earlier"));
    const QString asWritten = team.uri + QStringLiteral("?connect_timeout=5");
    QObject context;
    std::optional<Status> written;
    KeychainJob::writeText(DatabasePasswords::serviceName(), asWritten, team.secret, &context, 10000,
                           [&](Status s) { written = s; });
    ASSERT_TRUE(QTest::qWaitFor([&] { return written.has_value(); }, 10000) && written->ok());
    team.cli.env().insert(QStringLiteral("REBUILDRADAR_DB"), asWritten);
    const CliRun added =
        team.cli.run({QStringLiteral("watch"), QStringLiteral("add"), QStringLiteral("alpine:3")});
    EXPECT_EQ(added.exitCode, 0) << added.err.toStdString();

    ASSERT_TRUE(saveDatabasePassword(asWritten, QString())); // forgets it under both keys
    const CliRun forgotten = team.cli.run({QStringLiteral("watch"), QStringLiteral("list")});
    EXPECT_NE(forgotten.exitCode, 0);
    EXPECT_TRUE(forgotten.err.contains("refused the login")) << forgotten.err.toStdString();
}

TEST(SavedPassword, MigrateWritesToATeamHistoryWithTheOneSavedInTheKeychain)
{
    if (qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS"))
        GTEST_SKIP() << "needs the D-Bus session with gnome-keyring that scripts/test.sh starts";
    PasswordOnlyHistory team(QStringLiteral("radar_migrate"));
    const QString personal = team.cli.home() + QStringLiteral("/personal.sqlite");
    ASSERT_EQ(team.cli
                  .run({QStringLiteral("--db"), personal, QStringLiteral("watch"), QStringLiteral("add"),
                        QStringLiteral("alpine:3"), QStringLiteral("node:22")})
                  .exitCode,
              0);
    const QStringList migrate{QStringLiteral("migrate"), QStringLiteral("--from"), personal,
                              QStringLiteral("--to"), team.uri};

    ASSERT_TRUE(saveDatabasePassword(team.uri, QString())) << "the test's keychain did not answer";
    const CliRun refused = team.cli.run(migrate);
    EXPECT_NE(refused.exitCode, 0);
    EXPECT_TRUE(refused.err.contains("refused the login")) << refused.err.toStdString();
    EXPECT_TRUE(team.tagsWatched().isEmpty());

    ASSERT_TRUE(saveDatabasePassword(team.uri, team.secret));
    const CliRun copied = team.cli.run(migrate);
    EXPECT_EQ(copied.exitCode, 0) << copied.err.toStdString();
    EXPECT_EQ(team.tagsWatched(), QStringLiteral("2"));
}

TEST(SavedPassword, TheDaemonChecksWithTheOneSavedInTheKeychain)
{
    if (qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS"))
        GTEST_SKIP() << "needs the D-Bus session with gnome-keyring that scripts/test.sh starts";
    LocalRegistry registry;
    ASSERT_TRUE(registry.isRunning()) << registry.error().toStdString();
    Pusher push(registry.host());
    push.tagImage(QStringLiteral("team/api"), QStringLiteral("1"), TestImage{});
    PasswordOnlyHistory team(QStringLiteral("radar_daemon"));
    const QString reference = registry.host() + QStringLiteral("/team/api:1");

    // nothing saved: the daemon cannot start, and says why
    ASSERT_TRUE(saveDatabasePassword(team.uri, QString())) << "the test's keychain did not answer";
    const CliRun refused = team.cli.run({QStringLiteral("daemon")});
    EXPECT_NE(refused.exitCode, 0);
    EXPECT_TRUE(refused.err.contains("refused the login")) << refused.err.toStdString();

    // a saved password the server no longer takes: the same, and said so
    ASSERT_TRUE(saveDatabasePassword(team.uri, QStringLiteral("an-old-password")));
    const CliRun stale = team.cli.run({QStringLiteral("daemon")});
    EXPECT_NE(stale.exitCode, 0);
    EXPECT_TRUE(stale.err.contains("the password saved in the keychain was refused too"))
        << stale.err.toStdString();
    EXPECT_FALSE(stale.err.contains("an-old-password"));

    ASSERT_TRUE(saveDatabasePassword(team.uri, team.secret));
    ASSERT_EQ(team.cli.run({QStringLiteral("watch"), QStringLiteral("add"), reference}).exitCode, 0);
    auto daemon = team.cli.start({QStringLiteral("daemon")});
    const QString database = team.uri.section(u'/', -1);
    // the daemon's sweep records the tag's digest in the team history
    EXPECT_TRUE(QTest::qWaitFor(
        [&] {
            return server().psql(database, QStringLiteral("SELECT COUNT(*) FROM spans")) ==
                   QStringLiteral("1");
        },
        30000))
        << daemon->readAllStandardError().toStdString();
    daemon->terminate();
    ASSERT_TRUE(daemon->waitForFinished(30000));
    EXPECT_EQ(daemon->exitCode(), 0);
    const QByteArray said = daemon->readAllStandardOutput() + daemon->readAllStandardError();
    EXPECT_FALSE(said.contains("kept-in-the-keychain")) << said.toStdString();
}
