#include "store/HistoryCopy.h"

#include "store/Database.h"

#include <QAtomicInt>
#include <QCryptographicHash>
#include <QFileInfo>
#include <QHash>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>
#include <QUrl>
#include <QtEndian>

namespace RebuildRadar {

namespace {

struct TableSpec
{
    QString name;
    QStringList key;
    bool identity = false; // an identity id whose sequence must be moved past the copied ids
    QStringList notCopied; // leases belong to the programs running on the old history
    bool history = true;   // part of the history proper (not a consumer's or a channel's bookkeeping)
};

const QList<TableSpec> &specs()
{
    static const QList<TableSpec> tables{
        {QStringLiteral("families"), {QStringLiteral("id")}, true, {}},
        {QStringLiteral("tags"),
         {QStringLiteral("id")},
         true,
         {QStringLiteral("lease_owner"), QStringLiteral("lease_until")}},
        {QStringLiteral("spans"), {QStringLiteral("id")}, true, {}},
        {QStringLiteral("span_platforms"),
         {QStringLiteral("span_id"), QStringLiteral("platform")},
         false,
         {}},
        {QStringLiteral("rebuilds"), {QStringLiteral("id")}, true, {}},
        {QStringLiteral("rebuild_packages"),
         {QStringLiteral("rebuild_id"), QStringLiteral("platform")},
         false,
         {}},
        // each user's own state: copied whole, checked by key (their kept counts change on reading)
        {QStringLiteral("user_tags"),
         {QStringLiteral("user_name"), QStringLiteral("tag_id")},
         false,
         {},
         false},
        {QStringLiteral("user_acknowledgements"),
         {QStringLiteral("user_name"), QStringLiteral("rebuild_id")},
         false,
         {},
         false},
        {QStringLiteral("notices"), {QStringLiteral("id")}, true, {}},
        {QStringLiteral("channels"),
         {QStringLiteral("name")},
         false,
         {QStringLiteral("lease_owner"), QStringLiteral("lease_until")},
         false},
        {QStringLiteral("outbox_cursors"), {QStringLiteral("consumer")}, false, {}, false},
    };
    return tables;
}

const QString kGeneration = QStringLiteral("watchlist_generation");

// A table's content whatever the order of its rows: their number and two sums of each row's hash.
struct Fingerprint
{
    qint64 rows = 0;
    quint64 sum = 0;
    quint64 mixed = 0;
    bool operator==(const Fingerprint &) const = default;
};

// One row as text: the same values read from SQLite and from PostgreSQL give the same text (both
// drivers give 64-bit integers and strings), and a NULL differs from every string.
QString rowText(const QSqlQuery &q, int columns, int from = 0)
{
    QString text;
    for (int i = from; i < from + columns; ++i) {
        const QVariant v = q.value(i);
        text += v.isNull() ? QStringLiteral("\x01") : QStringLiteral("\x02") + v.toString();
        text += u'\x1f';
    }
    return text;
}

Result<QSqlQuery> select(Database &db, const QString &sql)
{
    QSqlQuery q(db.sql());
    // SQLite streams the rows; PostgreSQL's driver would too, but loses them when another statement
    // runs on the connection, so there the rows are read whole (as StoreSql's queries do).
    q.setForwardOnly(db.backend() == Backend::SQLite);
    if (!q.exec(sql))
        return sqlError(QStringLiteral("cannot read %1").arg(db.path()), q.lastError());
    return q;
}

Result<Fingerprint> fingerprint(Database &db, const QString &table, const QStringList &columns)
{
    auto q = select(db, QStringLiteral("SELECT %1 FROM %2").arg(columns.join(u','), table));
    if (!q)
        return q.error();
    Fingerprint f;
    while (q->next()) {
        const QByteArray hash =
            QCryptographicHash::hash(rowText(*q, int(columns.size())).toUtf8(), QCryptographicHash::Sha256);
        f.rows += 1;
        f.sum += qFromBigEndian<quint64>(hash.constData());
        f.mixed ^= qFromBigEndian<quint64>(hash.constData() + 8);
    }
    return f;
}

Result<qint64> count(Database &db, const QString &table)
{
    auto q = select(db, QStringLiteral("SELECT COUNT(*) FROM %1").arg(table));
    if (!q)
        return q.error();
    return q->next() ? q->value(0).toLongLong() : 0;
}

// Each row of `sql` as text (a set of keys, or of whole rows).
Result<QSet<QString>> rowSet(Database &db, const QString &sql, int columns)
{
    auto q = select(db, sql);
    if (!q)
        return q.error();
    QSet<QString> rows;
    while (q->next())
        rows.insert(rowText(*q, columns));
    return rows;
}

// The columns copied of a source table (all but the ones left behind), checked against the target's.
Result<QStringList> copiedColumns(Database &source, Database &target, const TableSpec &table)
{
    auto info = select(source, QStringLiteral("PRAGMA table_info(%1)").arg(table.name));
    if (!info)
        return info.error();
    QStringList columns;
    while (info->next()) {
        const QString column = info->value(1).toString();
        if (!table.notCopied.contains(column))
            columns.append(column);
    }
    QSqlQuery q(target.sql());
    q.prepare(QStringLiteral("SELECT column_name FROM information_schema.columns"
                             " WHERE table_schema = current_schema() AND table_name = ?"));
    q.addBindValue(table.name);
    if (!q.exec())
        return sqlError(QStringLiteral("cannot read %1").arg(target.path()), q.lastError());
    QSet<QString> there;
    while (q.next())
        there.insert(q.value(0).toString());
    for (const QString &column : columns) {
        if (!there.contains(column))
            return makeError(ErrorCode::Database,
                             QStringLiteral("%1 has no column %2.%3 although its schema is the same; nothing "
                                            "was changed")
                                 .arg(target.path(), table.name, column));
    }
    return columns;
}

// Copies the rows of `select` (in `columns`' order) into the target table, many rows per statement.
Status insertRows(Database &source, Database &target, const QString &table, const QStringList &columns,
                  const QString &selectSql, const QString &onConflict)
{
    auto rows = select(source, selectSql);
    if (!rows)
        return rows.error();
    const int width = int(columns.size());
    const int batch = std::max(1, 4000 / width);
    QList<QVariant> values;
    auto flush = [&]() -> Status {
        if (values.isEmpty())
            return Ok{};
        const qsizetype n = values.size() / width;
        const QString row = u'(' + QStringList(width, QStringLiteral("?")).join(u',') + u')';
        QSqlQuery insert(target.sql());
        if (!insert.prepare(QStringLiteral("INSERT INTO %1 (%2) VALUES %3 %4")
                                .arg(table, columns.join(u','), QStringList(n, row).join(u','), onConflict)))
            return sqlError(QStringLiteral("cannot copy %1").arg(table), insert.lastError());
        for (const QVariant &v : values)
            insert.addBindValue(v);
        if (!insert.exec())
            return sqlError(QStringLiteral("cannot copy %1").arg(table), insert.lastError());
        values.clear();
        return Ok{};
    };
    while (rows->next()) {
        for (int i = 0; i < width; ++i)
            values.append(rows->value(i));
        if (values.size() >= qsizetype(batch) * width) {
            if (auto done = flush(); !done)
                return done;
        }
    }
    return flush();
}

Status exec(Database &db, const QString &sql, const QVariantList &binds = {})
{
    QSqlQuery q(db.sql());
    q.prepare(sql);
    for (const QVariant &v : binds)
        q.addBindValue(v);
    if (!q.exec())
        return sqlError(QStringLiteral("cannot copy into %1").arg(db.path()), q.lastError());
    return Ok{};
}

// Tables of the source this code would not copy: a history of a newer layout than it knows.
Status refuseUnknownTables(Database &source)
{
    auto names = select(source, QStringLiteral("SELECT name FROM sqlite_master WHERE type = 'table'"
                                               " AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'"));
    if (!names)
        return names.error();
    while (names->next()) {
        const QString name = names->value(0).toString();
        if (name != kGeneration && !HistoryCopy::tables().contains(name))
            return makeError(ErrorCode::InvalidInput,
                             QStringLiteral("%1 holds a table this Rebuild Radar cannot copy (%2); nothing "
                                            "was changed")
                                 .arg(source.path(), name));
    }
    return Ok{};
}

class Copier
{
public:
    Copier(Database &source, Database &target)
        : m_source(source)
        , m_target(target)
    {}

