#include "store/Database.h"

#include <QAtomicInt>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QMultiHash>
#include <QMutex>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QUrl>

#include <optional>

#include <pwd.h>
#include <sys/stat.h>
#include <unistd.h>

namespace RebuildRadar {

Q_LOGGING_CATEGORY(lcStore, "rebuildradar.store")

Error sqlError(const QString &what, const QSqlError &error)
{
    if (error.driverText().startsWith(QStringLiteral("QPSQL")))
        return postgresSqlError(what, error);
    // SQLite's own words, not Qt's driver text ("Unable to fetch row" says nothing to a user); the
    // primary result code (the low byte of an extended one) says what kind of trouble it is.
    QString text = error.databaseText().trimmed();
    if (text.isEmpty())
        text = error.text().trimmed();
    bool numeric = false;
    const int primary = error.nativeErrorCode().toInt(&numeric) & 0xff;
    switch (numeric ? primary : -1) {
    case 13: // SQLITE_FULL
        return makeError(ErrorCode::Io,
                         QStringLiteral("%1: the disk is full (%2); nothing was written").arg(what, text));
    case 10: // SQLITE_IOERR
        return makeError(ErrorCode::Io,
                         QStringLiteral("%1: the disk could not be read or written (%2); nothing was written")
                             .arg(what, text));
    case 8: // SQLITE_READONLY
        return makeError(ErrorCode::Io,
                         QStringLiteral("%1: the history database is read-only (%2); nothing was written")
                             .arg(what, text));
    case 5: // SQLITE_BUSY
    case 6: // SQLITE_LOCKED
        return makeError(
            ErrorCode::Database,
            QStringLiteral("%1: another program kept the history database busy (%2); nothing was "
                           "written, try again")
                .arg(what, text));
    case 11: // SQLITE_CORRUPT
    case 26: // SQLITE_NOTADB
        return makeError(
            ErrorCode::Database,
            QStringLiteral("%1: the history database is damaged (%2); nothing was written").arg(what, text));
    default:
        break;
    }
    if (text.contains(QStringLiteral("malformed"), Qt::CaseInsensitive))
        return makeError(
            ErrorCode::Database,
            QStringLiteral("%1: the history database is damaged (%2); nothing was written").arg(what, text));
    return makeError(ErrorCode::Database, QStringLiteral("%1: %2").arg(what, text));
}

QString Database::defaultPath()
{
    const QString fromEnv = qEnvironmentVariable("REBUILDRADAR_DB");
    if (!fromEnv.isEmpty())
        return fromEnv;
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) +
           QStringLiteral("/history.sqlite");
}

namespace {

// The files of every history database open in this process, by device and inode, and by name for the
// companions that SQLite creates and removes as it goes.
struct OpenFiles
{
    QMutex mutex;
    QMultiHash<QString, QPair<quint64, quint64>> byPath; // canonical main path → (device, inode)
};

OpenFiles &openFiles()
{
    static OpenFiles files;
    return files;
}

std::optional<QPair<quint64, quint64>> identity(const QString &path)
{
    struct stat st;
    if (::stat(QFile::encodeName(path).constData(), &st) != 0)
        return std::nullopt;
    return qMakePair(quint64(st.st_dev), quint64(st.st_ino));
}

const QStringList kCompanions{QStringLiteral("-wal"), QStringLiteral("-shm"), QStringLiteral("-journal")};

} // namespace

bool Database::isOpenHistoryFile(const QString &path)
{
    const auto id = identity(path);
    const QString canonical = QFileInfo(path).canonicalFilePath();
    OpenFiles &files = openFiles();
    QMutexLocker lock(&files.mutex);
    for (auto it = files.byPath.cbegin(); it != files.byPath.cend(); ++it) {
        if (id && *id == it.value())
            return true;
        for (const QString &suffix : kCompanions) {
            const QString companion = it.key() + suffix;
            if (canonical == companion || (id && identity(companion) == id))
                return true;
        }
    }
    return false;
}

Database::Access Database::readAccessFor(const QString &path)
{
    const QFileInfo info(path);
    return info.exists() && (!info.isWritable() || !QFileInfo(info.absolutePath()).isWritable())
               ? Access::ReadOnly
               : Access::ReadWrite;
}

QString Database::newConnectionName()
{
    static QAtomicInt counter;
    return QStringLiteral("rebuildradar-%1").arg(counter.fetchAndAddRelaxed(1));
}

Result<std::unique_ptr<Database>> Database::connect(const QString &path, const QString &databaseName,
                                                    const QString &options)
{
    const QString name = newConnectionName();
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
    db.setDatabaseName(databaseName);
    db.setConnectOptions(options);
    if (!db.open()) {
        Error error = sqlError(QStringLiteral("cannot open %1").arg(path), db.lastError());
        db = QSqlDatabase();
        QSqlDatabase::removeDatabase(name);
        return error;
    }
    std::unique_ptr<Database> database(new Database(db, path, Backend::SQLite));
    db = QSqlDatabase(); // the Database holds the only handle, so its destructor can remove it
    return database;
}

