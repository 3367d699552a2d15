#pragma once

#include "common/Result.h"

#include <QSqlDatabase>
#include <QString>

#include <memory>

namespace RebuildRadar {

// One connection to the history database (SQLite, WAL). Opening checks integrity, refuses files
// newer than this code, keeps a copy before migrating, and migrates forward one step per transaction.
class Database
{
public:
    static constexpr int kSchemaVersion = 10;

    enum class Access
    {
        ReadWrite, // creates the file and folder, upgrades the schema
        ReadOnly,  // reads an existing file that this user may not write (never writes, never upgrades)
    };
    static Result<std::unique_ptr<Database>> open(const QString &path, Access access = Access::ReadWrite);
    // The access to ask for when a command only reads: read-only where the file or its folder cannot be
    // written by this user, else the usual one (so the WAL is shared as always).
    static Access readAccessFor(const QString &path);
    ~Database();
    Database(const Database &) = delete;
    Database &operator=(const Database &) = delete;

    QSqlDatabase &sql() { return m_db; }
    const QString &path() const { return m_path; }
    int schemaVersion() const { return m_version; }
    bool isReadOnly() const { return m_readOnly; }

    // Runs `work` in one transaction; rolls back when it fails.
    template <typename F> Status transaction(F &&work);

    // The statements of each schema step; the tests build old databases with them.
    static QStringList migrationStep(int toVersion);

    // Where QStandardPaths puts it, or $REBUILDRADAR_DB.
    static QString defaultPath();

    // True when `path` is a history database this process has open, or its -wal, -shm or -journal
    // file, under any name (symbolic or hard links included). Nothing but SQLite may open those: a
    // POSIX process loses every lock it holds on a file as soon as *any* of its descriptors of that file
    // closes, and another program would then believe it is alone and remove the WAL (SQLite's "How To
    // Corrupt An SQLite Database File", section 2.2). Code that opens files the user points at asks first.
    static bool isOpenHistoryFile(const QString &path);

private:
    Database(QSqlDatabase db, QString path)
        : m_db(std::move(db))
        , m_path(std::move(path))
    {}
    Status prepare();
    Status prepareReadOnly();
    static Result<std::unique_ptr<Database>> openReadOnly(const QString &path, bool immutable);
    static Result<std::unique_ptr<Database>> openReadWrite(const QString &path);
    // A named QtSql connection to `databaseName` (a path or a file: URI), wrapped; `path` names it in errors.
    static Result<std::unique_ptr<Database>> connect(const QString &path, const QString &databaseName,
                                                     const QString &options);
    Status keepCopy();
    Status migrate(int from);
    Status begin();
    Status commit();
    void rollback();

    QSqlDatabase m_db;
    QString m_path;
    QString m_canonicalPath; // as registered for isOpenHistoryFile
    int m_version = 0;
    bool m_readOnly = false;
};

Error sqlError(const QString &what, const QSqlError &error);

template <typename F> Status Database::transaction(F &&work)
{
    if (auto started = begin(); !started)
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