    Status run(HistoryCopy &result)
    {
        if (auto known = refuseUnknownTables(m_source); !known)
            return known;
        for (const TableSpec &table : specs()) {
            auto columns = copiedColumns(m_source, m_target, table);
            if (!columns)
                return columns.error();
            m_columns.insert(table.name, *columns);
        }
        auto held = targetHoldsHistory();
        if (!held)
            return held.error();
        if (*held) {
            auto same = sameHistory();
            if (!same)
                return same.error();
            if (*same) {
                result.outcome = HistoryCopy::Outcome::AlreadyThere;
            } else {
                auto grown = holdsAllOfSource();
                if (!grown)
                    return grown.error();
                if (!*grown)
                    return makeError(
                        ErrorCode::InvalidInput,
                        QStringLiteral("%1 already holds another history: migrate copies into a team "
                                       "database that holds no history yet (or already holds this one). "
                                       "Nothing was changed.")
                            .arg(m_target.path()));
                result.outcome = HistoryCopy::Outcome::AlreadyGrown;
            }
        } else {
            if (auto copied = copy(); !copied)
                return copied;
            if (auto verified = verify(); !verified)
                return verified;
            result.outcome = HistoryCopy::Outcome::Copied;
        }
        for (const TableSpec &table : specs()) {
            auto inSource = count(m_source, table.name);
            if (!inSource)
                return inSource.error();
            auto inTarget = count(m_target, table.name);
            if (!inTarget)
                return inTarget.error();
            result.counts.append({table.name, *inSource, *inTarget});
        }
        return Ok{};
    }

private:
    Result<bool> targetHoldsHistory()
    {
        for (const TableSpec &table : specs()) {
            if (!table.history)
                continue;
            auto rows = count(m_target, table.name);
            if (!rows)
                return rows.error();
            if (*rows > 0)
                return true;
        }
        return false;
    }