Result<std::unique_ptr<Database>> Database::openReadOnly(const QString &path, bool immutable)
{
    QUrl uri = QUrl::fromLocalFile(QFileInfo(path).absoluteFilePath());
    uri.setScheme(QStringLiteral("file"));
    uri.setQuery(immutable ? QStringLiteral("immutable=1") : QStringLiteral("mode=ro"));
    auto connected =
        connect(path, uri.toString(QUrl::FullyEncoded),
                QStringLiteral("QSQLITE_OPEN_READONLY;QSQLITE_OPEN_URI;QSQLITE_BUSY_TIMEOUT=10000"));
    if (!connected)
        return connected.error();
    std::unique_ptr<Database> database = std::move(connected).value();
    database->m_readOnly = true;
    if (auto ready = database->prepareReadOnly(); !ready)
        return ready.error();
    return database;
}

Result<std::unique_ptr<Database>> Database::open(const QString &path, Access access, const QString &password)
{
    if (isPostgresLocation(path))
        return openPostgres(path, password); // the server decides who may write; every open may upgrade
    if (access == Access::ReadOnly) {
        if (!QFileInfo::exists(path))
            return makeError(ErrorCode::InvalidInput, QStringLiteral("there is no history at %1").arg(path));
        // A WAL database whose -shm cannot be made (a read-only folder, no writer running) cannot be
        // opened read-only in the usual way; then it is read as it lies on disk (immutable).
        auto usual = openReadOnly(path, false);
        if (usual || usual.error().code != ErrorCode::Io)
            return usual;
        return openReadOnly(path, true);
    }
    return openReadWrite(path);
}

Result<std::unique_ptr<Database>> Database::openReadWrite(const QString &path)
{
    const QFileInfo info(path);
    if (!QDir().mkpath(info.absolutePath()))
        return makeError(ErrorCode::Io,
                         QStringLiteral("cannot create the folder %1").arg(info.absolutePath()));
    // SQLite needs to write the file and, in WAL mode, its -wal and -shm files beside it. Without that
    // it would fail later with a misleading "not a database"; say what is wrong before touching it.
    const QFileInfo folder(info.absolutePath());
    if ((info.exists() && !info.isWritable()) || !folder.isWritable())
        return makeError(
            ErrorCode::Io,
            QStringLiteral("%1 is read-only for this user (%2 cannot be written); the history "
                           "needs a writable file and folder. Nothing was changed.")
                .arg(path, info.exists() && !info.isWritable() ? path : folder.absoluteFilePath()));
    // Waits for the other process (desktop app or daemon) instead of failing at once.
    auto connected = connect(path, path, QStringLiteral("QSQLITE_BUSY_TIMEOUT=10000"));
    if (!connected)
        return connected.error();
    std::unique_ptr<Database> database = std::move(connected).value();
    if (const auto id = identity(path)) {
        QMutexLocker lock(&openFiles().mutex);
        database->m_canonicalPath = QFileInfo(path).canonicalFilePath();
        openFiles().byPath.insert(database->m_canonicalPath, *id);
    }
    if (auto ready = database->prepare(); !ready)
        return ready.error();
    return database;
}

Database::~Database()
{
    if (!m_canonicalPath.isEmpty()) {
        QMutexLocker lock(&openFiles().mutex);
        auto it = openFiles().byPath.find(m_canonicalPath);
        if (it != openFiles().byPath.end())
            openFiles().byPath.erase(it);
    }
    const QString name = m_db.connectionName();
    m_db.close();
    m_db = QSqlDatabase();
    QSqlDatabase::removeDatabase(name);
}

Status Database::prepareReadOnly()
{
    QSqlQuery q(m_db);
    // every read of the file happens here, so a file that cannot be read at all fails now
    if (!q.exec(QStringLiteral("PRAGMA user_version")) || !q.next())
        return sqlError(QStringLiteral("cannot read %1").arg(m_path), q.lastError());
    m_version = q.value(0).toInt();
    if (m_version != kSchemaVersion)
        return makeError(
            ErrorCode::Database,
            m_version > kSchemaVersion
                ? QStringLiteral("%1 was written by a newer Rebuild Radar (schema %2, this one knows %3)")
                      .arg(m_path)
                      .arg(m_version)
                      .arg(kSchemaVersion)
                : QStringLiteral("%1 needs an upgrade (schema %2 to %3), which needs write access; "
                                 "nothing was changed")
                      .arg(m_path)
                      .arg(m_version)
                      .arg(kSchemaVersion));
    if (!q.exec(QStringLiteral("SELECT COUNT(*) FROM tags")) || !q.next())
        return sqlError(QStringLiteral("cannot read %1").arg(m_path), q.lastError());
    return Ok{};
}

