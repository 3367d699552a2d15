// The PostgreSQL half of Database: opening a team history from its URI (the password a caller holds is
// used, never kept), reading its schema version from its own table, the refusals that differ from a
// file's (a database holding something else), and its errors in a user's words by SQLSTATE class.

#include "store/Database.h"

#include "common/PostgresLocation.h"

#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>

namespace RebuildRadar {

namespace {

// libpq says a login needs a password before any SQLSTATE exists (no server error yet).
bool isLoginRefusal(const QString &text)
{
    return text.contains(QStringLiteral("password authentication failed")) ||
           text.contains(QStringLiteral("no password supplied"));
}

} // namespace

// PostgreSQL's SQLSTATE classes that a user can act on (Appendix A of its manual).
Error postgresSqlError(const QString &what, const QSqlError &error)
{
    QString text = error.databaseText().trimmed();
    if (text.isEmpty())
        text = error.text().trimmed();
    const QString state = error.nativeErrorCode();
    if (state.startsWith(QStringLiteral("28")) || isLoginRefusal(text))
        return makeError(ErrorCode::AuthFailed,
                         QStringLiteral("%1: the database server refused the login (%2); a password goes in "
                                        "~/.pgpass, PGPASSFILE or PGPASSWORD, or the keychain (the desktop "
                                        "app asks for it)")
                             .arg(what, text));
    if (state.startsWith(QStringLiteral("08")) || state.startsWith(QStringLiteral("57P")) || state.isEmpty())
        return makeError(ErrorCode::Database,
                         QStringLiteral("%1: the team database cannot be reached (%2); nothing was written")
                             .arg(what, text));
    if (state == QLatin1String("53100"))
        return makeError(ErrorCode::Io,
                         QStringLiteral("%1: the database server's disk is full (%2); nothing was written")
                             .arg(what, text));
    if (state == QLatin1String("25006"))
        return makeError(ErrorCode::Io,
                         QStringLiteral("%1: the history database is read-only (%2); nothing was written")
                             .arg(what, text));
    if (state == QLatin1String("40001") || state == QLatin1String("40P01") || state == QLatin1String("55P03"))
        return makeError(
            ErrorCode::Database,
            QStringLiteral("%1: another program kept the history database busy (%2); nothing was "
                           "written, try again")
                .arg(what, text));
    if (state.startsWith(QStringLiteral("XX")))
        return makeError(
            ErrorCode::Database,
            QStringLiteral("%1: the history database is damaged (%2); nothing was written").arg(what, text));
    return makeError(ErrorCode::Database, QStringLiteral("%1: %2").arg(what, text));
}

bool Database::isPostgresLocation(const QString &location)
{
    return PostgresLocation::isUri(location);
}

Result<std::unique_ptr<Database>> Database::openPostgres(const QString &uri, const QString &password)
{
    auto location = PostgresLocation::parse(uri);
    if (!location)
        return location.error();
    if (!QSqlDatabase::isDriverAvailable(QStringLiteral("QPSQL")))
        return makeError(
            ErrorCode::Database,
            QStringLiteral("this installation cannot open PostgreSQL databases: Qt's QPSQL driver "
                           "is missing (Debian: libqt6sql6-psql)"));
    const QString name = newConnectionName();
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), name);
    if (!location->host.isEmpty())
        db.setHostName(location->host);
    if (location->port > 0)
        db.setPort(location->port);
    if (!location->user.isEmpty())
        db.setUserName(location->user);
    db.setDatabaseName(location->database);
    QStringList options = location->options;
    if (!std::any_of(options.begin(), options.end(),
                     [](const QString &o) { return o.startsWith(QStringLiteral("connect_timeout=")); }))
        options.append(QStringLiteral("connect_timeout=10")); // a server that is down is said so soon
    if (!std::any_of(options.begin(), options.end(),
                     [](const QString &o) { return o.startsWith(QStringLiteral("application_name=")); }))
        options.append(QStringLiteral("application_name=rebuildradar"));
    db.setConnectOptions(options.join(u';'));
    // a password the caller holds (the desktop's, from the keychain) is used, never kept
    db.setPassword(password);
    const bool opened = db.open();
    db.setPassword(QString());
    if (!opened) {
        Error error = sqlError(QStringLiteral("cannot open %1").arg(uri), db.lastError());
        db = QSqlDatabase();
        QSqlDatabase::removeDatabase(name);
        return error;
    }
    std::unique_ptr<Database> database(new Database(db, uri, Backend::PostgreSQL));
    db = QSqlDatabase();
    // Other sessions' commits are counted as they are announced: what data_version is to SQLite.
    auto seen = std::make_shared<QAtomicInteger<qint64>>(0);
    database->m_changesSeen = seen;
    QSqlDriver *driver = database->m_db.driver();
    database->onOtherProgramsCommit(driver, [seen] { seen->fetchAndAddRelaxed(1); });
    if (!driver->subscribeToNotification(QString::fromLatin1(kChangeChannel)))
        return sqlError(QStringLiteral("cannot listen for changes on %1").arg(uri), driver->lastError());
    if (auto ready = database->preparePostgres(); !ready)
        return ready.error();
    return database;
}