    Result<bool> sameHistory()
    {
        for (const TableSpec &table : specs()) {
            if (!table.history)
                continue;
            auto mismatch = differs(table.name);
            if (!mismatch)
                return mismatch.error();
            if (!mismatch->isEmpty())
                return false;
        }
        return true;
    }

    // Empty when the table's copied columns hold the same rows on both sides, else why not.
    Result<QString> differs(const QString &table)
    {
        const QStringList &columns = m_columns[table];
        auto here = fingerprint(m_source, table, columns);
        if (!here)
            return here.error();
        auto there = fingerprint(m_target, table, columns);
        if (!there)
            return there.error();
        if (*here == *there)
            return QString();
        return here->rows == there->rows
                   ? QStringLiteral("%1: %2 rows on both sides, but not the same").arg(table).arg(here->rows)
                   : QStringLiteral("%1: %2 rows in the source, %3 in the team database")
                         .arg(table)
                         .arg(here->rows)
                         .arg(there->rows);
    }

    // Every tag and every rebuild of the source is in the target under its id: a history migrated
    // before, on which the team has gone on recording.
    Result<bool> holdsAllOfSource()
    {
        const QList<QPair<QString, QString>> keys{
            {QStringLiteral("tags"), QStringLiteral("id, reference")},
            {QStringLiteral("rebuilds"), QStringLiteral("id, tag_id, detected_at, from_digest, to_digest")}};
        for (const auto &[table, columns] : keys) {
            const int width = int(columns.count(u',')) + 1;
            const QString sql = QStringLiteral("SELECT %1 FROM %2").arg(columns, table);
            auto there = rowSet(m_target, sql, width);
            if (!there)
                return there.error();
            auto here = select(m_source, sql);
            if (!here)
                return here.error();
            while (here->next()) {
                if (!there->contains(rowText(*here, width)))
                    return false;
            }
        }
        return true;
    }