Status Database::prepare()
{
    QSqlQuery q(m_db);
    // A file that is not SQLite fails here; a damaged one fails the integrity check.
    if (!q.exec(QStringLiteral("PRAGMA user_version")) || !q.next()) {
        // a full or failing disk is said as such, not as a file that is not ours
        const int primary = q.lastError().nativeErrorCode().toInt() & 0xff;
        if (primary == 13 || primary == 10 || primary == 8 || primary == 5)
            return sqlError(QStringLiteral("cannot read %1").arg(m_path), q.lastError());
        return makeError(ErrorCode::Database,
                         QStringLiteral("%1 is not a Rebuild Radar database (or is damaged): %2")
                             .arg(m_path, q.lastError().databaseText()));
    }
    m_version = q.value(0).toInt();
    if (m_version > kSchemaVersion)
        return newerSchema();
    if (m_version > 0) {
        // A full integrity check reads the whole file (seconds for years of history), so it runs before
        // an upgrade rewrites the file; every open reads the schema and the watchlist's b-trees, and
        // damage elsewhere is reported by SQLite when a statement reaches it (nothing is written then).
        const bool upgrading = m_version < kSchemaVersion;
        if (!q.exec(upgrading
                        ? QStringLiteral("PRAGMA integrity_check")
                        : QStringLiteral("SELECT 'ok' FROM (SELECT COUNT(*) FROM sqlite_master),"
                                         " (SELECT COUNT(*) FROM tags), (SELECT COUNT(*) FROM families)")))
            return makeError(ErrorCode::Database,
                             QStringLiteral("%1 is damaged: %2").arg(m_path, q.lastError().text()));
        QStringList problems;
        while (q.next())
            problems.append(q.value(0).toString());
        if (problems != QStringList{QStringLiteral("ok")})
            return makeError(ErrorCode::Database,
                             QStringLiteral("%1 failed its integrity check and was left untouched: %2")
                                 .arg(m_path, problems.mid(0, 3).join(QStringLiteral("; "))));
    }
    q.finish(); // VACUUM INTO (the copy) waits for no statement
    if (m_version > 0 && m_version < kSchemaVersion) {
        if (auto kept = keepCopy(); !kept)
            return kept;
    }
    for (const QString &pragma :
         {QStringLiteral("PRAGMA journal_mode=WAL"), QStringLiteral("PRAGMA foreign_keys=ON"),
          QStringLiteral("PRAGMA synchronous=NORMAL")}) {
        if (!q.exec(pragma))
            return sqlError(QStringLiteral("cannot set up %1").arg(m_path), q.lastError());
    }
    if (m_version < kSchemaVersion)
        return migrate(m_version);
    return Ok{};
}

Error Database::newerSchema() const
{
    return makeError(ErrorCode::Database,
                     QStringLiteral("%1 was written by a newer Rebuild Radar (schema %2, this one knows %3); "
                                    "it was left untouched")
                         .arg(m_path)
                         .arg(m_version)
                         .arg(kSchemaVersion));
}

Status Database::keepCopy()
{
    // A copy of the file as it was, in case a step goes wrong in a way no test foresaw. The WAL is
    // folded into the file first, so the copy is whole.
    QSqlQuery checkpoint(m_db);
    checkpoint.exec(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)"));
    checkpoint.finish();
    // SQLite writes the copy itself: a QFile::copy would open and close the database file in this
    // process, and with that close every lock the process holds on it would go (see isOpenHistoryFile).
    const QString backup = QStringLiteral("%1.v%2.bak").arg(m_path).arg(m_version);
    QFile::remove(backup);
    QSqlQuery copy(m_db);
    copy.prepare(QStringLiteral("VACUUM INTO ?"));
    copy.addBindValue(backup);
    if (!copy.exec())
        return makeError(ErrorCode::Io, QStringLiteral("cannot keep a copy of %1 before upgrading it: %2")
                                            .arg(m_path, copy.lastError().text()));
    qCInfo(lcStore) << "upgrading" << m_path << "from schema" << m_version << "; copy kept at" << backup;
    return Ok{};
}

