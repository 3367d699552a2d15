#pragma once

#include "common/Result.h"

#include <QAtomicInteger>
#include <QObject>
#include <QSqlDatabase>
#include <QString>

#include <functional>
#include <memory>

namespace RebuildRadar {

enum class Backend
{
    SQLite,     // a file of one machine (WAL)
    PostgreSQL, // a team's shared history (postgresql://… URIs)
};

// One connection to the history database: a SQLite file (WAL) or a PostgreSQL database. Opening checks
// integrity, refuses databases newer than this code, keeps a copy before migrating a file, and migrates
// forward one step per transaction (the same steps on both backends; Schema.cpp says them in each one's
// words).
class Database
{
public:
    static constexpr int kSchemaVersion = 12;
    // The PostgreSQL channel on which every committed change is announced (LISTEN/NOTIFY).
    static constexpr const char *kChangeChannel = "rebuildradar";

    enum class Access
    {
        ReadWrite, // creates the file and folder, upgrades the schema
        ReadOnly,  // reads an existing file that this user may not write (never writes, never upgrades)
    };
    // `location`: a file's path, or a postgresql:// URI (see PostgresLocation.h). `password`: for a
    // PostgreSQL login, when libpq's own places have none (the desktop's keychain); used, never kept.
    static Result<std::unique_ptr<Database>> open(const QString &location, Access access = Access::ReadWrite,
                                                  const QString &password = {});
    static bool isPostgresLocation(const QString &location);
    // The access to ask for when a command only reads: read-only where the file or its folder cannot be
    // written by this user, else the usual one (so the WAL is shared as always).
    static Access readAccessFor(const QString &path);
    ~Database();
    Database(const Database &) = delete;
    Database &operator=(const Database &) = delete;

    QSqlDatabase &sql() { return m_db; }
    // The file's path, or the URI (never with a password) for PostgreSQL.
    const QString &path() const { return m_path; }
    Backend backend() const { return m_backend; }
    int schemaVersion() const { return m_version; }
    bool isReadOnly() const { return m_readOnly; }

    // Runs `work` in one transaction; rolls back when it fails. Writers take turns (SQLite's write lock,
    // an advisory lock on PostgreSQL), so what `work` reads stays true until it commits.
    template <typename F> Status transaction(F &&work);
    // The same, for work that locks the rows it reads itself (SELECT … rowLocks()) instead of taking
    // a turn: on PostgreSQL several programs lease different rows at once. SQLite has turns only.
    template <typename F> Status rowTransaction(F &&work);
    // " FOR UPDATE SKIP LOCKED" on PostgreSQL (rows another transaction holds are passed over),
    // nothing on SQLite, whose writer is alone anyway.
    QString rowLocks() const;

    // The statements of each schema step; the tests build old databases with them.
    static QStringList migrationStep(int toVersion, Backend backend = Backend::SQLite);
    static QString versionStatement(Backend backend, int version);

    // Moves whenever another program commits a change: SQLite's data_version; on PostgreSQL the count
    // of change notices from other sessions (see kChangeChannel), which also arrive as the driver's
    // notification signal, so a program can react at once.
    Result<qint64> dataVersion();
    // Calls `react` on `context`'s thread at once whenever another program commits a change (PostgreSQL
    // announces each one); on SQLite, which announces nothing, it does nothing and answers an invalid
    // connection: dataVersion() is how a program there sees others' commits.
    QMetaObject::Connection onOtherProgramsCommit(QObject *context, std::function<void()> react);
    // An expression SQLite must not answer from an index (so it picks the better one); itself elsewhere.
    QString unindexed(const QString &expression) const;

    // Whose state (platforms, mutes, acknowledgements) a program keeps on a shared history: the name
    // of the system account it runs as.
    static QString userName();
    // An outbox consumer of one user's (the desktop's tray), as opposed to one shared by a team's
    // programs (the daemons' hooks).
    static QString personalConsumer(const QString &consumer, const QString &user);

    // Where QStandardPaths puts it, or $REBUILDRADAR_DB.
    static QString defaultPath();

    // True when `path` is a history database this process has open, or its -wal, -shm or -journal
    // file, under any name (symbolic or hard links included). Nothing but SQLite may open those: a
    // POSIX process loses every lock it holds on a file as soon as *any* of its descriptors of that file
    // closes, and another program would then believe it is alone and remove the WAL (SQLite's "How To
    // Corrupt An SQLite Database File", section 2.2). Code that opens files the user points at asks first.
    static bool isOpenHistoryFile(const QString &path);

private:
    Database(QSqlDatabase db, QString path, Backend backend)
        : m_db(std::move(db))
        , m_path(std::move(path))
        , m_backend(backend)
    {}
    Status prepare();
    Status prepareReadOnly();
    static Result<std::unique_ptr<Database>> openReadOnly(const QString &path, bool immutable);
    static Result<std::unique_ptr<Database>> openReadWrite(const QString &path);
    // A named QtSql connection to `databaseName` (a path or a file: URI), wrapped; `path` names it in errors.
    static Result<std::unique_ptr<Database>> connect(const QString &path, const QString &databaseName,
                                                     const QString &options);
    static Result<std::unique_ptr<Database>> openPostgres(const QString &uri, const QString &password);
    Status preparePostgres();
    static QString newConnectionName();
    Result<int> postgresVersion(); // 0 for an empty database
    Result<int> sqliteVersion();
    static constexpr int kWriterLock = 0x52425244; // "RBRD": the advisory lock writers take in turn
    Status keepCopy();
    Status migrate(int from);
    Status claimEarlierUserState();
    Status begin(bool takeTurn = true);
    template <typename F> Status runTransaction(bool takeTurn, F &&work);
    Error newerSchema() const; // the refusal of a history written by a newer Rebuild Radar
    Status commit();
    void rollback();

    QSqlDatabase m_db;
    QString m_path;
    QString m_canonicalPath; // as registered for isOpenHistoryFile
    Backend m_backend = Backend::SQLite;
    int m_version = 0;
    bool m_readOnly = false;
    std::shared_ptr<QAtomicInteger<qint64>> m_changesSeen; // PostgreSQL: other sessions' change notices
};

Error sqlError(const QString &what, const QSqlError &error);
// PostgreSQL's errors (DatabasePostgres.cpp); sqlError sends them there.
Error postgresSqlError(const QString &what, const QSqlError &error);

template <typename F> Status Database::transaction(F &&work)
{
    return runTransaction(true, std::forward<F>(work));
}

template <typename F> Status Database::rowTransaction(F &&work)
{
    return runTransaction(false, std::forward<F>(work));
}

template <typename F> Status Database::runTransaction(bool takeTurn, F &&work)
{
    if (auto started = begin(takeTurn); !started)
        return started;
    Status result = work();
    if (!result) {
        rollback();
        return result;
    }
    if (auto committed = commit(); !committed) {
        rollback();
        return committed;
    }
    return Ok{};
}

} // namespace RebuildRadar