    Status copy()
    {
        // Consumers that started on the empty team database have seen none of the copied rebuilds, and
        // must not announce years of history as news: their cursors start after the copied rebuilds.
        auto newest = select(m_source, QStringLiteral("SELECT COALESCE(MAX(id), 0) FROM rebuilds"));
        if (!newest)
            return newest.error();
        const qint64 newestRebuild = newest->next() ? newest->value(0).toLongLong() : 0;
        if (auto moved = exec(m_target,
                              QStringLiteral("UPDATE outbox_cursors SET last_rebuild_id = ?"
                                             " WHERE last_rebuild_id < ?"),
                              {newestRebuild, newestRebuild});
            !moved)
            return moved;
        if (auto channels = refuseOtherChannels(); !channels)
            return channels;
        for (const TableSpec &table : specs()) {
            const QStringList &columns = m_columns[table.name];
            QString onConflict;
            if (table.name == u"channels")
                onConflict = QStringLiteral("ON CONFLICT (name) DO NOTHING"); // the same one, checked above
            else if (table.name == u"outbox_cursors")
                onConflict = QStringLiteral(
                    "ON CONFLICT (consumer) DO UPDATE SET last_rebuild_id = EXCLUDED.last_rebuild_id");
            const QString sql = QStringLiteral("SELECT %1 FROM %2 ORDER BY %3")
                                    .arg(columns.join(u','), table.name, table.key.join(u','));
            if (auto copied = insertRows(m_source, m_target, table.name, columns, sql, onConflict); !copied)
                return copied;
            // Rows came with their ids; the next id the team database gives must come after them.
            if (table.identity) {
                if (auto moved = exec(m_target, QStringLiteral("SELECT setval(pg_get_serial_sequence('%1', "
                                                               "'id'), COALESCE((SELECT MAX(id) FROM %1), 0) "
                                                               "+ 1, false)")
                                                    .arg(table.name));
                    !moved)
                    return moved;
            }
        }
        // Programs that read the watchlist before reload it: its generation moves past both.
        auto generation = select(m_source, QStringLiteral("SELECT generation FROM watchlist_generation"));
        if (!generation)
            return generation.error();
        const qint64 sourceGeneration = generation->next() ? generation->value(0).toLongLong() : 0;
        return exec(
            m_target,
            QStringLiteral("UPDATE watchlist_generation SET generation = GREATEST(generation, ?) + 1"),
            {sourceGeneration});
    }

    // A channel the team database already has under a source channel's name must be that channel.
    Status refuseOtherChannels()
    {
        const QStringList &columns = m_columns[QStringLiteral("channels")];
        const QString sql = QStringLiteral("SELECT name, %1 FROM channels").arg(columns.join(u','));
        auto there = select(m_target, sql);
        if (!there)
            return there.error();
        QHash<QString, QString> teams;
        while (there->next())
            teams.insert(there->value(0).toString(), rowText(*there, int(columns.size()), 1));
        auto here = select(m_source, sql);
        if (!here)
            return here.error();
        while (here->next()) {
            const QString name = here->value(0).toString();
            if (teams.contains(name) && teams.value(name) != rowText(*here, int(columns.size()), 1))
                return makeError(ErrorCode::InvalidInput,
                                 QStringLiteral("%1 already has a notification channel named %2, set up "
                                                "otherwise: remove one of them (notify remove %2) and run "
                                                "migrate again. Nothing was changed.")
                                     .arg(m_target.path(), name));
        }
        return Ok{};
    }

