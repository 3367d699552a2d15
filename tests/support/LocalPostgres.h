#pragma once

// A real PostgreSQL 15 server (Debian's postgresql-15) for the tests of the team history: initdb in a
// temporary folder, the server on a free loopback port with its socket in that folder, run as the
// unprivileged `postgres` user when the tests run as root (PostgreSQL refuses root). Started once per
// test binary, on first use, and stopped when the tests end (a gtest environment). Each test asks for
// a fresh database of its own. Where it cannot run, `error()` says why.

#include <QProcess>
#include <QString>
#include <QTemporaryDir>

namespace RebuildRadar::Test {

class LocalPostgres
{
public:
    static LocalPostgres &shared();
    ~LocalPostgres();

    bool isRunning() const { return m_running; }
    QString error() const { return m_error; }
    int port() const { return m_port; }
    QString socketFolder() const { return m_dir.path(); }

    // A new, empty database; its postgresql:// URI (TCP on loopback, user postgres, trust login).
    QString createDatabase();
    // Runs SQL as the superuser in `database` through psql; its output, or empty with `ok` false.
    QString psql(const QString &database, const QString &sql, bool *ok = nullptr) const;
    // A login role `user` whose logins over TCP need `password` (scram-sha-256), owning a new
    // database; its URI (without the password, as users write them).
    QString createPasswordRole(const QString &user, const QString &password);
    // The server's log so far (errors come with their statement).
    QString log() const;
    void stop();

private:
    LocalPostgres();
    void runAsPostgres(QProcess &process) const;
    QTemporaryDir m_dir;
    QProcess m_server;
    int m_port = 0;
    int m_databases = 0;
    bool m_running = false;
    QString m_error;
    QString m_bin;
};

// For a test of a login that needs a password libpq does not find by itself: while it lives, libpq's
// own places hold none (PGPASSWORD unset, PGPASSFILE naming a file that does not exist, so no
// ~/.pgpass either); afterwards both variables are as they were. The test may point PGPASSFILE at a
// file of its own meanwhile, in the guard's temporary folder (filePath).
class NoLibpqPassword
{
public:
    NoLibpqPassword();
    ~NoLibpqPassword();
    NoLibpqPassword(const NoLibpqPassword &) = delete;
    NoLibpqPassword &operator=(const NoLibpqPassword &) = delete;

    // `name` in a temporary folder of the guard's own, for a password file the test writes.
    QString filePath(const QString &name) const { return m_dir.filePath(name); }

private:
    QTemporaryDir m_dir;
    QByteArray m_oldPassword;
    QByteArray m_oldPassfile;
    bool m_hadPassword;
    bool m_hadPassfile;
};

// The shared server, a test failure recorded when it is not running.
LocalPostgres &runningPostgres();

// Saves (or, with an empty password, forgets) a team history's password in the session's keychain, as
// the desktop app does; false when no keychain answered.
bool saveDatabasePassword(const QString &uri, const QString &password);

} // namespace RebuildRadar::Test