QMetaObject::Connection Database::onOtherProgramsCommit(QObject *context, std::function<void()> react)
{
    if (m_backend != Backend::PostgreSQL)
        return {};
    // Every notice on this connection is one of kChangeChannel's (the only channel it listens to);
    // a commit of this session's own is not news.
    return QObject::connect(
        m_db.driver(), &QSqlDriver::notification, context,
        [react = std::move(react)](const QString &, QSqlDriver::NotificationSource source, const QVariant &) {
            if (source != QSqlDriver::SelfSource)
                react();
        });
}

Result<int> Database::postgresVersion()
{
    QSqlQuery q(m_db);
    if (!q.exec(QStringLiteral("SELECT to_regclass('rebuildradar_schema') IS NOT NULL, (SELECT COUNT(*) FROM"
                               " information_schema.tables WHERE table_schema = current_schema())")) ||
        !q.next())
        return sqlError(QStringLiteral("cannot read %1").arg(m_path), q.lastError());
    const bool ours = q.value(0).toBool();
    const qint64 tables = q.value(1).toLongLong();
    if (!ours && tables > 0)
        return makeError(
            ErrorCode::Database,
            QStringLiteral("%1 holds tables of something else: a team history needs a database of "
                           "its own (CREATE DATABASE rebuildradar). Nothing was changed.")
                .arg(m_path));
    if (!ours)
        return 0;
    if (!q.exec(QStringLiteral("SELECT version FROM rebuildradar_schema")) || !q.next())
        return makeError(ErrorCode::Database,
                         QStringLiteral("%1 is damaged: its schema version cannot be read (%2); it was left "
                                        "untouched")
                             .arg(m_path, q.lastError().databaseText().trimmed()));
    return q.value(0).toInt();
}

Status Database::preparePostgres()
{
    auto version = postgresVersion();
    if (!version)
        return version.error();
    m_version = *version;
    if (m_version > kSchemaVersion)
        return newerSchema();
    if (m_version > 0) {
        QSqlQuery q(m_db);
        if (!q.exec(
                m_version >= 2
                    ? QStringLiteral("SELECT (SELECT COUNT(*) FROM tags), (SELECT COUNT(*) FROM families)")
                    : QStringLiteral("SELECT COUNT(*) FROM tags")))
            return makeError(ErrorCode::Database, QStringLiteral("%1 is damaged: %2; it was left untouched")
                                                      .arg(m_path, q.lastError().databaseText().trimmed()));
    }
    // No copy is kept: PostgreSQL runs each step's DDL in its transaction, so a failing step changes
    // nothing (and the server's own backups are the team's).
    if (m_version < kSchemaVersion)
        return migrate(m_version);
    return Ok{};
}

} // namespace RebuildRadar