    // Before the copy commits: the history tables hold the same rows on both sides, and every channel
    // and outbox cursor of the source is in the team database.
    Status verify()
    {
        for (const TableSpec &table : specs()) {
            if (table.history) {
                auto mismatch = differs(table.name);
                if (!mismatch)
                    return mismatch.error();
                if (!mismatch->isEmpty())
                    return makeError(ErrorCode::Database,
                                     QStringLiteral("the copy into %1 does not match its source (%2); "
                                                    "nothing was written")
                                         .arg(m_target.path(), *mismatch));
                continue;
            }
            const QString sql = QStringLiteral("SELECT %1 FROM %2").arg(table.key.join(u','), table.name);
            const int width = int(table.key.size());
            auto there = rowSet(m_target, sql, width);
            if (!there)
                return there.error();
            auto here = rowSet(m_source, sql, width);
            if (!here)
                return here.error();
            if (!there->contains(*here))
                return makeError(ErrorCode::Database,
                                 QStringLiteral("the copy into %1 lacks rows of %2; nothing was written")
                                     .arg(m_target.path(), table.name));
        }
        return Ok{};
    }

    Database &m_source;
    Database &m_target;
    QHash<QString, QStringList> m_columns;
};

} // namespace

const QStringList &HistoryCopy::tables()
{
    static const QStringList names = [] {
        QStringList out;
        for (const TableSpec &table : specs())
            out.append(table.name);
        return out;
    }();
    return names;
}

Result<int> HistoryCopy::historySchema(const QString &path)
{
    static QAtomicInt counter;
    const QString name = QStringLiteral("rebuildradar-peek-%1").arg(counter.fetchAndAddRelaxed(1));
    Result<int> schema = 0;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        QUrl uri = QUrl::fromLocalFile(QFileInfo(path).absoluteFilePath());
        uri.setQuery(QStringLiteral("mode=ro"));
        db.setDatabaseName(uri.toString(QUrl::FullyEncoded));
        db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY;QSQLITE_OPEN_URI"));
        QSqlQuery q(db);
        if (!db.open())
            schema = sqlError(QStringLiteral("cannot read %1").arg(path), db.lastError());
        else if (!q.exec(QStringLiteral("SELECT (SELECT user_version FROM pragma_user_version),"
                                        " (SELECT COUNT(*) FROM sqlite_master WHERE type = 'table'"
                                        " AND name IN ('tags', 'spans', 'rebuilds'))")) ||
                 !q.next())
            schema = sqlError(QStringLiteral("cannot read %1").arg(path), q.lastError());
        else
            schema = q.value(1).toInt() == 3 ? q.value(0).toInt() : 0;
        q.finish();
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    return schema;
}

Result<HistoryCopy> HistoryCopy::run(Database &source, Database &target)
{
    if (source.backend() != Backend::SQLite || target.backend() != Backend::PostgreSQL)
        return makeError(ErrorCode::InvalidInput,
                         QStringLiteral("migrate copies a SQLite history into a PostgreSQL one"));
    if (source.schemaVersion() != Database::kSchemaVersion ||
        target.schemaVersion() != Database::kSchemaVersion)
        return makeError(ErrorCode::InvalidInput,
                         QStringLiteral("both histories must be at schema %1 (%2: %3, %4: %5); nothing was "
                                        "changed")
                             .arg(Database::kSchemaVersion)
                             .arg(source.path())
                             .arg(source.schemaVersion())
                             .arg(target.path())
                             .arg(target.schemaVersion()));
    // One snapshot of the source (WAL keeps it while others write), one transaction on the team database
    // (its writers wait their turn, so the check that it holds no history stays true until the commit).
    QSqlQuery snapshot(source.sql());
    if (!snapshot.exec(QStringLiteral("BEGIN")))
        return sqlError(QStringLiteral("cannot read %1").arg(source.path()), snapshot.lastError());
    HistoryCopy result;
    Status done = target.transaction([&]() -> Status { return Copier(source, target).run(result); });
    snapshot.exec(QStringLiteral("ROLLBACK"));
    if (!done)
        return done.error();
    return result;
}

} // namespace RebuildRadar
