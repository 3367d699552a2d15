#pragma once

// The notification channels (schema 9): adding one (its outbox cursor starts at the newest rebuild, so
// the past is not news), listing, removing (its queued notices go with it), how its deliveries went
// (read from its notices in the outbox), and the lease that lets one program at a time deliver it.
// Secrets never reach this table: it holds the URL masked.

#include "common/Result.h"
#include "domain/NotifyChannel.h"

#include <QList>

#include <functional>
#include <optional>

namespace RebuildRadar {

class Database;

class ChannelStore
{
public:
    ChannelStore(Database &database, std::function<qint64()> now);

    // The outbox consumer a channel delivers as.
    static QString consumerOf(const QString &name) { return QStringLiteral("channel:") + name; }

    // Refuses a name already taken (ErrorCode::InvalidInput).
    Status add(const NotifyChannel &channel);
    Result<QList<NotifyChannel>> list();
    Result<std::optional<NotifyChannel>> find(const QString &name);
    // Refuses an unknown name (ErrorCode::NotFound); drops the channel's queued notices and cursor.
    Status remove(const QString &name);
    Result<ChannelDeliveryState> deliveryState(const QString &name);

    // Takes or renews the channel's lease for `owner` until now + leaseMs; false while another owner
    // holds one that has not run out, unless `ownerGone` says that owner no longer runs (a program
    // killed on this machine: its lease need not be waited out).
    Result<bool> claim(const QString &name, const QString &owner, qint64 leaseMs,
                       const std::function<bool(const QString &)> &ownerGone = {});
    Status release(const QString &name, const QString &owner);

private:
    Database &m_db;
    std::function<qint64()> m_now;
};

} // namespace RebuildRadar
