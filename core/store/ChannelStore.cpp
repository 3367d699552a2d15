#include "store/ChannelStore.h"

#include "store/Database.h"
#include "store/StoreSql.h"

namespace RebuildRadar {

using namespace StoreSql;

namespace {

const QString kColumns =
    QStringLiteral("name, kind, masked_url, tags_pattern, platforms, events, batch_seconds,"
                   " insecure, secret_store, created_at, added_by FROM channels");

NotifyChannel channelFromRow(const QSqlQuery &q)
{
    NotifyChannel c;
    c.name = q.value(0).toString();
    c.kind = q.value(1).toString();
    c.maskedUrl = q.value(2).toString();
    c.tagsPattern = q.value(3).toString();
    c.platforms = listFromJson(q.value(4).toString());
    c.events = listFromJson(q.value(5).toString());
    c.batchSeconds = q.value(6).toInt();
    c.insecure = q.value(7).toBool();
    c.secretStore = q.value(8).toString();
    c.createdAt = q.value(9).toLongLong();
    c.addedBy = q.value(10).toString();
    return c;
}

} // namespace

ChannelStore::ChannelStore(Database &database, std::function<qint64()> now)
    : m_db(database)
    , m_now(std::move(now))
{}

Status ChannelStore::add(const NotifyChannel &channel)
{
    return m_db.transaction([&]() -> Status {
        Query exists(m_db.sql(), QStringLiteral("SELECT 1 FROM channels WHERE name = ?"));
        if (auto ok = exists.bind(channel.name).exec(QStringLiteral("cannot read the channels")); !ok)
            return ok;
        if (exists.q().next())
            return makeError(ErrorCode::InvalidInput,
                             QStringLiteral("a channel named \"%1\" exists already").arg(channel.name));
        Query insert(m_db.sql(),
                     QStringLiteral("INSERT INTO channels (name, kind, masked_url, tags_pattern, platforms,"
                                    " events, batch_seconds, insecure, secret_store, created_at, added_by)"
                                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
        if (auto ok = insert.bind(channel.name)
                          .bind(channel.kind)
                          .bind(channel.maskedUrl)
                          .bind(nullable(channel.tagsPattern))
                          .bind(channel.platforms.isEmpty() ? QVariant(QMetaType::fromType<QString>())
                                                            : QVariant(toJson(channel.platforms)))
                          .bind(toJson(channel.events))
                          .bind(channel.batchSeconds)
                          .bind(channel.insecure ? 1 : 0)
                          .bind(channel.secretStore)
                          .bind(m_now())
                          .bind(channel.addedBy.isEmpty() ? Database::userName() : channel.addedBy)
                          .exec(QStringLiteral("cannot add the channel"));
            !ok)
            return ok;
        // The channel announces what is recorded from now on.
        Query cursor(m_db.sql(),
                     QStringLiteral(
                         "INSERT INTO outbox_cursors (consumer, last_rebuild_id)"
                         " SELECT ?, COALESCE(MAX(id), 0) FROM rebuilds WHERE TRUE"
                         " ON CONFLICT (consumer) DO UPDATE SET last_rebuild_id = excluded.last_rebuild_id"));
        return cursor.bind(consumerOf(channel.name))
            .exec(QStringLiteral("cannot start the channel's outbox"));
    });
}

Result<QList<NotifyChannel>> ChannelStore::list()
{
    Query q(m_db.sql(), QStringLiteral("SELECT ") + kColumns + QStringLiteral(" ORDER BY name"));
    if (auto ok = q.exec(QStringLiteral("cannot read the channels")); !ok)
        return ok.error();
    QList<NotifyChannel> out;
    while (q.q().next())
        out.append(channelFromRow(q.q()));
    return out;
}

Result<std::optional<NotifyChannel>> ChannelStore::find(const QString &name)
{
    Query q(m_db.sql(), QStringLiteral("SELECT ") + kColumns + QStringLiteral(" WHERE name = ?"));
    if (auto ok = q.bind(name).exec(QStringLiteral("cannot read the channels")); !ok)
        return ok.error();
    if (!q.q().next())
        return std::optional<NotifyChannel>();
    return std::optional<NotifyChannel>(channelFromRow(q.q()));
}

Status ChannelStore::remove(const QString &name)
{
    return m_db.transaction([&]() -> Status {
        Query del(m_db.sql(), QStringLiteral("DELETE FROM channels WHERE name = ?"));
        if (auto ok = del.bind(name).exec(QStringLiteral("cannot remove the channel")); !ok)
            return ok;
        if (del.q().numRowsAffected() < 1)
            return makeError(ErrorCode::NotFound, QStringLiteral("no channel is named \"%1\"").arg(name));
        Query notices(m_db.sql(), QStringLiteral("DELETE FROM notices WHERE consumer = ?"));
        if (auto ok =
                notices.bind(consumerOf(name)).exec(QStringLiteral("cannot remove the channel's notices"));
            !ok)
            return ok;
        Query cursor(m_db.sql(), QStringLiteral("DELETE FROM outbox_cursors WHERE consumer = ?"));
        return cursor.bind(consumerOf(name)).exec(QStringLiteral("cannot remove the channel's outbox"));
    });
}

Result<ChannelDeliveryState> ChannelStore::deliveryState(const QString &name)
{
    ChannelDeliveryState state;
    const QString consumer = consumerOf(name);
    Query last(m_db.sql(), QStringLiteral("SELECT delivered_at, last_error FROM notices WHERE consumer = ?"
                                          " AND delivered_at IS NOT NULL ORDER BY delivered_at DESC, id DESC"
                                          " LIMIT 1"));
    if (auto ok = last.bind(consumer).exec(QStringLiteral("cannot read the channel's outbox")); !ok)
        return ok.error();
    if (last.q().next()) {
        state.lastAt = last.q().value(0).toLongLong();
        state.lastError = last.q().value(1).toString();
        state.lastOk = state.lastError.isEmpty();
    }
    Query counts(m_db.sql(),
                 QStringLiteral("SELECT COALESCE(SUM(CASE WHEN delivered_at IS NULL THEN 1 ELSE 0 END), 0),"
                                " COALESCE(SUM(CASE WHEN delivered_at IS NOT NULL AND last_error IS NOT NULL"
                                " THEN 1 ELSE 0 END), 0) FROM notices WHERE consumer = ?"));
    if (auto ok = counts.bind(consumer).exec(QStringLiteral("cannot read the channel's outbox")); !ok)
        return ok.error();
    if (counts.q().next()) {
        state.pending = counts.q().value(0).toInt();
        state.failed = counts.q().value(1).toInt();
    }
    // A notice still retrying says why: its last error, before it is given up.
    if (state.pending > 0) {
        Query retrying(m_db.sql(), QStringLiteral("SELECT last_error FROM notices WHERE consumer = ? AND"
                                                  " delivered_at IS NULL AND last_error IS NOT NULL"
                                                  " ORDER BY id DESC LIMIT 1"));
        if (auto ok = retrying.bind(consumer).exec(QStringLiteral("cannot read the channel's outbox")); !ok)
            return ok.error();
        if (retrying.q().next()) {
            state.lastOk = false;
            state.lastError = retrying.q().value(0).toString();
        }
    }
    return state;
}

Result<bool> ChannelStore::claim(const QString &name, const QString &owner, qint64 leaseMs,
                                 const std::function<bool(const QString &)> &ownerGone)
{
    bool held = false;
    Status done = m_db.transaction([&]() -> Status {
        const qint64 now = m_now();
        QString gone; // the holder, when it is known to run no more
        if (ownerGone) {
            Query holder(m_db.sql(), QStringLiteral("SELECT lease_owner FROM channels WHERE name = ? AND"
                                                    " lease_owner IS NOT NULL AND lease_owner <> ?"));
            if (auto ok = holder.bind(name).bind(owner).exec(QStringLiteral("cannot read the channels")); !ok)
                return ok;
            if (holder.q().next() && ownerGone(holder.q().value(0).toString()))
                gone = holder.q().value(0).toString();
        }
        Query q(m_db.sql(),
                QStringLiteral("UPDATE channels SET lease_owner = ?, lease_until = ? WHERE name = ?"
                               " AND (lease_owner IS NULL OR lease_owner = ? OR lease_until < ?"
                               " OR lease_owner = ?)"));
        if (auto ok = q.bind(owner)
                          .bind(now + leaseMs)
                          .bind(name)
                          .bind(owner)
                          .bind(now)
                          .bind(gone)
                          .exec(QStringLiteral("cannot claim the channel"));
            !ok)
            return ok;
        held = q.q().numRowsAffected() > 0;
        return Ok{};
    });
    if (!done)
        return done.error();
    return held;
}

Status ChannelStore::release(const QString &name, const QString &owner)
{
    return m_db.transaction([&]() -> Status {
        Query q(m_db.sql(), QStringLiteral("UPDATE channels SET lease_owner = NULL, lease_until = NULL"
                                           " WHERE name = ? AND lease_owner = ?"));
        return q.bind(name).bind(owner).exec(QStringLiteral("cannot release the channel"));
    });
}

} // namespace RebuildRadar
