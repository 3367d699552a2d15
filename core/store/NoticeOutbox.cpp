#include "store/NoticeOutbox.h"

#include "store/Database.h"
#include "store/StoreSql.h"

namespace RebuildRadar {

using namespace StoreSql;

NoticeOutbox::NoticeOutbox(Database &database, std::function<qint64()> now)
    : m_db(database)
    , m_now(std::move(now))
{}

Status NoticeOutbox::registerConsumer(const QString &consumer)
{
    return m_db.transaction([&]() -> Status {
        Query start(m_db.sql(), QStringLiteral("INSERT INTO outbox_cursors (consumer, last_rebuild_id)"
                                               " SELECT ?, COALESCE(MAX(id), 0) FROM rebuilds WHERE TRUE"
                                               " ON CONFLICT (consumer) DO NOTHING"));
        return start.bind(consumer).exec(QStringLiteral("cannot start the outbox"));
    });
}

Result<QList<Rebuild>> NoticeOutbox::takeNewRebuilds(const QString &consumer, const Decide &decide)
{
    QList<Rebuild> taken;
    Status done = m_db.transaction([&]() -> Status {
        Query cursor(m_db.sql(),
                     QStringLiteral("SELECT last_rebuild_id FROM outbox_cursors WHERE consumer = ?"));
        if (auto ok = cursor.bind(consumer).exec(QStringLiteral("cannot read the outbox")); !ok)
            return ok;
        if (!cursor.q().next()) {
            Query start(m_db.sql(), QStringLiteral("INSERT INTO outbox_cursors (consumer, last_rebuild_id)"
                                                   " SELECT ?, COALESCE(MAX(id), 0) FROM rebuilds"));
            return start.bind(consumer).exec(QStringLiteral("cannot start the outbox"));
        }
        const qint64 after = cursor.q().value(0).toLongLong();
        // acknowledged by whom is for `decide` to read (each consumer announces for its user)
        Query rebuilds(
            m_db.sql(),
            QStringLiteral("SELECT id, tag_id, detected_at, from_digest, to_digest, platforms_changed,"
                           " platforms_added, platforms_removed, causes, 0 FROM rebuilds"
                           " WHERE id > ? ORDER BY id"));
        if (auto ok = rebuilds.bind(after).exec(QStringLiteral("cannot read rebuilds")); !ok)
            return ok;
        while (rebuilds.q().next())
            taken.append(rebuildFromRow(rebuilds.q()));
        if (taken.isEmpty())
            return Ok{};
        for (const QueuedNotice &notice : decide(taken)) {
            if (auto queued = enqueue(consumer, notice); !queued)
                return queued.error();
        }
        Query move(m_db.sql(),
                   QStringLiteral("UPDATE outbox_cursors SET last_rebuild_id = ? WHERE consumer = ?"));
        return move.bind(taken.last().id).bind(consumer).exec(QStringLiteral("cannot move the outbox"));
    });
    if (!done)
        return done.error();
    return taken;
}

Result<qint64> NoticeOutbox::enqueue(const QString &consumer, const QueuedNotice &notice)
{
    Query insert(m_db.sql(),
                 QStringLiteral("INSERT INTO notices (consumer, tag_id, rebuild_id, kind, created_at)"
                                " VALUES (?, ?, ?, ?, ?) RETURNING id"));
    if (auto ok = insert.bind(consumer)
                      .bind(notice.tagId)
                      .bind(notice.rebuildId)
                      .bind(notice.kind)
                      .bind(m_now())
                      .exec(QStringLiteral("cannot queue a notice"));
        !ok)
        return ok.error();
    return insert.insertedId();
}

Result<QList<QueuedNotice>> NoticeOutbox::pending(const QString &consumer)
{
    Query q(m_db.sql(),
            QStringLiteral("SELECT id, tag_id, rebuild_id, kind, attempts, created_at FROM notices"
                           " WHERE consumer = ? AND delivered_at IS NULL ORDER BY id"));
    if (auto ok = q.bind(consumer).exec(QStringLiteral("cannot read the outbox")); !ok)
        return ok.error();
    QList<QueuedNotice> out;
    while (q.q().next())
        out.append(QueuedNotice{q.q().value(0).toLongLong(), q.q().value(1).toLongLong(),
                                q.q().value(2).toLongLong(), q.q().value(3).toString(),
                                q.q().value(4).toInt(), q.q().value(5).toLongLong()});
    return out;
}

Status NoticeOutbox::markDelivered(qint64 noticeId)
{
    return m_db.transaction([&]() -> Status {
        Query q(m_db.sql(), QStringLiteral("UPDATE notices SET delivered_at = ?, attempts = attempts + 1,"
                                           " last_error = NULL WHERE id = ? AND delivered_at IS NULL"));
        return q.bind(m_now()).bind(noticeId).exec(QStringLiteral("cannot mark a notice delivered"));
    });
}

Status NoticeOutbox::markFailed(qint64 noticeId, const QString &error, bool giveUp)
{
    return m_db.transaction([&]() -> Status {
        // Decided here, not in a CASE: PostgreSQL would type a parameter there as text, not bigint.
        Query q(m_db.sql(), QStringLiteral("UPDATE notices SET attempts = attempts + 1, last_error = ?,"
                                           " delivered_at = ? WHERE id = ? AND delivered_at IS NULL"));
        return q.bind(error)
            .bind(nullable(giveUp ? std::optional<qint64>(m_now()) : std::nullopt))
            .bind(noticeId)
            .exec(QStringLiteral("cannot record a failed delivery"));
    });
}

Result<qint64> NoticeOutbox::newestRebuildId()
{
    Query q(m_db.sql(), QStringLiteral("SELECT COALESCE(MAX(id), 0) FROM rebuilds"));
    if (auto ok = q.exec(QStringLiteral("cannot read rebuilds")); !ok)
        return ok.error();
    return q.q().next() ? q.q().value(0).toLongLong() : 0;
}

Result<qint64> NoticeOutbox::watchlistGeneration()
{
    Query q(m_db.sql(), QStringLiteral("SELECT generation FROM watchlist_generation WHERE id = 1"));
    if (auto ok = q.exec(QStringLiteral("cannot read the watchlist's generation")); !ok)
        return ok.error();
    return q.q().next() ? q.q().value(0).toLongLong() : 0;
}

Result<qint64> NoticeOutbox::dataVersion()
{
    return m_db.dataVersion();
}

} // namespace RebuildRadar