Status Database::migrate(int from)
{
    for (int step = from + 1; step <= kSchemaVersion; ++step) {
        bool doneElsewhere = false;
        Status done = transaction([&]() -> Status {
            // Another program opening the same history at the same time may have taken this step.
            auto now = m_backend == Backend::SQLite ? sqliteVersion() : postgresVersion();
            if (!now)
                return now.error();
            if (*now >= step) {
                doneElsewhere = true;
                return Ok{};
            }
            QSqlQuery q(m_db);
            for (const QString &statement : migrationStep(step, m_backend)) {
                if (!q.exec(statement))
                    return sqlError(QStringLiteral("schema step %1 failed").arg(step), q.lastError());
            }
            if (step == 12) {
                if (auto ok = claimEarlierUserState(); !ok)
                    return ok;
            }
            if (!q.exec(versionStatement(m_backend, step)))
                return sqlError(QStringLiteral("schema step %1 failed").arg(step), q.lastError());
            return Ok{};
        });
        if (!done)
            return done;
        m_version = step;
    }
    return Ok{};
}

Status Database::claimEarlierUserState()
{
    // Before schema 12 one history had one user's state; it is the state of who upgrades it (on a
    // file, its owner), and so are the channels added then and the desktop's outbox.
    const QString user = userName();
    const QList<std::pair<QString, QString>> claims{
        {QStringLiteral("UPDATE user_tags SET user_name = ? WHERE user_name = ''"), user},
        {QStringLiteral("UPDATE user_acknowledgements SET user_name = ? WHERE user_name = ''"), user},
        {QStringLiteral("UPDATE channels SET added_by = ? WHERE added_by = ''"), user},
        {QStringLiteral("UPDATE outbox_cursors SET consumer = ? WHERE consumer = 'desktop'"),
         personalConsumer(QStringLiteral("desktop"), user)},
        {QStringLiteral("UPDATE notices SET consumer = ? WHERE consumer = 'desktop'"),
         personalConsumer(QStringLiteral("desktop"), user)},
    };
    for (const auto &[statement, value] : claims) {
        QSqlQuery q(m_db);
        q.prepare(statement);
        q.addBindValue(value);
        if (!q.exec())
            return sqlError(QStringLiteral("schema step 12 failed"), q.lastError());
    }
    return Ok{};
}

QString Database::userName()
{
    // The account's name, as the system knows it (not $USER, which anyone may set to anything).
    if (const passwd *account = getpwuid(geteuid()); account && account->pw_name)
        return QString::fromLocal8Bit(account->pw_name);
    return QStringLiteral("uid-%1").arg(geteuid());
}

QString Database::personalConsumer(const QString &consumer, const QString &user)
{
    return consumer + u':' + user;
}

Status Database::begin(bool takeTurn)
{
    // IMMEDIATE takes the write lock up front, so busy_timeout applies instead of a deadlock later.
    QSqlQuery q(m_db);
    if (!q.exec(m_backend == Backend::SQLite ? QStringLiteral("BEGIN IMMEDIATE") : QStringLiteral("BEGIN")))
        return sqlError(QStringLiteral("cannot start a transaction"), q.lastError());
    // On PostgreSQL the writers of a history take turns as they do on SQLite: every write decided on
    // what it read stays exact under any number of daemons, without retries. Leases (which take rows,
    // not turns) do not come through here.
    if (m_backend == Backend::PostgreSQL && takeTurn &&
        !q.exec(QStringLiteral("SELECT pg_advisory_xact_lock(%1)").arg(kWriterLock))) {
        Error error = sqlError(QStringLiteral("cannot start a transaction"), q.lastError());
        rollback();
        return error;
    }
    return Ok{};
}

Status Database::commit()
{
    QSqlQuery q(m_db);
    if (!q.exec(QStringLiteral("COMMIT")))
        return sqlError(QStringLiteral("cannot commit"), q.lastError());
    return Ok{};
}

void Database::rollback()
{
    QSqlQuery q(m_db);
    q.exec(QStringLiteral("ROLLBACK"));
}

} // namespace RebuildRadar

namespace RebuildRadar {

Result<int> Database::sqliteVersion()
{
    QSqlQuery q(m_db);
    if (!q.exec(QStringLiteral("PRAGMA user_version")) || !q.next())
        return sqlError(QStringLiteral("cannot read %1").arg(m_path), q.lastError());
    return q.value(0).toInt();
}

Result<qint64> Database::dataVersion()
{
    if (m_backend == Backend::PostgreSQL)
        return m_changesSeen ? m_changesSeen->loadRelaxed() : 0;
    QSqlQuery q(m_db);
    if (!q.exec(QStringLiteral("PRAGMA data_version")) || !q.next())
        return sqlError(QStringLiteral("cannot read the database's version"), q.lastError());
    return q.value(0).toLongLong();
}

QString Database::rowLocks() const
{
    return m_backend == Backend::PostgreSQL ? QStringLiteral(" FOR UPDATE SKIP LOCKED") : QString();
}

QString Database::unindexed(const QString &expression) const
{
    return m_backend == Backend::SQLite ? QStringLiteral("+") + expression : expression;
}

} // namespace RebuildRadar
