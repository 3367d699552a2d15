#include "store/Database.h"

#include <QAtomicInt>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QMultiHash>
#include <QMutex>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QUrl>

#include <optional>

#include <sys/stat.h>

namespace RebuildRadar {

Q_LOGGING_CATEGORY(lcStore, "rebuildradar.store")

Error sqlError(const QString &what, const QSqlError &error)
{
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

QStringList Database::migrationStep(int toVersion)
{
    switch (toVersion) {
    case 1:
        return {
            QStringLiteral("CREATE TABLE tags ("
                           " id INTEGER PRIMARY KEY,"
                           " reference TEXT NOT NULL UNIQUE,"
                           " registry TEXT NOT NULL,"
                           " repository TEXT NOT NULL,"
                           " tag TEXT NOT NULL,"
                           " watched INTEGER NOT NULL DEFAULT 1,"
                           " interval_seconds INTEGER NOT NULL,"
                           " pinned_digest TEXT,"
                           " status TEXT NOT NULL DEFAULT 'pending',"
                           " last_error TEXT,"
                           " last_checked BIGINT,"
                           " current_span_id BIGINT,"
                           " added_at BIGINT NOT NULL)"),
            QStringLiteral("CREATE INDEX tags_repository ON tags(registry, repository)"),
            QStringLiteral("CREATE TABLE spans ("
                           " id INTEGER PRIMARY KEY,"
                           " tag_id BIGINT NOT NULL REFERENCES tags(id) ON DELETE CASCADE,"
                           " digest TEXT NOT NULL,"
                           " media_type TEXT,"
                           " first_seen BIGINT NOT NULL,"
                           " last_seen BIGINT NOT NULL,"
                           " built_at BIGINT,"
                           " annotations TEXT,"
                           " source TEXT NOT NULL DEFAULT 'poll')"),
            QStringLiteral("CREATE INDEX spans_tag_time ON spans(tag_id, first_seen)"),
            QStringLiteral("CREATE INDEX spans_digest ON spans(digest)"),
            QStringLiteral("CREATE TABLE span_platforms ("
                           " span_id BIGINT NOT NULL REFERENCES spans(id) ON DELETE CASCADE,"
                           " platform TEXT NOT NULL,"
                           " digest TEXT NOT NULL,"
                           " annotations TEXT,"
                           " PRIMARY KEY (span_id, platform))"),
            QStringLiteral("CREATE TABLE rebuilds ("
                           " id INTEGER PRIMARY KEY,"
                           " tag_id BIGINT NOT NULL REFERENCES tags(id) ON DELETE CASCADE,"
                           " detected_at BIGINT NOT NULL,"
                           " from_digest TEXT NOT NULL,"
                           " to_digest TEXT NOT NULL,"
                           " platforms_changed TEXT NOT NULL,"
                           " platforms_added TEXT NOT NULL,"
                           " platforms_removed TEXT NOT NULL,"
                           " causes TEXT NOT NULL)"),
            QStringLiteral("CREATE INDEX rebuilds_tag_time ON rebuilds(tag_id, detected_at)"),
        };
    case 2:
        // Per-tag platforms of interest, muting and acknowledgement, tag families.
        return {
            QStringLiteral("ALTER TABLE tags ADD COLUMN platforms TEXT"),
            QStringLiteral("ALTER TABLE tags ADD COLUMN muted INTEGER NOT NULL DEFAULT 0"),
            QStringLiteral("ALTER TABLE tags ADD COLUMN family_id BIGINT"),
            QStringLiteral("ALTER TABLE rebuilds ADD COLUMN acknowledged INTEGER NOT NULL DEFAULT 0"),
            QStringLiteral("CREATE TABLE families ("
                           " id INTEGER PRIMARY KEY,"
                           " registry TEXT NOT NULL,"
                           " repository TEXT NOT NULL,"
                           " pattern TEXT NOT NULL,"
                           " interval_seconds INTEGER NOT NULL,"
                           " last_listed BIGINT,"
                           " UNIQUE (registry, repository, pattern))"),
        };
    case 3:
        // A sweep of unchanged tags writes only the compact tags table: the current span's last
        // sighting lives on its tag and is copied into the span when the span ends.
        return {
            QStringLiteral("ALTER TABLE tags ADD COLUMN current_seen BIGINT"),
            QStringLiteral("UPDATE tags SET current_seen ="
                           " (SELECT s.last_seen FROM spans s WHERE s.id = tags.current_span_id)"),
        };
    case 4:
        // When upstream pushed a digest, where the registry says (Docker Hub's tag API, tag histories).
        return {
            QStringLiteral("ALTER TABLE spans ADD COLUMN pushed_at BIGINT"),
            QStringLiteral("ALTER TABLE span_platforms ADD COLUMN pushed_at BIGINT"),
        };
    case 5:
        // The watchlist's counts from an index alone: each rebuild says whether it is a version move,
        // and each tag keeps its total.
        return {
            QStringLiteral("ALTER TABLE rebuilds ADD COLUMN version_move INTEGER NOT NULL DEFAULT 0"),
            QStringLiteral("UPDATE rebuilds SET version_move = 1 WHERE causes LIKE '%\"kind\":\"version\"%'"),
            QStringLiteral("DROP INDEX rebuilds_tag_time"),
            QStringLiteral("CREATE INDEX rebuilds_tag_time ON rebuilds(tag_id, detected_at, version_move)"),
            QStringLiteral("ALTER TABLE tags ADD COLUMN rebuild_count INTEGER NOT NULL DEFAULT 0"),
            QStringLiteral(
                "UPDATE tags SET rebuild_count = (SELECT COUNT(*) FROM rebuilds r WHERE r.tag_id = tags.id)"),
        };
    case 6:
        // The watchlist from the tags table alone: what the current span holds and the last rebuild live
        // on the tag row (reading them per tag was seconds on a cold cache), and the counts of a period
        // come from one range of a time index.
        return {
            QStringLiteral("ALTER TABLE tags ADD COLUMN current_digest TEXT"),
            QStringLiteral("ALTER TABLE tags ADD COLUMN current_media_type TEXT"),
            QStringLiteral("ALTER TABLE tags ADD COLUMN current_platforms TEXT"),
            QStringLiteral("ALTER TABLE tags ADD COLUMN last_rebuild_at BIGINT"),
            QStringLiteral("ALTER TABLE tags ADD COLUMN silent_count INTEGER NOT NULL DEFAULT 0"),
            QStringLiteral(
                "UPDATE tags SET"
                " current_digest = (SELECT s.digest FROM spans s WHERE s.id = tags.current_span_id),"
                " current_media_type = (SELECT s.media_type FROM spans s WHERE s.id = tags.current_span_id),"
                " current_platforms = (SELECT GROUP_CONCAT(p.platform, ',') FROM span_platforms p"
                "  WHERE p.span_id = tags.current_span_id),"
                " last_rebuild_at = (SELECT MAX(r.detected_at) FROM rebuilds r WHERE r.tag_id = tags.id),"
                " silent_count = (SELECT COUNT(*) FROM rebuilds r WHERE r.tag_id = tags.id"
                "  AND r.version_move = 0)"),
            QStringLiteral("CREATE INDEX rebuilds_time ON rebuilds(detected_at, tag_id, version_move)"),
        };
    case 7:
        // Several programs share one history. Each one that announces (the desktop, the daemon's
        // channels) keeps a cursor over the rebuilds it has turned into notices, and its notices wait in
        // an outbox until delivered, so a rebuild recorded by anyone is announced by each consumer once,
        // and a notice in hand when a program is killed is delivered after it restarts. The watchlist's
        // generation moves with every change of what is watched, so the others reload only then.
        return {
            QStringLiteral("CREATE TABLE outbox_cursors (consumer TEXT PRIMARY KEY,"
                           " last_rebuild_id INTEGER NOT NULL)"),
            QStringLiteral("CREATE TABLE notices ("
                           " id INTEGER PRIMARY KEY,"
                           " consumer TEXT NOT NULL,"
                           " tag_id INTEGER NOT NULL REFERENCES tags(id),"
                           " rebuild_id INTEGER NOT NULL REFERENCES rebuilds(id),"
                           " kind TEXT NOT NULL,"
                           " created_at BIGINT NOT NULL,"
                           " delivered_at BIGINT,"
                           " attempts INTEGER NOT NULL DEFAULT 0,"
                           " last_error TEXT)"),
            QStringLiteral("CREATE INDEX notices_pending ON notices(consumer, delivered_at, id)"),
            QStringLiteral("CREATE TABLE watchlist_generation (id INTEGER PRIMARY KEY CHECK (id = 1),"
                           " generation INTEGER NOT NULL)"),
            QStringLiteral("INSERT INTO watchlist_generation (id, generation) VALUES (1, 0)"),
            QStringLiteral("CREATE TRIGGER watchlist_added AFTER INSERT ON tags BEGIN"
                           " UPDATE watchlist_generation SET generation = generation + 1; END"),
            QStringLiteral("CREATE TRIGGER watchlist_changed AFTER UPDATE OF watched, interval_seconds,"
                           " platforms, muted, family_id, pinned_digest ON tags BEGIN"
                           " UPDATE watchlist_generation SET generation = generation + 1; END"),
            QStringLiteral("CREATE TRIGGER watchlist_removed AFTER DELETE ON tags BEGIN"
                           " UPDATE watchlist_generation SET generation = generation + 1; END"),
        };
    case 8:
        // What changed inside each rebuild, per platform (issue 21): the analysis once done, or why it
        // could not be done. A row is also a claim: the program analysing it marks it first, so two
        // programs on one history analyse each rebuild once, and a claim left by a dead one expires.
        return {
            QStringLiteral("CREATE TABLE rebuild_packages ("
                           " rebuild_id INTEGER NOT NULL REFERENCES rebuilds(id),"
                           " platform TEXT NOT NULL,"
                           " state TEXT NOT NULL,"
                           " record TEXT,"
                           " reason TEXT,"
                           " attempts INTEGER NOT NULL DEFAULT 0,"
                           " updated_at BIGINT NOT NULL,"
                           " PRIMARY KEY (rebuild_id, platform))"),
        };
    case 9:
        // Notification channels (webhooks, chat, e-mail): what each one is, with its URL masked (the
        // URL itself, a secret, lives in the keychain or a 0600 file) and its filters. Each channel is
        // an outbox consumer ("channel:NAME"). One program at a time delivers a channel: it holds the
        // lease, renewed while it runs, so the desktop and the daemon never send the same notice twice.
        return {
            QStringLiteral("CREATE TABLE channels ("
                           " name TEXT PRIMARY KEY,"
                           " kind TEXT NOT NULL,"
                           " masked_url TEXT NOT NULL,"
                           " tags_pattern TEXT,"
                           " platforms TEXT,"
                           " events TEXT NOT NULL,"
                           " batch_seconds INTEGER NOT NULL DEFAULT 0,"
                           " insecure INTEGER NOT NULL DEFAULT 0,"
                           " secret_store TEXT NOT NULL,"
                           " created_at BIGINT NOT NULL,"
                           " lease_owner TEXT,"
                           " lease_until BIGINT)"),
        };
    case 10:
        // The watchlist's build number and unacknowledged rebuilds per tag, kept on the tag row (as its
        // totals are) so a watchlist of thousands reads no span or rebuild. -1: to be worked out again
        // (a write that changes either marks the tag; the next watchlist read works it out and keeps it).
        return {
            QStringLiteral("ALTER TABLE tags ADD COLUMN current_build INTEGER NOT NULL DEFAULT -1"),
            QStringLiteral("ALTER TABLE tags ADD COLUMN unacknowledged INTEGER NOT NULL DEFAULT 0"),
        };
    default:
        return {};
    }
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

Result<std::unique_ptr<Database>> Database::connect(const QString &path, const QString &databaseName,
                                                    const QString &options)
{
    static QAtomicInt counter;
    const QString name = QStringLiteral("rebuildradar-%1").arg(counter.fetchAndAddRelaxed(1));
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
    db.setDatabaseName(databaseName);
    db.setConnectOptions(options);
    if (!db.open()) {
        Error error = sqlError(QStringLiteral("cannot open %1").arg(path), db.lastError());
        db = QSqlDatabase();
        QSqlDatabase::removeDatabase(name);
        return error;
    }
    std::unique_ptr<Database> database(new Database(db, path));
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

Result<std::unique_ptr<Database>> Database::open(const QString &path, Access access)
{
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
        return makeError(
            ErrorCode::Database,
            QStringLiteral("%1 was written by a newer Rebuild Radar (schema %2, this one knows %3); "
                           "it was left untouched")
                .arg(m_path)
                .arg(m_version)
                .arg(kSchemaVersion));
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
        Status done = transaction([&]() -> Status {
            QSqlQuery q(m_db);
            for (const QString &statement : migrationStep(step)) {
                if (!q.exec(statement))
                    return sqlError(QStringLiteral("schema step %1 failed").arg(step), q.lastError());
            }
            if (!q.exec(QStringLiteral("PRAGMA user_version = %1").arg(step)))
                return sqlError(QStringLiteral("schema step %1 failed").arg(step), q.lastError());
            return Ok{};
        });
        if (!done)
            return done;
        m_version = step;
    }
    return Ok{};
}

Status Database::begin()
{
    // IMMEDIATE takes the write lock up front, so busy_timeout applies instead of a deadlock later.
    QSqlQuery q(m_db);
    if (!q.exec(QStringLiteral("BEGIN IMMEDIATE")))
        return sqlError(QStringLiteral("cannot start a transaction"), q.lastError());
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
